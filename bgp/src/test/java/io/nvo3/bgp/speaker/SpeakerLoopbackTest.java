package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.macIp;
import static io.nvo3.bgp.speaker.TestRoutes.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
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
        String a = Loopback.address();
        String b = Loopback.address();
        int pa = Loopback.freePort(a);
        int pb = Loopback.freePort(b);
        try (BgpSpeaker sa = BgpSpeaker.start(SpeakerConfig.of(65001, (Inet4Address) ip("198.19.1.1"),
                Optional.of(new InetSocketAddress(ip(a), pa)), List.of()));
                BgpSpeaker sb = BgpSpeaker.start(SpeakerConfig.of(65002, (Inet4Address) ip("198.19.1.2"),
                        Optional.of(new InetSocketAddress(ip(b), pb)), List.of()))) {
            List<RouteEvent> events = new CopyOnWriteArrayList<>();
            AutoCloseable sub = sb.subscribe(events::add);
            sa.addNeighbor(NeighborConfig.of(ip(b), pb, 65002, Set.of(AfiSafi.L2VPN_EVPN)).withLocalAddress(ip(a)).withHoldTime(3));
            sb.addNeighbor(NeighborConfig.of(ip(a), pa, 65001, Set.of(AfiSafi.L2VPN_EVPN)).withLocalAddress(ip(b)).withHoldTime(3)
                    .withPassive(true));
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

    @Test
    void rejectsBadCallerInputWithTheFieldName() {
        assertThatThrownBy(() -> NeighborConfig.of(ip("127.1.0.1"), 179, 65001, Set.of(AfiSafi.L2VPN_EVPN)).withHoldTime(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdTime");
        assertThatThrownBy(() -> SpeakerConfig.of(0, (Inet4Address) ip("198.19.1.1"), Optional.empty(), List.of()))
                .hasMessageContaining("asn");
    }
}
