package io.nvo3.bgp.peers;

/** The address families the test peers are configured with, named as each daemon spells them. */
public enum PeerFamily {
    IPV4_UNICAST("ipv4-unicast", "ipv4 unicast", "ipv4", "ipv4 unicast"),
    IPV6_UNICAST("ipv6-unicast", "ipv6 unicast", "ipv6", "ipv6 unicast"),
    VPNV4("l3vpn-ipv4-unicast", "ipv4 vpn", "vpn4 mpls", "ipv4 mpls-vpn"),
    VPNV6("l3vpn-ipv6-unicast", "ipv6 vpn", "vpn6 mpls", "ipv6 mpls-vpn"),
    EVPN("l2vpn-evpn", "l2vpn evpn", null, "l2vpn evpn"),
    RTC("rtc", null, null, null);

    final String gobgp;
    final String frr;
    final String bird;
    final String exabgp;

    PeerFamily(String gobgp, String frr, String bird, String exabgp) {
        this.gobgp = gobgp;
        this.frr = frr;
        this.bird = bird;
        this.exabgp = exabgp;
    }
}
