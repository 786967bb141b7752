package io.nvo3.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdatePackerTest {
    private static final CodecContext CTX = CodecContext.MODERN_IBGP.withExternalPeer(true);

    private static InetAddress v4(int a) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    }

    private static RouteAttributes attrs() throws Exception {
        return RouteAttributes.of(List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65001)))), InetAddress.getByName("198.18.0.1"));
    }

    private record Packed(List<byte[]> messages, List<Nlri> nlri) {}

    private static Packed pack(AfiSafi family, CodecContext ctx, List<Nlri> routes) throws Exception {
        List<byte[]> out = new ArrayList<>();
        UpdatePacker p = new UpdatePacker(family, attrs(), ctx, out::add);
        routes.forEach(p::add);
        assertThat(p.finish()).isEqualTo(out.size());
        List<Nlri> back = new ArrayList<>();
        for (byte[] m : out) {
            UpdateMessage u = (UpdateMessage) BgpCodec.decodeStrict(m, ctx);
            back.addAll(u.nlri());
            u.attribute(PathAttribute.MpReachNlri.class).ifPresent(r -> back.addAll(r.nlri()));
        }
        return new Packed(out, back);
    }

    private static List<Nlri> ipv4Hosts(int n) throws Exception {
        List<Nlri> routes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            routes.add(IpPrefix.of(v4((100 << 24) | (64 << 16) + i), 32));
        }
        return routes;
    }

    /** Every UPDATE but the last is full: at most 4096 octets, and one more /32 (5 octets) would not fit. */
    @Test
    void ipv4HostRoutesFillEachUpdateToTheLimit() throws Exception {
        List<Nlri> routes = ipv4Hosts(2000);
        Packed p = pack(AfiSafi.IPV4_UNICAST, CTX, routes);
        assertThat(p.nlri()).isEqualTo(routes);
        assertThat(p.messages()).hasSize(3);
        for (byte[] m : p.messages().subList(0, p.messages().size() - 1)) {
            assertThat(m.length).isLessThanOrEqualTo(4096).isGreaterThan(4096 - 5);
        }
        // ORIGIN, AS_PATH (4-octet AS) and NEXT_HOP: the benchmark's 810 /32s per UPDATE.
        assertThat(((UpdateMessage) BgpCodec.decodeStrict(p.messages().getFirst(), CTX)).nlri()).hasSize(810);
    }

    @Test
    void vpnRoutesFillEachUpdateToTheLimit() throws Exception {
        List<Nlri> routes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            routes.add(VpnPrefix.of(16 + i, RouteDistinguisher.type0(65001, 1 + i % 8), v4((198 << 24) | (18 << 16) + i), 32));
        }
        Packed p = pack(AfiSafi.VPN_IPV4, CTX, routes);
        assertThat(p.nlri()).isEqualTo(routes);
        int perRoute = 1 + 3 + 8 + 4;
        for (byte[] m : p.messages().subList(0, p.messages().size() - 1)) {
            assertThat(m.length).isLessThanOrEqualTo(4096).isGreaterThan(4096 - perRoute - 1);
        }
    }

    /** RFC 8654: with the Extended Message capability an UPDATE may be 65535 octets. */
    @Test
    void extendedMessagesPackUpTo65535Octets() throws Exception {
        List<Nlri> routes = ipv4Hosts(20_000);
        CodecContext ext = CTX.withExtendedMessage(true);
        Packed p = pack(AfiSafi.IPV4_UNICAST, ext, routes);
        assertThat(p.nlri()).isEqualTo(routes);
        assertThat(p.messages()).hasSize(2);
        assertThat(p.messages().getFirst().length).isLessThanOrEqualTo(65535).isGreaterThan(65535 - 5);
    }

    @Test
    void withdrawalsFillEachUpdateToTheLimit() throws Exception {
        List<Nlri> routes = ipv4Hosts(2000);
        List<byte[]> out = new ArrayList<>();
        UpdatePacker p = UpdatePacker.withdrawals(AfiSafi.IPV4_UNICAST, CTX, out::add);
        routes.forEach(p::add);
        p.finish();
        List<Nlri> back = new ArrayList<>();
        for (byte[] m : out) {
            back.addAll(((UpdateMessage) BgpCodec.decodeStrict(m, CTX)).withdrawn());
        }
        assertThat(back).isEqualTo(routes);
        // 19 header + 2 + 2 lengths leave 4073 octets: 814 /32s.
        assertThat(out).hasSize(3);
        assertThat(out.getFirst().length).isLessThanOrEqualTo(4096).isGreaterThan(4096 - 5);

        List<Nlri> vpn = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            vpn.add(VpnPrefix.of(16, RouteDistinguisher.type0(65001, 1), v4((198 << 24) | (18 << 16) + i), 32));
        }
        out.clear();
        UpdatePacker q = UpdatePacker.withdrawals(AfiSafi.VPN_IPV4, CTX, out::add);
        vpn.forEach(q::add);
        q.finish();
        back.clear();
        for (byte[] m : out) {
            back.addAll(((UpdateMessage) BgpCodec.decodeStrict(m, CTX)).attribute(PathAttribute.MpUnreachNlri.class)
                    .orElseThrow().withdrawn());
            assertThat(m.length).isLessThanOrEqualTo(4096);
        }
        assertThat(back).isEqualTo(vpn);
        assertThat(out.getFirst().length).isGreaterThan(4096 - 16 - 1);
    }

    @Test
    void nothingToPackWritesNothing() throws Exception {
        Packed p = pack(AfiSafi.IPV4_UNICAST, CTX, List.of());
        assertThat(p.messages()).isEmpty();
    }
}
