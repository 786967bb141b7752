package io.nvo3.bgp.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Proves the runners: real daemons peer with each other on loopback and exchange routes. */
class PeersInteropIT {
    private static final Duration UP = Duration.ofSeconds(40);

    @Test
    void gobgpAndFrrReachEstablishedAndExchangeEvpnAndVpnRoutes() {
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {});
                FrrPeer frr = FrrPeer.create(65002, o -> o.familyLine(PeerFamily.VPNV4,
                        "network 198.51.100.0/24 rd 65002:7 label 77"))) {
            frr.start(PeerNeighbor.of(gobgp.address(), gobgp.port(), 65001, PeerFamily.EVPN,
                    PeerFamily.VPNV4));
            gobgp.start(PeerNeighbor.of(frr.address(), frr.port(), 65002, PeerFamily.EVPN,
                    PeerFamily.VPNV4));

            await().atMost(UP).untilAsserted(() -> {
                assertThat(gobgp.established(frr.address())).as(gobgp.log()).isTrue();
                assertThat(frr.established(gobgp.address())).isTrue();
            });

            gobgp.addMacAdvertisement("aa:bb:cc:00:00:01", "203.0.113.10", 0, 10010, "65001:10",
                    "65001:10", "198.18.0.1");
            await().atMost(UP).untilAsserted(() ->
                    assertThat(frr.prefixesReceived(gobgp.address(), "l2vpn evpn")).isEqualTo(1));
            await().atMost(UP).untilAsserted(() ->
                    assertThat(gobgp.ribSize("vpnv4")).isEqualTo(1));
        }
    }

    @Test
    void gobgpAndBirdExchangeIpv4UnicastRoutes() {
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {});
                BirdPeer bird = BirdPeer.create(65003, o -> o.route4("198.51.100.0/25"))) {
            bird.start(PeerNeighbor.of(gobgp.address(), gobgp.port(), 65001, PeerFamily.IPV4_UNICAST));
            gobgp.start(PeerNeighbor.of(bird.address(), bird.port(), 65003, PeerFamily.IPV4_UNICAST));
            await().atMost(UP).untilAsserted(() -> {
                assertThat(bird.established(gobgp.address())).as(bird.log()).isTrue();
                assertThat(gobgp.established(bird.address())).isTrue();
            });
            gobgp.addIpv4("198.51.100.128/25", "198.18.0.1");
            await().atMost(UP).untilAsserted(() -> {
                assertThat(gobgp.ribSize("ipv4")).isEqualTo(2);
                assertThat(bird.importedRoutes(gobgp.address())).first().isEqualTo(1);
            });
        }
    }

    @Test
    void exabgpFeedsRoutesToGobgp() {
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {});
                ExaBgpPeer exa = ExaBgpPeer.create(65005,
                        o -> o.staticRoute("198.51.100.0/26 next-hop 198.18.0.5"))) {
            exa.start(PeerNeighbor.of(gobgp.address(), gobgp.port(), 65001, PeerFamily.IPV4_UNICAST));
            gobgp.start(PeerNeighbor.of(exa.address(), exa.port(), 65005, PeerFamily.IPV4_UNICAST));
            await().atMost(UP).untilAsserted(() ->
                    assertThat(gobgp.established(exa.address())).as(exa.log()).isTrue());
            await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("ipv4")).isEqualTo(1));
            exa.send(java.util.stream.IntStream.range(0, 100)
                    .mapToObj(i -> "announce route 198.18." + (100 + i / 64) + "." + (i % 64 * 4)
                            + "/30 next-hop 198.18.0.5").toList());
            await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("ipv4")).isEqualTo(101));
        }
    }
}
