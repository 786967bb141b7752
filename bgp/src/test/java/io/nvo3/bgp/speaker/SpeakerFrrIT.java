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
import io.nvo3.bgp.peers.FrrPeer;
import io.nvo3.bgp.peers.GoBgpPeer;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.peers.PeerFamily;
import io.nvo3.bgp.peers.PeerNeighbor;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Labels;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Our speaker against FRR 8.4 bgpd (no zebra) on loopback, eBGP. */
class SpeakerFrrIT {
    static final Duration UP = Duration.ofSeconds(40);

    @Test
    void exchangesEvpnAndVpnv4BothWays() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        // FRR 8.4 without zebra keeps an EVPN type-5 "network" route local (not advertised), so FRR's EVPN
        // routes come from a GoBGP behind it: GoBGP -> FRR -> us, each hop eBGP.
        try (FrrPeer frr = FrrPeer.create(65002, o -> o
                .familyLine(PeerFamily.VPNV4, "network 198.51.100.64/26 rd 65002:7 label 77"));
                GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> {})) {
            frr.start(PeerNeighbor.of(us, port, SpeakerGoBgpIT.OUR_AS, PeerFamily.EVPN, PeerFamily.VPNV4),
                    PeerNeighbor.of(gobgp.address(), gobgp.port(), 65001, PeerFamily.EVPN));
            gobgp.start(PeerNeighbor.of(frr.address(), frr.port(), 65002, PeerFamily.EVPN));
            try (BgpSpeaker s = SpeakerGoBgpIT.speaker(us, port, NeighborConfig.of(ip(frr.address()), frr.port(), 65002,
                    Set.of(AfiSafi.L2VPN_EVPN, AfiSafi.VPN_IPV4)).withLocalAddress(ip(us)).withHoldTime(9))) {
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.neighbors().getFirst().state()).as(frr.log()).isEqualTo(SessionState.ESTABLISHED);
                    assertThat(frr.established(us)).isTrue();
                });

                s.originate(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010),
                        vxlan("65010:10"), ip("198.18.0.10"));
                s.originate(AfiSafi.L2VPN_EVPN, imet("65010:10", "198.18.0.10"), vxlan("65010:10",
                        PathAttribute.PmsiTunnel.ingressReplication(Labels.vni(10010), ip("198.18.0.10"))), ip("198.18.0.10"));
                s.originate(AfiSafi.L2VPN_EVPN, prefix5("65010:10", "203.0.113.0", 26, 10010), vxlan("65010:10"), ip("198.18.0.10"));
                s.originate(AfiSafi.VPN_IPV4, vpnv4("65010:20", "198.51.100.0", 26, 100), TestRoutes.rt("65010:20"), ip("198.18.0.10"));

                await().atMost(UP).untilAsserted(() -> {
                    assertThat(frr.prefixesReceived(us, "l2vpn evpn")).isEqualTo(3);
                    assertThat(frr.prefixesReceived(us, "ipv4 vpn")).isEqualTo(1);
                });
                String evpn = frr.vtysh("show bgp l2vpn evpn");
                assertThat(evpn).contains("aa:bb:cc:00:00:10").contains("198.18.0.10");

                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.rib(AfiSafi.VPN_IPV4)).as(frr.vtysh("show bgp ipv4 vpn neighbors " + us + " advertised-routes")
                            + frr.vtysh("show bgp ipv4 vpn") + frr.vtysh("show bgp neighbors " + us)).anySatisfy(e -> assertThat(e.peer()).contains(ip(frr.address())));
                });
                gobgp.addMacAdvertisement("aa:bb:cc:00:00:01", "203.0.113.1", 0, 10010, "65001:10", "65010:10", "198.18.0.1");
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(s.rib(AfiSafi.L2VPN_EVPN)).anySatisfy(e -> {
                        assertThat(e.peer()).contains(ip(frr.address()));
                        assertThat(e.nlri()).isInstanceOf(EvpnRoute.MacIpAdvertisement.class);
                        assertThat(e.best().asPathLength()).isEqualTo(2);
                        assertThat(e.best().nextHop()).isEqualTo(ip("198.18.0.1"));
                    });
                });

                // FRR keeps no copy of what it received ("soft-reconfiguration inbound" is off), so "clear ... in"
                // sends a ROUTE-REFRESH, which we answer with our Adj-RIB-Out (RFC 2918 §4; RFC 7313 BoRR/EoRR).
                long before = frr.vtyshJson("show bgp neighbors " + us + " json").path(us).path("messageStats").path("updatesRecv").asLong();
                frr.vtysh("clear bgp l2vpn evpn " + us + " in");
                await().atMost(UP).untilAsserted(() -> assertThat(frr.vtyshJson("show bgp neighbors " + us + " json").path(us)
                        .path("messageStats").path("updatesRecv").asLong()).isGreaterThan(before));
                assertThat(frr.prefixesReceived(us, "l2vpn evpn")).isEqualTo(3);

                s.withdraw(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010));
                await().atMost(UP).untilAsserted(() -> assertThat(frr.prefixesReceived(us, "l2vpn evpn")).isEqualTo(2));
                gobgp.deleteMacAdvertisement("aa:bb:cc:00:00:01", "203.0.113.1", 0, 10010, "65001:10");
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.L2VPN_EVPN)).noneSatisfy(
                        e -> assertThat(e.peer()).isPresent()));
            }
        }
    }
}
