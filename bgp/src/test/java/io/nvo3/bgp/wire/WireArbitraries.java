package io.nvo3.bgp.wire;

import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.extcommunities.AdministratorType;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.message.BgpMessage;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.NotificationMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.OptionalParameter;
import io.nvo3.bgp.wire.message.RouteRefreshMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.RtMembership;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every message, attribute, capability and NLRI kind. */
public final class WireArbitraries {
    private WireArbitraries() {
    }

    public static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffff_ffffL);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<Inet4Address> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(b -> (Inet4Address) WireReader.address(b));
    }

    static Arbitrary<InetAddress> ipv6() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(WireReader::address);
    }

    static Arbitrary<InetAddress> anyIp() {
        return Arbitraries.oneOf(ipv4().map(a -> (InetAddress) a), ipv6());
    }

    static Arbitrary<AfiSafi> family() {
        return Arbitraries.oneOf(Arbitraries.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST, AfiSafi.VPN_IPV4, AfiSafi.VPN_IPV6,
                AfiSafi.L2VPN_EVPN, AfiSafi.RT_CONSTRAINT), Combinators.combine(Arbitraries.integers().between(0, 0xffff),
                Arbitraries.integers().between(0, 255)).as(AfiSafi::new));
    }

    static InetAddress mask(byte[] raw, int bits) {
        for (int i = 0; i < raw.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            raw[i] &= (byte) (0xff00 >>> keep);
        }
        return WireReader.address(raw);
    }

    static Arbitrary<IpPrefix> ipPrefix(int width, boolean addPath) {
        return Combinators.combine(pathId(addPath), Arbitraries.bytes().array(byte[].class).ofSize(width),
                Arbitraries.integers().between(0, width * 8)).as((id, raw, len) -> new IpPrefix(id, mask(raw, len), len));
    }

    static Arbitrary<Long> pathId(boolean addPath) {
        return addPath ? u32() : Arbitraries.just(Nlri.NO_PATH_ID);
    }

    public static Arbitrary<RouteDistinguisher> rd() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 0xffff), u32()).as(RouteDistinguisher::type0),
                Combinators.combine(u32(), Arbitraries.integers().between(0, 0xffff)).as(RouteDistinguisher::type1),
                Combinators.combine(u32(), Arbitraries.integers().between(0, 0xffff)).as(RouteDistinguisher::type2),
                bytes(8, 8).filter(b -> b.get(0) != 0 || b.get(1) > 2).map(RouteDistinguisher::new));
    }

    static Arbitrary<Integer> label24() {
        return Arbitraries.integers().between(0, 0xffffff);
    }

    static Arbitrary<VpnPrefix> vpnPrefix(int width, boolean addPath) {
        Arbitrary<List<Integer>> stack = Arbitraries.integers().between(0, 2).flatMap(n ->
                Arbitraries.integers().between(1, 0xfffff).list().ofSize(n).flatMap(upper ->
                        Arbitraries.integers().between(0, 0xfffff).map(last -> {
                            List<Integer> s = new ArrayList<>();
                            upper.forEach(u -> s.add(u << 4));
                            s.add((last << 4) | 1);
                            return s;
                        })));
        return Combinators.combine(pathId(addPath), stack, rd(), Arbitraries.bytes().array(byte[].class).ofSize(width),
                Arbitraries.integers().between(0, width * 8)).as((id, labels, rd, raw, len) -> {
                    int max = 255 - 64 - 24 * labels.size();
                    int l = Math.min(len, max);
                    return new VpnPrefix(id, labels, rd, mask(raw, l), l);
                });
    }

    static Arbitrary<Esi> esi() {
        return Arbitraries.oneOf(Arbitraries.just(Esi.ZERO), bytes(10, 10).map(Esi::new));
    }

    static Arbitrary<Long> tag() {
        return u32();
    }

    static Arbitrary<EvpnRoute> evpn(boolean addPath) {
        Arbitrary<Long> id = pathId(addPath);
        Arbitrary<EvpnRoute> ad = Combinators.combine(id, rd(), esi(), tag(), label24()).as(EvpnRoute.EthernetAd::new);
        Arbitrary<EvpnRoute> mac = Combinators.combine(id, rd(), esi(), tag(), Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(MacAddress::new),
                anyIp().optional(), label24(), label24().optional().map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty())))
                .as(EvpnRoute.MacIpAdvertisement::new);
        Arbitrary<EvpnRoute> imet = Combinators.combine(id, rd(), tag(), anyIp()).as(EvpnRoute.InclusiveMulticast::new);
        Arbitrary<EvpnRoute> es = Combinators.combine(id, rd(), esi(), anyIp()).as(EvpnRoute.EthernetSegment::new);
        Arbitrary<EvpnRoute> t5 = Arbitraries.integers().between(4, 16).filter(w -> w == 4 || w == 16).flatMap(w ->
                Combinators.combine(id, rd(), esi(), tag(), Arbitraries.bytes().array(byte[].class).ofSize(w),
                        Arbitraries.integers().between(0, w * 8), Arbitraries.bytes().array(byte[].class).ofSize(w), label24())
                        .as((i, r, e, t, p, l, g, lab) -> new EvpnRoute.IpPrefixRoute(i, r, e, t, mask(p, l), l, WireReader.address(g), lab)));
        Arbitrary<EvpnRoute> unknown = Combinators.combine(id, Arbitraries.integers().between(6, 255), bytes(0, 40)).as(EvpnRoute.UnknownRoute::new);
        return Arbitraries.oneOf(ad, mac, imet, es, t5, unknown);
    }

    static Arbitrary<RtMembership> rtc(boolean addPath) {
        return Arbitraries.oneOf(Arbitraries.just(RtMembership.defaultRoute()).map(d -> new RtMembership(addPath ? 7 : Nlri.NO_PATH_ID, 0, 0, d.routeTarget())),
                Combinators.combine(pathId(addPath), Arbitraries.integers().between(32, 96), u32(), Arbitraries.bytes().array(byte[].class).ofSize(8))
                        .as((id, len, as, rt) -> {
                            for (int i = 0; i < 8; i++) {
                                int keep = Math.max(0, Math.min(8, len - 32 - 8 * i));
                                rt[i] &= (byte) (0xff00 >>> keep);
                            }
                            return new RtMembership(id, len, as, Bytes.of(rt));
                        }));
    }

    /** NLRI lists of a family for the given ADD-PATH setting. */
    static Arbitrary<List<Nlri>> nlri(AfiSafi f, boolean addPath) {
        Arbitrary<? extends Nlri> one;
        if (f.equals(AfiSafi.IPV4_UNICAST)) one = ipPrefix(4, addPath);
        else if (f.equals(AfiSafi.IPV6_UNICAST)) one = ipPrefix(16, addPath);
        else if (f.equals(AfiSafi.VPN_IPV4)) one = vpnPrefix(4, addPath);
        else if (f.equals(AfiSafi.VPN_IPV6)) one = vpnPrefix(16, addPath);
        else if (f.equals(AfiSafi.L2VPN_EVPN)) one = evpn(addPath);
        else if (f.equals(AfiSafi.RT_CONSTRAINT)) one = rtc(addPath);
        else return bytes(0, 30).map(b -> b.length() == 0 ? List.<Nlri>of() : List.<Nlri>of(new io.nvo3.bgp.wire.nlri.UnknownNlri(b)));
        return one.map(n -> (Nlri) n).list().ofMaxSize(4);
    }

    public static Arbitrary<ExtendedCommunity> extCommunity() {
        Arbitrary<AdministratorType> at = Arbitraries.of(AdministratorType.class);
        Arbitrary<ExtendedCommunity> rt = at.flatMap(t -> t == AdministratorType.AS2
                ? Combinators.combine(Arbitraries.longs().between(0, 0xffff), u32()).as((g, l) -> new ExtendedCommunity.RouteTarget(t, g, l))
                : Combinators.combine(u32(), Arbitraries.longs().between(0, 0xffff)).as((g, l) -> new ExtendedCommunity.RouteTarget(t, g, l)));
        Arbitrary<ExtendedCommunity> ro = rt.map(r -> {
            var x = (ExtendedCommunity.RouteTarget) r;
            return new ExtendedCommunity.RouteOrigin(x.type(), x.global(), x.local());
        });
        return Arbitraries.oneOf(rt, ro,
                Arbitraries.integers().between(0, 0xffff).map(ExtendedCommunity.Encapsulation::new),
                Combinators.combine(Arbitraries.of(true, false), u32()).as(ExtendedCommunity.MacMobility::new),
                Combinators.combine(Arbitraries.of(true, false), label24()).as(ExtendedCommunity.EsiLabel::new),
                Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(m -> new ExtendedCommunity.RouterMac(new MacAddress(m))),
                Arbitraries.just(new ExtendedCommunity.DefaultGateway()),
                // Unknown stays unknown only for kinds the codec does not interpret (type 0x80+ here).
                bytes(8, 8).filter(b -> b.get(0) >= 0x80).map(ExtendedCommunity.Unknown::new));
    }

    static Arbitrary<AsPathSegment> segment(boolean fourOctet) {
        return Combinators.combine(Arbitraries.of(AsPathSegment.Type.class),
                (fourOctet ? u32() : Arbitraries.longs().between(0, 0xffff)).list().ofMinSize(1).ofMaxSize(6)).as(AsPathSegment::new);
    }

    /** Attributes that decode back equal under {@code ctx}, without MP_* (added per family). */
    static Arbitrary<List<PathAttribute>> plainAttributes(CodecContext ctx) {
        boolean four = ctx.fourOctetAs();
        List<Arbitrary<PathAttribute>> each = List.of(
                Arbitraries.of(PathAttribute.Origin.OriginType.class).map(PathAttribute.Origin::new),
                segment(four).list().ofMaxSize(3).map(PathAttribute.AsPath::new),
                ipv4().map(PathAttribute.NextHop::new),
                u32().map(PathAttribute.MultiExitDisc::new),
                u32().map(PathAttribute.LocalPref::new),
                Arbitraries.just(new PathAttribute.AtomicAggregate()),
                Combinators.combine(four ? u32() : Arbitraries.longs().between(0, 0xffff), ipv4()).as(PathAttribute.Aggregator::new),
                u32().list().ofMinSize(1).ofMaxSize(5).map(PathAttribute.Communities::new),
                ipv4().map(PathAttribute.OriginatorId::new),
                ipv4().list().ofMinSize(1).ofMaxSize(4).map(PathAttribute.ClusterList::new),
                extCommunity().list().ofMinSize(1).ofMaxSize(5).map(PathAttribute.ExtendedCommunities::new),
                Combinators.combine(u32(), u32(), u32()).as(PathAttribute.LargeCommunity::new).list().ofMinSize(1).ofMaxSize(3)
                        .map(PathAttribute.LargeCommunities::new),
                Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), label24(), bytes(0, 16))
                        .as(PathAttribute.PmsiTunnel::new),
                // unknown optional attributes of unassigned types (flags keep Optional set)
                Combinators.combine(Arbitraries.integers().between(0, 0x3f).map(f -> 0x80 | (f & 0x60)), Arbitraries.integers().between(200, 255), bytes(0, 300))
                        .as(PathAttribute.UnknownAttribute::new));
        List<Arbitrary<List<PathAttribute>>> optionalEach = new ArrayList<>();
        for (Arbitrary<PathAttribute> a : each) {
            optionalEach.add(a.optional(0.4).map(o -> o.map(List::of).orElse(List.of())));
        }
        Arbitrary<List<PathAttribute>> all = Combinators.combine(optionalEach).as(lists -> {
            List<PathAttribute> out = new ArrayList<>();
            lists.forEach(out::addAll);
            return out;
        });
        if (!four) {
            Arbitrary<List<PathAttribute>> as4 = Combinators.combine(segment(true).list().ofMaxSize(2).map(PathAttribute.As4Path::new).optional(0.3),
                    Combinators.combine(u32(), ipv4()).as(PathAttribute.As4Aggregator::new).optional(0.3)).as((p, g) -> {
                        List<PathAttribute> out = new ArrayList<>();
                        p.ifPresent(out::add);
                        g.ifPresent(out::add);
                        return out;
                    });
            return Combinators.combine(all, as4).as((a, b) -> {
                List<PathAttribute> out = new ArrayList<>(a);
                out.addAll(b);
                return out;
            });
        }
        return all;
    }

    static Arbitrary<byte[]> nextHopFor(AfiSafi f) {
        int[] lens;
        if (f.safi() == AfiSafi.SAFI_MPLS_VPN) lens = new int[] {12, 24};
        else if (f.equals(AfiSafi.IPV6_UNICAST)) lens = new int[] {16, 32};
        else lens = new int[] {4, 16};
        return Arbitraries.of(lens[0], lens[1]).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    public static Arbitrary<CodecContext> context() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST, AfiSafi.VPN_IPV4, AfiSafi.L2VPN_EVPN, AfiSafi.RT_CONSTRAINT).set().ofMaxSize(3))
                .as((four, ext, ap) -> new CodecContext(four, ext, Set.copyOf(ap), false));
    }

    /** UPDATEs that are valid under ctx (so they decode clean). */
    public static Arbitrary<UpdateMessage> update(CodecContext ctx) {
        boolean v4ap = ctx.addPath(AfiSafi.IPV4_UNICAST);
        Arbitrary<List<IpPrefix>> withdrawn = ipPrefix(4, v4ap).list().ofMaxSize(3);
        Arbitrary<List<IpPrefix>> nlri = ipPrefix(4, v4ap).list().ofMaxSize(3);
        Arbitrary<List<PathAttribute>> mp = family().flatMap(f -> Combinators.combine(nextHopFor(f), nlri(f, ctx.addPath(f)),
                nlri(f, ctx.addPath(f)), Arbitraries.of(0, 1, 2, 3)).as((nh, reach, unreach, which) -> {
                    List<PathAttribute> out = new ArrayList<>();
                    if ((which & 1) != 0 || reach.isEmpty() && which == 0) out.add(new PathAttribute.MpUnreachNlri(f, unreach));
                    if ((which & 2) != 0) out.add(new PathAttribute.MpReachNlri(f, Bytes.of(nh), reach));
                    return out;
                }));
        return Combinators.combine(withdrawn, plainAttributes(ctx), mp, nlri).as((w, attrs, m, n) -> {
            List<PathAttribute> all = new ArrayList<>(m);
            all.addAll(attrs);
            boolean announces = !n.isEmpty() || all.stream().anyMatch(a -> a instanceof PathAttribute.MpReachNlri);
            if (announces) {
                // well-known mandatory attributes (RFC 7606 §3 (d)); NEXT_HOP only with IPv4 NLRI
                if (all.stream().noneMatch(a -> a instanceof PathAttribute.Origin)) all.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
                if (all.stream().noneMatch(a -> a instanceof PathAttribute.AsPath)) all.add(PathAttribute.AsPath.EMPTY);
                if (!n.isEmpty() && all.stream().noneMatch(a -> a instanceof PathAttribute.NextHop)) {
                    all.add(new PathAttribute.NextHop((Inet4Address) WireReader.address(new byte[] {(byte) 198, 18, 0, 1})));
                }
            }
            return new UpdateMessage(w, all, n);
        });
    }

    public static Arbitrary<Capability> capability() {
        Arbitrary<AfiSafi> fam = family();
        return Arbitraries.oneOf(
                fam.map(Capability.Multiprotocol::new),
                Arbitraries.just(new Capability.RouteRefresh()),
                Arbitraries.just(new Capability.EnhancedRouteRefresh()),
                Arbitraries.just(new Capability.ExtendedMessage()),
                u32().map(Capability.FourOctetAs::new),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 4095),
                        Combinators.combine(fam, Arbitraries.of(true, false)).as(Capability.GracefulRestartFamily::new).list().ofMaxSize(4))
                        .as(Capability.GracefulRestart::new),
                Combinators.combine(fam, Arbitraries.integers().between(1, 3)).as((f, sr) -> new Capability.AddPathFamily(f, (sr & 1) != 0, (sr & 2) != 0))
                        .list().ofMinSize(1).ofMaxSize(4).map(Capability.AddPath::new),
                Combinators.combine(Arbitraries.strings().alpha().numeric().ofMaxLength(20), Arbitraries.strings().alpha().ofMaxLength(20)).as(Capability.Fqdn::new),
                Combinators.combine(Arbitraries.integers().between(128, 255), bytes(0, 20)).as(Capability.UnknownCapability::new));
    }

    public static Arbitrary<OpenMessage> open() {
        Arbitrary<OptionalParameter> param = Arbitraries.oneOf(
                capability().list().ofMaxSize(8).map(OptionalParameter.Capabilities::new),
                Combinators.combine(Arbitraries.integers().between(3, 254), bytes(0, 30)).as(OptionalParameter.UnknownParameter::new));
        return Combinators.combine(Arbitraries.integers().between(0, 0xffff), Arbitraries.integers().between(0, 0xffff).filter(h -> h != 1 && h != 2),
                ipv4().filter(a -> a.hashCode() != 0), param.list().ofMaxSize(3), Arbitraries.of(true, false))
                .as((as, hold, id, params, ext) -> new OpenMessage(4, as, hold, id, params, ext))
                .filter(o -> o.extendedParameters() || encodedParamLength(o) <= 254);
    }

    private static int encodedParamLength(OpenMessage o) {
        int n = 0;
        for (OptionalParameter p : o.parameters()) {
            int v = switch (p) {
                case OptionalParameter.Capabilities c -> c.capabilities().stream().mapToInt(x -> 2 + io.nvo3.bgp.wire.capabilities.CapabilityCodec.valueOf(x).length()).sum();
                case OptionalParameter.UnknownParameter u -> u.value().length();
            };
            if (v > 255) return 1000;
            n += 2 + v;
        }
        return n;
    }

    public static Arbitrary<BgpMessage> message(CodecContext ctx) {
        return Arbitraries.oneOf(
                open().map(m -> (BgpMessage) m),
                update(ctx).map(m -> (BgpMessage) m),
                Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255), bytes(0, 40))
                        .as(NotificationMessage::new),
                Arbitraries.just(KeepaliveMessage.INSTANCE),
                Combinators.combine(family(), Arbitraries.integers().between(0, 255), bytes(0, 12))
                        .as((f, st, orf) -> new RouteRefreshMessage(f, st, st == 1 || st == 2 ? Bytes.EMPTY : orf)));
    }
}
