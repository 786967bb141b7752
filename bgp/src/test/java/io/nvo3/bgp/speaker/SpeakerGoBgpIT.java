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
}
