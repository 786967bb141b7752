package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.macIp;
import static io.nvo3.bgp.speaker.TestRoutes.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Two of our speakers on loopback, no external daemon: the embedding API end to end. */
class SpeakerLoopbackTest {
    static final Duration UP = Duration.ofSeconds(20);

    @Test
    void twoSpeakersExchangeEvpnRoutesAndReportBestPathChanges() throws Exception {
        try (SpeakerPair p = SpeakerPair.start(65001, 65002)) {
            BgpSpeaker sa = p.sa;
            BgpSpeaker sb = p.sb;
            String a = p.a;
            List<RouteEvent> events = new CopyOnWriteArrayList<>();
            AutoCloseable sub = sb.subscribe(events::add);
            p.peer(Set.of(AfiSafi.L2VPN_EVPN), c -> c.withHoldTime(3), c -> c.withHoldTime(3));
            await().atMost(UP).untilAsserted(() -> {
                assertThat(sa.neighbors().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
                assertThat(sb.neighbors().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
            });
            var route = macIp("65001:10", "aa:bb:cc:00:00:01", "203.0.113.1", 10010);
            sa.originate(AfiSafi.L2VPN_EVPN, route, vxlan("65001:10"), ip("198.18.0.1"));
            await().atMost(UP).untilAsserted(() -> assertThat(events).anySatisfy(e -> {
                assertThat(e.nlri()).isEqualTo(route);
                assertThat(e.peer()).contains(ip(a));
                assertThat(e.attributes().orElseThrow().nextHop()).isEqualTo(ip("198.18.0.1"));
                assertThat(e.attributes().orElseThrow().attribute(PathAttribute.AsPath.class).orElseThrow().sequenceAsns())
                        .containsExactly(65001L);
            }));
            NeighborStatus st = sb.neighbors().getFirst();
            assertThat(st.accepted()).isEqualTo(1);
            assertThat(st.negotiated().orElseThrow().holdTimeSeconds()).isEqualTo(3);
            assertThat(sa.neighbors().getFirst().advertised()).isEqualTo(1);

            // The session stays up across more than one 3 s hold time: keepalives flow both ways.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> sb.neighbors().getFirst().state() == SessionState.ESTABLISHED
                            && sa.neighbors().getFirst().state() == SessionState.ESTABLISHED);

            sb.removeNeighbor(ip(a));
            await().atMost(UP).untilAsserted(() -> assertThat(sb.rib(AfiSafi.L2VPN_EVPN)).isEmpty());
            assertThat(events.getLast().withdrawn()).isTrue();
            await().atMost(UP).untilAsserted(() -> assertThat(sa.neighbors().getFirst().lastError())
                    .hasValueSatisfying(e -> assertThat(e).contains("PEER_DECONFIGURED")));
            sub.close();
        }
    }

    /**
     * Full UPDATEs of IPv4 /32s, VPN-IPv4 prefixes and EVPN MAC/IP routes (what the receiver keeps packed,
     * with labels in its compact slots): the receiver's RIB and its listener see every route with its
     * own label, and withdrawals remove exactly the withdrawn ones.
     */
    @Test
    void packedRoutesArriveWithTheirLabelsAndEvents() throws Exception {
        Set<AfiSafi> families = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.VPN_IPV4, AfiSafi.L2VPN_EVPN);
        try (SpeakerPair p = SpeakerPair.start(65001, 65002)) {
            BgpSpeaker sa = p.sa;
            BgpSpeaker sb = p.sb;
            List<RouteEvent> events = new CopyOnWriteArrayList<>();
            AutoCloseable sub = sb.subscribe(events::add);
            List<io.nvo3.bgp.wire.nlri.Nlri> v4 = new java.util.ArrayList<>();
            List<io.nvo3.bgp.wire.nlri.Nlri> vpn = new java.util.ArrayList<>();
            List<io.nvo3.bgp.wire.nlri.Nlri> evpn = new java.util.ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String host = "198.18." + (i / 250) + "." + (i % 250 + 1);
                v4.add(TestRoutes.ipv4(host, 32));
                vpn.add(TestRoutes.vpnv4("65001:" + (1 + i % 2), host, 32, 1000 + i));
                var m = macIp("65001:10", String.format("02:00:00:00:%02x:%02x", i / 256, i % 256), host, 10000 + i);
                evpn.add(i % 2 == 0 ? m : new io.nvo3.bgp.wire.nlri.EvpnRoute.MacIpAdvertisement(m.pathId(), m.rd(), m.esi(), m.ethernetTag(),
                        m.mac(), Optional.empty(), m.label1(), m.label2()));
            }
            for (int i = 0; i < 600; i++) {
                sa.originate(AfiSafi.IPV4_UNICAST, v4.get(i), List.of(), ip("198.18.0.1"));
                sa.originate(AfiSafi.VPN_IPV4, vpn.get(i), TestRoutes.rt("65001:1"), ip("198.18.0.1"));
                sa.originate(AfiSafi.L2VPN_EVPN, evpn.get(i), vxlan("65001:10"), ip("198.18.0.1"));
            }
            p.peer(families, c -> c.withHoldTime(30), c -> c.withHoldTime(30));
            await().atMost(UP).untilAsserted(() -> assertThat(sb.neighbors().getFirst().accepted()).isEqualTo(1800));
            for (var f : List.of(AfiSafi.IPV4_UNICAST, AfiSafi.VPN_IPV4, AfiSafi.L2VPN_EVPN)) {
                var sent = f.equals(AfiSafi.IPV4_UNICAST) ? v4 : f.equals(AfiSafi.VPN_IPV4) ? vpn : evpn;
                assertThat(sb.rib(f)).extracting(RibEntry::nlri).containsExactlyInAnyOrderElementsOf(sent);
                assertThat(events.stream().filter(e -> e.family().equals(f)).map(RouteEvent::nlri).toList())
                        .containsExactlyInAnyOrderElementsOf(sent);
            }
            events.clear();
            for (int i = 0; i < 600; i += 3) {
                sa.withdraw(AfiSafi.VPN_IPV4, vpn.get(i));
                sa.withdraw(AfiSafi.L2VPN_EVPN, evpn.get(i));
                sa.withdraw(AfiSafi.IPV4_UNICAST, v4.get(i));
            }
            await().atMost(UP).untilAsserted(() -> assertThat(sb.neighbors().getFirst().accepted()).isEqualTo(1200));
            assertThat(events).hasSize(600).allSatisfy(e -> assertThat(e.withdrawn()).isTrue());
            assertThat(sb.rib(AfiSafi.VPN_IPV4)).extracting(RibEntry::nlri)
                    .containsExactlyInAnyOrderElementsOf(vpn.stream().filter(n -> vpn.indexOf(n) % 3 != 0).toList());
            sub.close();
        }
    }

    /**
     * {@link BgpSpeaker#update}: the routes of one call reach the neighbor packed by attribute set (the MAC-only and
     * MAC/IP routes of a VM in one UPDATE), withdrawals with them; one by one, each route is an UPDATE of its own.
     */
    @Test
    void oneUpdateCallReachesTheNeighborInOneUpdateMessage() throws Exception {
        try (SpeakerPair p = SpeakerPair.start(65001, 65001)) {
            BgpSpeaker sa = p.sa;
            BgpSpeaker sb = p.sb;
            p.peer(Set.of(AfiSafi.L2VPN_EVPN));
            await().atMost(UP).untilAsserted(() -> {
                assertThat(sb.neighbors().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
                // the initial End-of-RIB is in
                assertThat(sb.neighbors().getFirst().messagesReceived().update()).isEqualTo(1);
            });
            var macOnly = new io.nvo3.bgp.wire.nlri.EvpnRoute.MacIpAdvertisement(io.nvo3.bgp.wire.nlri.Nlri.NO_PATH_ID,
                    io.nvo3.bgp.wire.nlri.RouteDistinguisher.parse("65001:10"), io.nvo3.bgp.wire.nlri.Esi.ZERO, 0,
                    io.nvo3.bgp.wire.MacAddress.parse("aa:bb:cc:00:00:01"), Optional.empty(),
                    io.nvo3.bgp.wire.nlri.Labels.vni(10010), java.util.OptionalInt.empty());
            var withIp = macIp("65001:10", "aa:bb:cc:00:00:01", "203.0.113.1", 10010);
            var other = macIp("65001:10", "aa:bb:cc:00:00:02", "203.0.113.2", 10010);
            sa.update(List.of(new LocalRouteChange.Originate(AfiSafi.L2VPN_EVPN, macOnly, vxlan("65001:10"), ip("198.18.0.1")),
                    new LocalRouteChange.Originate(AfiSafi.L2VPN_EVPN, withIp, vxlan("65001:10"), ip("198.18.0.1"))));
            await().atMost(UP).until(() -> sb.rib(AfiSafi.L2VPN_EVPN).size() == 2);
            assertThat(sb.neighbors().getFirst().messagesReceived().update()).isEqualTo(2);

            // A withdrawal and an origination in one call: one UPDATE with the withdrawals, one with the announcements.
            sa.update(List.of(new LocalRouteChange.Withdraw(AfiSafi.L2VPN_EVPN, macOnly),
                    new LocalRouteChange.Originate(AfiSafi.L2VPN_EVPN, other, vxlan("65001:10"), ip("198.18.0.1"))));
            await().atMost(UP).until(() -> sb.rib(AfiSafi.L2VPN_EVPN).stream().map(RibEntry::nlri).toList().contains(other)
                    && sb.rib(AfiSafi.L2VPN_EVPN).size() == 2);
            long afterBatch = sb.neighbors().getFirst().messagesReceived().update();
            assertThat(afterBatch).isEqualTo(4);

            // One by one: one UPDATE each.
            sa.withdraw(AfiSafi.L2VPN_EVPN, withIp);
            await().atMost(UP).until(() -> sb.rib(AfiSafi.L2VPN_EVPN).size() == 1);
            sa.withdraw(AfiSafi.L2VPN_EVPN, other);
            await().atMost(UP).until(() -> sb.rib(AfiSafi.L2VPN_EVPN).isEmpty());
            assertThat(sb.neighbors().getFirst().messagesReceived().update()).isEqualTo(afterBatch + 2);
        }
    }

    @Test
    void rejectsBadCallerInputWithTheFieldName() {
        assertThatThrownBy(() -> NeighborConfig.of(ip("127.1.0.1"), 179, 65001, Set.of(AfiSafi.L2VPN_EVPN)).withHoldTime(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdTime");
        assertThatThrownBy(() -> SpeakerConfig.of(0, (Inet4Address) ip("198.19.1.1"), Optional.empty(), List.of()))
                .hasMessageContaining("asn");
    }
}
