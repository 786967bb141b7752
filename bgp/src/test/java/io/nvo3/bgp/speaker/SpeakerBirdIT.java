package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.ipv4;
import static io.nvo3.bgp.speaker.TestRoutes.vpnv4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.peers.BirdPeer;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.peers.PeerFamily;
import io.nvo3.bgp.peers.PeerNeighbor;
import io.nvo3.bgp.wire.AfiSafi;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Our speaker against BIRD 2.0 on loopback, eBGP. */
class SpeakerBirdIT {
    static final Duration UP = Duration.ofSeconds(40);

    @Test
    void exchangesIpv4UnicastAndVpnv4() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (BirdPeer bird = BirdPeer.create(65003, o -> o.route4("198.51.100.128/25").routeVpn4("65003:1", "198.51.100.0/25", 300))) {
            bird.start(PeerNeighbor.of(us, port, SpeakerGoBgpIT.OUR_AS, PeerFamily.IPV4_UNICAST, PeerFamily.VPNV4));
            try (BgpSpeaker s = SpeakerGoBgpIT.speaker(us, port, NeighborConfig.of(ip(bird.address()), bird.port(), 65003,
                    Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.VPN_IPV4)).withLocalAddress(ip(us)).withHoldTime(9))) {
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.neighbors().getFirst().state()).as(bird.log()).isEqualTo(SessionState.ESTABLISHED);
                    assertThat(bird.established(us)).isTrue();
                });
                s.originate(AfiSafi.IPV4_UNICAST, ipv4("203.0.113.0", 25), List.of(), ip("198.18.0.10"));
                s.originate(AfiSafi.VPN_IPV4, vpnv4("65010:20", "203.0.113.128", 25, 100), TestRoutes.rt("65010:20"), ip("198.18.0.10"));
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(bird.importedRoutes(us)).as(bird.routes("master4")).containsExactly(1, 1);
                    assertThat(s.rib(AfiSafi.IPV4_UNICAST)).hasSize(2);
                    assertThat(s.rib(AfiSafi.VPN_IPV4)).hasSize(2);
                });
                assertThat(bird.routes("master4")).contains("203.0.113.0/25").contains("65010");
                assertThat(s.rib(AfiSafi.IPV4_UNICAST)).anySatisfy(e -> {
                    assertThat(e.nlri()).isEqualTo(ipv4("198.51.100.128", 25));
                    assertThat(e.best().nextHop()).isEqualTo(ip("198.18.255.3"));
                });
                s.withdraw(AfiSafi.IPV4_UNICAST, ipv4("203.0.113.0", 25));
                await().atMost(UP).untilAsserted(() -> assertThat(bird.importedRoutes(us)).containsExactly(0, 1));
            }
        }
    }
}
