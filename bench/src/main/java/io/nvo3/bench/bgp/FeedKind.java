package io.nvo3.bench.bgp;

import io.nvo3.bgp.wire.AfiSafi;

/** The three feeds of the ingest benchmark and how each daemon names their family. */
enum FeedKind {
    IPV4(AfiSafi.IPV4_UNICAST, "ipv4 unicast", "ipv4-unicast", "ipv4"),
    VPNV4(AfiSafi.VPN_IPV4, "ipv4 vpn", "l3vpn-ipv4-unicast", "vpnv4"),
    EVPN(AfiSafi.L2VPN_EVPN, "l2vpn evpn", "l2vpn-evpn", "evpn");

    final AfiSafi family;
    /** FRR's {@code address-family} / {@code show bgp <family> summary} words. */
    final String frr;
    /** GoBGP's {@code afi-safi-name}. */
    final String gobgp;
    /** The name on our command line and in the results table. */
    final String label;

    FeedKind(AfiSafi family, String frr, String gobgp, String label) {
        this.family = family;
        this.frr = frr;
        this.gobgp = gobgp;
        this.label = label;
    }

    static FeedKind parse(String s) {
        for (FeedKind k : values()) {
            if (k.label.equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("feed: ipv4, vpnv4 or evpn, got " + s);
    }
}
