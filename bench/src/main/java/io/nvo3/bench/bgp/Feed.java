package io.nvo3.bench.bgp;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.DecodedMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * A route feed encoded once with the project's wire codec: UPDATEs packed with as many NLRI as fit a
 * 4096-octet message under one attribute set (as real full-table feeds are), then the End-of-RIB.
 *
 * <p>Addresses are route entries only — no packet is ever sent to them: IPv4 /32s count up from
 * 100.64.0.0 (RFC 6598 shared space, 4M addresses); VPNv4 reuses the 131072 /32s of 198.18.0.0/15
 * (RFC 2544 benchmarking space) under one RD per 131072 routes; EVPN type 2 routes carry distinct
 * locally administered MACs 02:xx:xx:xx:xx:xx. The next hop is 198.18.0.1.
 */
record Feed(FeedKind kind, int routes, List<byte[]> updates, byte[] endOfRib, long octets) {
    static final String NEXT_HOP = "198.18.0.1";
    static final long FEEDER_AS = 65001;
    /** What the feeder sends: 4-octet AS (every peer here announces capability 65), no extended messages. */
    static final CodecContext CONTEXT = new CodecContext(true, false, java.util.Set.of(), true);
    private static final int MAX = 4096;
    private static final int V4_BASE = ipv4("100.64.0.0");
    private static final int V4_LIMIT = 1 << 22; // 100.64.0.0/10
    private static final int VPN_BASE = ipv4("198.18.0.0");
    private static final int VPN_SPAN = 1 << 17; // 198.18.0.0/15

    static Feed build(FeedKind kind, int routes) {
        if (routes <= 0) {
            throw new IllegalArgumentException("routes: > 0");
        }
        if (kind == FeedKind.IPV4 && routes > V4_LIMIT) {
            throw new IllegalArgumentException("ipv4 feed: at most " + V4_LIMIT + " distinct /32s in 100.64.0.0/10");
        }
        IntFunction<Nlri> route = switch (kind) {
            case IPV4 -> i -> IpPrefix.of(address(V4_BASE + i), 32);
            // Label 16 + i % 100000: distinct labels do not split the attribute set (the label is in the NLRI).
            case VPNV4 -> i -> VpnPrefix.of(16 + i % 100_000, RouteDistinguisher.type0((int) FEEDER_AS, 1 + i / VPN_SPAN),
                    address(VPN_BASE + i % VPN_SPAN), 32);
            case EVPN -> i -> new EvpnRoute.MacIpAdvertisement(0, RouteDistinguisher.type0((int) FEEDER_AS, 100), Esi.ZERO, 0,
                    MacAddress.of(new byte[] {0x02, 0, (byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i}),
                    Optional.empty(), Labels.vni(100), OptionalInt.empty());
        };
        List<byte[]> out = new ArrayList<>();
        long octets = 0;
        int per = -1;
        for (int i = 0; i < routes; ) {
            if (per < 0) {
                per = fit(kind, route, i, routes);
            }
            int n = Math.min(per, routes - i);
            byte[] u = encode(kind, slice(route, i, n));
            out.add(u);
            octets += u.length;
            i += n;
        }
        byte[] eor = BgpCodec.encode(kind == FeedKind.IPV4
                ? new UpdateMessage(List.of(), List.of(), List.of())
                : new UpdateMessage(List.of(), List.of(new PathAttribute.MpUnreachNlri(kind.family, List.of())), List.of()), CONTEXT);
        Feed f = new Feed(kind, routes, List.copyOf(out), eor, octets + eor.length);
        f.verify();
        return f;
    }

    /** The largest NLRI count that still fits one message (all NLRI of a feed have the same size). */
    private static int fit(FeedKind kind, IntFunction<Nlri> route, int from, int routes) {
        int lo = 1;
        int hi = Math.min(MAX, routes - from);
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (encodeOrNull(kind, slice(route, from, mid)) != null) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static List<Nlri> slice(IntFunction<Nlri> route, int from, int n) {
        List<Nlri> l = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            l.add(route.apply(from + k));
        }
        return l;
    }

    private static byte[] encodeOrNull(FeedKind kind, List<Nlri> nlri) {
        try {
            byte[] b = encode(kind, nlri);
            return b.length <= MAX ? b : null;
        } catch (IllegalArgumentException tooBig) {
            return null;
        }
    }

    private static byte[] encode(FeedKind kind, List<Nlri> nlri) {
        List<PathAttribute> a = new ArrayList<>();
        a.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
        a.add(new PathAttribute.AsPath(List.of(AsPathSegment.sequence(FEEDER_AS))));
        InetAddress nh = address(ipv4(NEXT_HOP));
        UpdateMessage u = switch (kind) {
            case IPV4 -> {
                a.add(new PathAttribute.NextHop((Inet4Address) nh));
                yield new UpdateMessage(List.of(), a, nlri.stream().map(IpPrefix.class::cast).toList());
            }
            case VPNV4 -> {
                a.add(PathAttribute.MpReachNlri.of(AfiSafi.VPN_IPV4, nh, nlri));
                a.add(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65001:1"))));
                yield new UpdateMessage(List.of(), a, List.of());
            }
            case EVPN -> {
                a.add(PathAttribute.MpReachNlri.of(AfiSafi.L2VPN_EVPN, nh, nlri));
                a.add(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65001:100"),
                        ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN))));
                yield new UpdateMessage(List.of(), a, List.of());
            }
        };
        return BgpCodec.encode(u, CONTEXT);
    }

    /** Decodes the first and last UPDATE with the codec and checks the feed's total with the fast counter. */
    private void verify() {
        long total = 0;
        for (byte[] u : updates) {
            total += NlriCounter.count(u).announced();
        }
        if (total != routes) {
            throw new IllegalStateException("feed holds " + total + " NLRI, wanted " + routes);
        }
        for (byte[] u : List.of(updates.getFirst(), updates.getLast())) {
            try {
                if (!(BgpCodec.decode(u, CONTEXT) instanceof DecodedMessage.Update d) || !d.result().problems().isEmpty()
                        || d.result().announced().size() != NlriCounter.count(u).announced()) {
                    throw new IllegalStateException("feed UPDATE does not decode cleanly: " + BgpCodec.decode(u, CONTEXT));
                }
            } catch (BgpNotificationException e) {
                throw new IllegalStateException("feed UPDATE does not decode", e);
            }
        }
        if (!NlriCounter.count(endOfRib).endOfRib()) {
            throw new IllegalStateException("End-of-RIB not recognised");
        }
    }

    int perUpdate() {
        return NlriCounter.count(updates.getFirst()).announced();
    }

    static int ipv4(String dotted) {
        try {
            byte[] b = InetAddress.getByName(dotted).getAddress();
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }

    static InetAddress address(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
