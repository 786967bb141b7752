package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.message.AttributeMemo;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.DecodedMessage;
import io.nvo3.bgp.wire.message.UpdateDecodeResult;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
import io.nvo3.bgp.wire.nlri.PackedVpn4Prefixes;
import io.nvo3.bgp.wire.nlri.PackedEvpnMacIp;
import io.nvo3.bgp.wire.nlri.PackedMpNlri;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.Optional;
import java.util.OptionalInt;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The packed decode ({@link BgpCodec#decode(byte[], CodecContext, boolean)}, used by the sessions) against
 * the generic decode as the oracle: on valid UPDATEs, on mutated and truncated ones, under contexts with
 * and without ADD-PATH, both give the same RFC 7606 verdict, the same problems and the same routes.
 */
class PackedDecodePropertiesTest {
    private static final List<CodecContext> CONTEXTS = List.of(Golden.CTX, CodecContext.INITIAL,
            Golden.CTX.withAddPath(Set.of(AfiSafi.IPV4_UNICAST)), Golden.CTX.withAddPath(Set.of(AfiSafi.VPN_IPV4, AfiSafi.L2VPN_EVPN)));

    /** A packed decoder under test. */
    @FunctionalInterface
    interface Packed {
        DecodedMessage decode(byte[] frame, CodecContext ctx) throws BgpNotificationException;
    }

    static UpdateDecodeResult assertSameVerdict(byte[] frame, CodecContext ctx) {
        return assertSameVerdict(frame, ctx, (f, c) -> BgpCodec.decode(f, c, true));
    }

    /** Both decodes of {@code frame} under {@code ctx} agree; returns the packed one's result (null when both threw or it is no UPDATE). */
    static UpdateDecodeResult assertSameVerdict(byte[] frame, CodecContext ctx, Packed decoder) {
        DecodedMessage generic;
        try {
            generic = BgpCodec.decode(frame, ctx);
        } catch (BgpNotificationException e) {
            try {
                decoder.decode(frame, ctx);
            } catch (BgpNotificationException p) {
                assertThat(p.code()).isEqualTo(e.code());
                assertThat(p.subcode()).isEqualTo(e.subcode());
                return null;
            }
            throw new AssertionError("the packed decode did not throw " + e);
        }
        DecodedMessage packed;
        try {
            packed = decoder.decode(frame, ctx);
        } catch (BgpNotificationException e) {
            throw new AssertionError("only the packed decode threw", e);
        }
        if (!(generic instanceof DecodedMessage.Update g)) {
            assertThat(packed).isEqualTo(generic);
            return null;
        }
        UpdateDecodeResult o = g.result();
        UpdateDecodeResult p = ((DecodedMessage.Update) packed).result();
        assertThat(p.action()).isEqualTo(o.action());
        assertThat(p.problems()).isEqualTo(o.problems());
        assertThat(p.disabledFamilies()).isEqualTo(o.disabledFamilies());
        assertThat(p.notification().map(BgpNotificationException::subcode)).isEqualTo(o.notification().map(BgpNotificationException::subcode));
        assertThat(p.announced()).isEqualTo(o.announced());
        assertThat(p.withdrawn()).isEqualTo(o.withdrawn());
        if (p.packedNlri().isEmpty() && p.packedMpReach().isEmpty()) {
            assertThat(p.update()).isEqualTo(o.update());
        } else {
            assertThat(p.action()).isIn(ErrorAction.NONE, ErrorAction.ATTRIBUTE_DISCARD);
            assertThat(p.update().nlri()).isEmpty();
            assertThat(p.update().withdrawn()).isEqualTo(o.update().withdrawn());
        }
        assertThat(o.packedNlri()).isEmpty();
        assertThat(o.packedMpReach()).isEmpty();
        return p;
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Arbitrary<VpnPrefix> singleLabelVpn() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xfffff), WireArbitraries.rd(),
                Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(0, 32))
                .as((label, rd, raw, len) -> VpnPrefix.of(label, rd, WireArbitraries.mask(raw, len), len));
    }

    /** What {@link PackedEvpnMacIp} takes: MAC/IP, ESI 0, no IP or IPv4, one label. */
    static boolean packable(EvpnRoute e) {
        return e instanceof EvpnRoute.MacIpAdvertisement m && m.esi().equals(Esi.ZERO) && m.label2().isEmpty()
                && (m.ip().isEmpty() || m.ip().get() instanceof java.net.Inet4Address);
    }

    static Arbitrary<EvpnRoute> packableEvpn() {
        return Combinators.combine(WireArbitraries.rd(), WireArbitraries.u32(), Arbitraries.longs().between(0, 0xffff_ffff_ffffL),
                Arbitraries.of(true, false), Arbitraries.bytes().array(byte[].class).ofSize(4), Arbitraries.integers().between(0, 0xffffff))
                .as((rd, tag, mac, withIp, ip, label) -> new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, tag, new MacAddress(mac),
                        withIp ? Optional.of(WireReader.address(ip)) : Optional.empty(), label, OptionalInt.empty()));
    }

    /**
     * UPDATEs as a feed sends them: IPv4 NLRI and/or VPN-IPv4 (some with deeper label stacks) or EVPN (some
     * of other kinds than packed) in MP_REACH_NLRI, some withdrawals.
     */
    @Provide
    Arbitrary<byte[]> validUpdates() {
        Arbitrary<List<IpPrefix>> v4 = WireArbitraries.ipPrefix(4, false).list().ofMaxSize(60);
        Arbitrary<List<Nlri>> vpn = Arbitraries.oneOf(singleLabelVpn(), WireArbitraries.vpnPrefix(4, false)).list().ofMaxSize(30)
                .map(l -> List.<Nlri>copyOf(l));
        Arbitrary<List<Nlri>> evpn = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, packableEvpn()),
                net.jqwik.api.Tuple.of(1, WireArbitraries.evpn(false))).list().ofMaxSize(25).map(l -> List.<Nlri>copyOf(l));
        Arbitrary<PathAttribute.MpReachNlri> mp = Arbitraries.oneOf(vpn.map(l -> PathAttribute.MpReachNlri.of(AfiSafi.VPN_IPV4, ip("198.18.0.1"), l)),
                evpn.map(l -> PathAttribute.MpReachNlri.of(AfiSafi.L2VPN_EVPN, ip("198.18.0.1"), l)),
                evpn.map(l -> PathAttribute.MpReachNlri.of(AfiSafi.L2VPN_EVPN, ip("2001:db8::1"), l)));
        Arbitrary<List<IpPrefix>> withdrawn = WireArbitraries.ipPrefix(4, false).list().ofMaxSize(4);
        return Combinators.combine(v4, mp, withdrawn, Arbitraries.of(true, false)).as((nlri, reach, wd, communities) -> {
            List<PathAttribute> a = new ArrayList<>();
            a.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
            a.add(new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65001))));
            if (!nlri.isEmpty()) {
                a.add(new PathAttribute.NextHop((java.net.Inet4Address) ip("198.18.0.1")));
            }
            if (!reach.nlri().isEmpty()) {
                a.add(reach);
            }
            if (communities) {
                a.add(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65001:1"))));
            }
            return BgpCodec.encode(new UpdateMessage(wd, a, nlri), Golden.CTX);
        });
    }

    @Property(tries = 1500)
    void validUpdatesDecodeTheSamePackedAndPackTheirRoutes(@ForAll("validUpdates") byte[] frame) {
        for (CodecContext ctx : CONTEXTS) {
            UpdateDecodeResult p = assertSameVerdict(frame, ctx);
            if (p == null || ctx != Golden.CTX) {
                continue;
            }
            // Under the session context every route of a clean UPDATE is packed, except VPN routes with deeper stacks.
            assertThat(p.isClean()).isTrue();
            long v4 = p.announced().stream().filter(n -> n instanceof IpPrefix).count();
            assertThat(p.packedNlri().map(PackedIpv4Prefixes::count).orElse(0)).isEqualTo((int) v4);
            boolean deepStack = p.announced().stream().anyMatch(n -> n instanceof VpnPrefix v && v.labels().size() > 1);
            long vpn = p.announced().stream().filter(n -> n instanceof VpnPrefix).count();
            assertThat(p.packedMpReach().filter(m -> m instanceof PackedVpn4Prefixes).map(PackedMpNlri::count).orElse(0))
                    .isEqualTo(deepStack ? 0 : (int) vpn);
            boolean unpackable = p.announced().stream().anyMatch(n -> n instanceof EvpnRoute e && !packable(e));
            long evpn = p.announced().stream().filter(n -> n instanceof EvpnRoute).count();
            assertThat(p.packedMpReach().filter(m -> m instanceof PackedEvpnMacIp).map(PackedMpNlri::count).orElse(0))
                    .isEqualTo(unpackable ? 0 : (int) evpn);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedUpdates() {
        Arbitrary<byte[]> base = Arbitraries.oneOf(validUpdates(), Arbitraries.of(Golden.all()));
        return Combinators.combine(base, Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.bytes().list().ofSize(4), Arbitraries.integers().between(0, 64)).as((g, positions, values, cut) -> {
                    byte[] m = g.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        int at = 19 + positions.get(i) % Math.max(1, m.length - 19);
                        if (at < m.length) {
                            m[at] = values.get(i);
                        }
                    }
                    int len = Math.max(19, m.length - (cut < 48 ? 0 : cut - 48));
                    byte[] body = java.util.Arrays.copyOfRange(m, 19, len);
                    return UpdateFuzzTest.frame(m[18], body);
                });
    }

    @Property(tries = 4000)
    void mutatedAndTruncatedUpdatesGetTheSameVerdictPacked(@ForAll("mutatedUpdates") byte[] frame) {
        for (CodecContext ctx : CONTEXTS) {
            assertSameVerdict(frame, ctx);
        }
    }

    @Provide
    Arbitrary<List<byte[]>> sessions() {
        return Arbitraries.oneOf(validUpdates(), validUpdates(), mutatedUpdates()).list().ofMinSize(2).ofMaxSize(12);
    }

    /** A session decodes UPDATE after UPDATE through one memo: each verdict is what that UPDATE alone decodes to. */
    @Property(tries = 800)
    void attributesReusedFromThePreviousUpdateGiveTheSameVerdicts(@ForAll("sessions") List<byte[]> frames) {
        for (CodecContext ctx : CONTEXTS) {
            AttributeMemo memo = new AttributeMemo();
            for (byte[] f : frames) {
                assertSameVerdict(f, ctx, (x, c) -> BgpCodec.decodePacked(x, c, memo));
            }
        }
        // The same octets under another context (2-octet AS, ADD-PATH) are another section.
        AttributeMemo shared = new AttributeMemo();
        for (byte[] f : frames) {
            for (CodecContext ctx : CONTEXTS) {
                assertSameVerdict(f, ctx, (x, c) -> BgpCodec.decodePacked(x, c, shared));
            }
        }
    }

    @Test
    void theSameAttributeOctetsDecodeOnceForASession() throws BgpNotificationException {
        List<PathAttribute> a = List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65001))), new PathAttribute.NextHop((java.net.Inet4Address) ip("198.18.0.1")));
        AttributeMemo memo = new AttributeMemo();
        var first = ((DecodedMessage.Update) BgpCodec.decodePacked(BgpCodec.encode(new UpdateMessage(List.of(), a,
                List.of(IpPrefix.of(ip("100.64.0.1"), 32))), Golden.CTX), Golden.CTX, memo)).result();
        var second = ((DecodedMessage.Update) BgpCodec.decodePacked(BgpCodec.encode(new UpdateMessage(List.of(), a,
                List.of(IpPrefix.of(ip("100.64.0.2"), 32), IpPrefix.of(ip("100.64.0.3"), 32))), Golden.CTX), Golden.CTX, memo)).result();
        assertThat(second.update().attributes()).isSameAs(first.update().attributes());
        assertThat(second.announced()).containsExactly(IpPrefix.of(ip("100.64.0.2"), 32), IpPrefix.of(ip("100.64.0.3"), 32));
        // Without IPv4 NLRI the mandatory-attribute checks differ: not the same section.
        var third = ((DecodedMessage.Update) BgpCodec.decodePacked(BgpCodec.encode(new UpdateMessage(List.of(), a, List.of()), Golden.CTX),
                Golden.CTX, memo)).result();
        assertThat(third.update().attributes()).isNotSameAs(first.update().attributes()).isEqualTo(first.update().attributes());
    }

    @Test
    void hostBitsPastTheLengthAreClearedAsTheGenericDecoderClearsThem() {
        // 10.1.2.255/24 on the wire (host octet absent) and 10.1.2.3/20 with trailing bits set in the third octet.
        byte[] nlri = {24, 10, 1, 2, 20, 10, 1, (byte) 0x2f};
        assertThat(PackedIpv4Prefixes.scan(nlri, 0, nlri.length)).isEqualTo(2);
        PackedIpv4Prefixes p = new PackedIpv4Prefixes(nlri, 0, nlri.length, 2);
        assertThat(p.toList()).containsExactly(IpPrefix.of(ip("10.1.2.0"), 24), IpPrefix.of(ip("10.1.32.0"), 20));
        assertThat(PackedIpv4Prefixes.scan(new byte[] {33, 1, 2, 3, 4, 5}, 0, 6)).isEqualTo(-1);
        assertThat(PackedIpv4Prefixes.scan(new byte[] {24, 1, 2}, 0, 3)).isEqualTo(-1);
    }
}
