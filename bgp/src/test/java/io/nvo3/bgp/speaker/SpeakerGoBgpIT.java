package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.imet;
import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.macIp;
import static io.nvo3.bgp.speaker.TestRoutes.prefix5;
import static io.nvo3.bgp.speaker.TestRoutes.vpnv4;
import static io.nvo3.bgp.speaker.TestRoutes.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.peers.GoBgpPeer;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.peers.PeerFamily;
import io.nvo3.bgp.peers.PeerNeighbor;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Our speaker against gobgpd 3.10 on loopback. */
class SpeakerGoBgpIT {
    static final Duration UP = Duration.ofSeconds(30);
    static final long OUR_AS = 65010;

    static BgpSpeaker speaker(String addr, int port, NeighborConfig... n) {
        return BgpSpeaker.start(SpeakerConfig.of(OUR_AS, (Inet4Address) ip("198.19.10.1"),
                Optional.of(new InetSocketAddress(ip(addr), port)), List.of(n)));
    }

    @Test
    void exchangesEvpnTypes235AndVpnv4BothWays() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {})) {
            gobgp.start(PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN, PeerFamily.VPNV4));
            try (BgpSpeaker s = speaker(us, port, NeighborConfig.of(ip(gobgp.address()), gobgp.port(), 65001,
                    Set.of(AfiSafi.L2VPN_EVPN, AfiSafi.VPN_IPV4)).withLocalAddress(ip(us)).withHoldTime(9))) {
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.neighbors().getFirst().state()).as(gobgp.log()).isEqualTo(SessionState.ESTABLISHED);
                    assertThat(gobgp.established(us)).isTrue();
                });

                s.originate(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010),
                        vxlan("65010:10"), ip("198.18.0.10"));
                s.originate(AfiSafi.L2VPN_EVPN, imet("65010:10", "198.18.0.10"), vxlan("65010:10",
                        PathAttribute.PmsiTunnel.ingressReplication(io.nvo3.bgp.wire.nlri.Labels.vni(10010), ip("198.18.0.10"))),
                        ip("198.18.0.10"));
                s.originate(AfiSafi.L2VPN_EVPN, prefix5("65010:10", "203.0.113.0", 24, 10010), vxlan("65010:10"), ip("198.18.0.10"));
                s.originate(AfiSafi.VPN_IPV4, vpnv4("65010:20", "198.51.100.0", 24, 100), TestRoutes.rt("65010:20"), ip("198.18.0.10"));

                await().atMost(UP).untilAsserted(() -> {
                    assertThat(gobgp.ribSize("evpn")).isEqualTo(3);
                    assertThat(gobgp.ribSize("vpnv4")).isEqualTo(1);
                });
                String evpn = gobgp.gobgp("global", "rib", "-a", "evpn");
                assertThat(evpn).contains("aa:bb:cc:00:00:10").contains("198.18.0.10").contains("203.0.113.0/24");

                gobgp.addMacAdvertisement("aa:bb:cc:00:00:01", "203.0.113.1", 0, 10010, "65001:10", "65010:10", "198.18.0.1");
                gobgp.addMulticast("198.18.0.1", 0, "65001:10", "65010:10", 10010, "198.18.0.1");
                gobgp.addIpPrefix("203.0.113.128/25", "0.0.0.0", 0, 10010, "65001:10", "65010:10", "aa:bb:cc:00:00:01", "198.18.0.1");
                gobgp.addVpnv4("198.51.100.128/25", 200, "65001:20", "65010:20", "198.18.0.1");
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.rib(AfiSafi.L2VPN_EVPN)).hasSize(6);
                    assertThat(s.rib(AfiSafi.VPN_IPV4)).hasSize(2);
                });
                var learned = s.rib(AfiSafi.L2VPN_EVPN).stream().filter(e -> e.peer().isPresent()).toList();
                assertThat(learned).hasSize(3).allSatisfy(e -> {
                    assertThat(e.best().nextHop()).isEqualTo(ip("198.18.0.1"));
                    assertThat(e.best().asPathLength()).isEqualTo(1);
                });

                s.withdraw(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010));
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("evpn")).isEqualTo(5));
                gobgp.deleteVpnv4("198.51.100.128/25", 200, "65001:20");
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.VPN_IPV4)).hasSize(1));
                NeighborStatus st = s.neighbors().getFirst();
                assertThat(st.accepted()).isEqualTo(3);
                assertThat(st.advertised()).isEqualTo(3);
                assertThat(st.negotiated().orElseThrow().fourOctetAs()).isTrue();
            }
        }
    }

    static long messages(GoBgpPeer gobgp, String neighbor, String direction, String type) {
        return gobgp.gobgpJson("neighbor", neighbor).path("state").path("messages").path(direction).path(type).asLong(0);
    }

    @Test
    void requestsRouteRefresh() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {})) {
            gobgp.start(PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN));
            try (BgpSpeaker s = speaker(us, port, NeighborConfig.of(ip(gobgp.address()), gobgp.port(), 65001,
                    Set.of(AfiSafi.L2VPN_EVPN)).withLocalAddress(ip(us)).withHoldTime(9))) {
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isTrue());
                s.originate(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010),
                        vxlan("65010:10"), ip("198.18.0.10"));
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("evpn")).isEqualTo(1));
                long refreshBefore = messages(gobgp, us, "received", "refresh");
                s.requestRefresh(ip(gobgp.address()), AfiSafi.L2VPN_EVPN);
                await().atMost(UP).untilAsserted(() ->
                        assertThat(messages(gobgp, us, "received", "refresh")).isGreaterThan(refreshBefore));
                assertThat(s.neighbors().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
            }
        }
    }

    @Test
    void sendsVpnRoutesOnlyForRouteTargetsThePeerAskedFor() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {})) {
            gobgp.start(PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN, PeerFamily.RTC));
            gobgp.addVrf("red", "65001:100", "65010:10");
            try (BgpSpeaker s = speaker(us, port, NeighborConfig.of(ip(gobgp.address()), gobgp.port(), 65001,
                    Set.of(AfiSafi.L2VPN_EVPN, AfiSafi.RT_CONSTRAINT)).withLocalAddress(ip(us)).withHoldTime(9)
                    .withSelfNextHop(ip("198.18.0.10")))) {
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isTrue());
                s.originate(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010),
                        vxlan("65010:10"), ip("198.18.0.10"));
                s.originate(AfiSafi.L2VPN_EVPN, macIp("65010:99", "aa:bb:cc:00:00:99", "203.0.113.99", 10099),
                        vxlan("65010:99"), ip("198.18.0.10"));
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.rib(AfiSafi.RT_CONSTRAINT)).as(gobgp.log()).isNotEmpty();
                    assertThat(gobgp.gobgp("global", "rib", "-a", "evpn")).contains("aa:bb:cc:00:00:10")
                            .doesNotContain("aa:bb:cc:00:00:99");
                });

                gobgp.addVrf("blue", "65001:200", "65010:99");
                await().atMost(UP).untilAsserted(() ->
                        assertThat(gobgp.gobgp("global", "rib", "-a", "evpn")).contains("aa:bb:cc:00:00:99"));
                gobgp.deleteVrf("red");
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.gobgp("global", "rib", "-a", "evpn"))
                        .doesNotContain("aa:bb:cc:00:00:10").contains("aa:bb:cc:00:00:99"));

                s.setImportTargets(Set.of(io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget.parse("65010:77")));
                await().atMost(UP).untilAsserted(() ->
                        assertThat(gobgp.gobgp("global", "rib", "-a", "rtc")).contains("65010:77"));
            }
        }
    }

    @Test
    void peerKeepsOurRoutesStaleAcrossOurRestartAndSweepsThemAtOurEndOfRib() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> o.gracefulRestart(60))) {
            gobgp.start(PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN));
            NeighborConfig n = NeighborConfig.of(ip(gobgp.address()), gobgp.port(), 65001, Set.of(AfiSafi.L2VPN_EVPN))
                    .withLocalAddress(ip(us)).withHoldTime(9).withGracefulRestart(true);
            SpeakerConfig cfg = SpeakerConfig.of(OUR_AS, (Inet4Address) ip("198.19.10.1"),
                    Optional.of(new InetSocketAddress(ip(us), port)), List.of(n));
            var kept = macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010);
            var dropped = macIp("65010:10", "aa:bb:cc:00:00:11", "203.0.113.11", 10010);

            BgpSpeaker first = BgpSpeaker.start(cfg);
            try {
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isTrue());
                assertThat(first.neighbors().getFirst().negotiated().orElseThrow().peerGracefulRestart()).isPresent();
                first.originate(AfiSafi.L2VPN_EVPN, kept, vxlan("65010:10"), ip("198.18.0.10"));
                first.originate(AfiSafi.L2VPN_EVPN, dropped, vxlan("65010:10"), ip("198.18.0.10"));
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("evpn")).isEqualTo(2));
            } finally {
                first.abort(); // no NOTIFICATION: the peer's helper mode applies (RFC 4724 §4.2)
            }
            await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isFalse());
            assertThat(gobgp.ribSize("evpn")).as("routes kept as stale while we restart").isEqualTo(2);
            assertThat(gobgp.rib("evpn").toString()).contains("\"stale\":true");

            try (BgpSpeaker second = BgpSpeaker.start(cfg.withRestart(cfg.restart().asRestarting()))) {
                second.originate(AfiSafi.L2VPN_EVPN, kept, vxlan("65010:10"), ip("198.18.0.10"));
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(gobgp.established(us)).isTrue();
                    assertThat(gobgp.ribSize("evpn")).isEqualTo(1);
                    assertThat(gobgp.gobgp("global", "rib", "-a", "evpn")).contains("aa:bb:cc:00:00:10");
                    assertThat(gobgp.rib("evpn").toString()).doesNotContain("\"stale\":true");
                });
            }
        }
    }

    @Test
    void keepsARestartingPeersRoutesStaleUntilItsEndOfRib() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> o.gracefulRestart(60))) {
            PeerNeighbor toUs = PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN);
            gobgp.start(toUs);
            try (BgpSpeaker s = speaker(us, port, NeighborConfig.of(ip(gobgp.address()), gobgp.port(), 65001,
                    Set.of(AfiSafi.L2VPN_EVPN)).withLocalAddress(ip(us)).withHoldTime(9).withGracefulRestart(true))) {
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isTrue());
                gobgp.addMacAdvertisement("aa:bb:cc:00:00:01", "203.0.113.1", 0, 10010, "65001:10", "65010:10", "198.18.0.1");
                gobgp.addMacAdvertisement("aa:bb:cc:00:00:02", "203.0.113.2", 0, 10010, "65001:10", "65010:10", "198.18.0.1");
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.L2VPN_EVPN)).hasSize(2));

                gobgp.crash(); // SIGKILL: no NOTIFICATION, RFC 4724 §4.2 helper mode
                await().atMost(UP).untilAsserted(() ->
                        assertThat(s.neighbors().getFirst().state()).isNotEqualTo(SessionState.ESTABLISHED));
                assertThat(s.rib(AfiSafi.L2VPN_EVPN)).hasSize(2).allSatisfy(e -> assertThat(e.stale()).isTrue());

                gobgp.start(toUs);
                gobgp.addMacAdvertisement("aa:bb:cc:00:00:01", "203.0.113.1", 0, 10010, "65001:10", "65010:10", "198.18.0.1");
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.L2VPN_EVPN)).singleElement().satisfies(e -> {
                    assertThat(e.stale()).isFalse();
                    assertThat(e.nlri().toString()).contains("aa:bb:cc:00:00:01");
                }));
            }
        }
    }

    @Test
    void reflectsRoutesBetweenIbgpClientsWithOriginatorIdAndClusterList() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer a = GoBgpPeer.create(OUR_AS, o -> {}); GoBgpPeer b = GoBgpPeer.create(OUR_AS, o -> {})) {
            a.start(PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN));
            b.start(PeerNeighbor.of(us, port, OUR_AS, PeerFamily.EVPN));
            try (BgpSpeaker s = speaker(us, port,
                    NeighborConfig.of(ip(a.address()), a.port(), OUR_AS, Set.of(AfiSafi.L2VPN_EVPN)).withLocalAddress(ip(us))
                            .withHoldTime(9).withRouteReflectorClient(true),
                    NeighborConfig.of(ip(b.address()), b.port(), OUR_AS, Set.of(AfiSafi.L2VPN_EVPN)).withLocalAddress(ip(us))
                            .withHoldTime(9).withRouteReflectorClient(true))) {
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(a.established(us)).isTrue();
                    assertThat(b.established(us)).isTrue();
                });
                a.addMacAdvertisement("aa:bb:cc:00:00:0a", "203.0.113.10", 0, 10010, "65010:1", "65010:10", "198.18.0.1");
                await().atMost(UP).untilAsserted(() -> assertThat(b.ribSize("evpn")).isEqualTo(1));
                String reflected = b.rib("evpn").toString();
                // RFC 4456 §8: ORIGINATOR_ID = the client that originated it, CLUSTER_LIST = our cluster id.
                assertThat(reflected).contains(a.routerId()).contains("198.19.10.1").contains("198.18.0.1");
                assertThat(s.neighbors()).allSatisfy(n -> assertThat(n.state()).isEqualTo(SessionState.ESTABLISHED));
                assertThat(s.neighbors().stream().mapToLong(NeighborStatus::advertised).sum()).isEqualTo(1);
            }
        }
    }
}
