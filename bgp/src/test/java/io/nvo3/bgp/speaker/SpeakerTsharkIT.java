package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.imet;
import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.macIp;
import static io.nvo3.bgp.speaker.TestRoutes.prefix5;
import static io.nvo3.bgp.speaker.TestRoutes.vpnv4;
import static io.nvo3.bgp.speaker.TestRoutes.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.peers.GoBgpPeer;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.peers.PeerFamily;
import io.nvo3.bgp.peers.PeerNeighbor;
import io.nvo3.bgp.peers.TsharkCapture;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.Labels;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** tshark 4.0 dissects every message our speaker sends without a malformed or error mark. */
class SpeakerTsharkIT {
    static final Duration UP = Duration.ofSeconds(30);

    @Test
    void tsharkDecodesEverythingWeSendWithoutMalformedMarks() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (GoBgpPeer gobgp = GoBgpPeer.create(65001, o -> o.gracefulRestart(60))) {
            gobgp.start(PeerNeighbor.of(us, port, SpeakerGoBgpIT.OUR_AS, PeerFamily.EVPN, PeerFamily.VPNV4, PeerFamily.RTC));
            gobgp.addVrf("red", "65001:100", "65010:10");
            try (TsharkCapture tshark = TsharkCapture.start(gobgp.port())) {
                try (BgpSpeaker s = SpeakerGoBgpIT.speaker(us, port, NeighborConfig.of(ip(gobgp.address()), gobgp.port(), 65001,
                        Set.of(AfiSafi.L2VPN_EVPN, AfiSafi.VPN_IPV4, AfiSafi.RT_CONSTRAINT)).withLocalAddress(ip(us)).withHoldTime(9)
                        .withGracefulRestart(true).withSelfNextHop(ip("198.18.0.10")))) {
                    await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isTrue());
                    s.setImportTargets(Set.of(ExtendedCommunity.RouteTarget.parse("65010:10")));
                    s.originate(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010),
                            vxlan("65010:10"), ip("198.18.0.10"));
                    s.originate(AfiSafi.L2VPN_EVPN, imet("65010:10", "198.18.0.10"), vxlan("65010:10",
                            PathAttribute.PmsiTunnel.ingressReplication(Labels.vni(10010), ip("198.18.0.10"))), ip("198.18.0.10"));
                    s.originate(AfiSafi.L2VPN_EVPN, prefix5("65010:10", "203.0.113.0", 24, 10010), vxlan("65010:10"), ip("198.18.0.10"));
                    s.originate(AfiSafi.VPN_IPV4, vpnv4("65010:10", "198.51.100.0", 24, 100), TestRoutes.rt("65010:10"), ip("198.18.0.10"));
                    await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("evpn")).isEqualTo(3));
                    s.requestRefresh(ip(gobgp.address()), AfiSafi.L2VPN_EVPN);
                    s.withdraw(AfiSafi.L2VPN_EVPN, macIp("65010:10", "aa:bb:cc:00:00:10", "203.0.113.10", 10010));
                    await().atMost(UP).untilAsserted(() -> assertThat(gobgp.ribSize("evpn")).isEqualTo(2));
                }
                // The speaker's close sent Cease / Administrative Shutdown; let it reach the wire.
                await().atMost(UP).untilAsserted(() -> assertThat(gobgp.established(us)).isFalse());
                tshark.awaitMessageType(3, UP);
                tshark.stop();
                String decoded = tshark.decode();
                assertThat(decoded).doesNotContainIgnoringCase("malformed").doesNotContain("[Expert Info (Error");
                assertThat(decoded).contains("OPEN Message").contains("KEEPALIVE Message").contains("UPDATE Message")
                        .contains("ROUTE-REFRESH Message").contains("NOTIFICATION Message")
                        .contains("MAC Advertisement Route").contains("Inclusive Multicast Route").contains("IP Prefix route")
                        .contains("Route Target Filter (132)").contains("Graceful Restart capability");
                assertThat(Arrays.stream(tshark.messageTypes().split("\\\\R")).filter(l -> !l.isBlank())).isNotEmpty();
            }
        }
    }
}
