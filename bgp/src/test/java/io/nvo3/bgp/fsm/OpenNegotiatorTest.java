package io.nvo3.bgp.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenNegotiatorTest {
    static final LocalOpen LOCAL = new LocalOpen(4_200_000_001L, 0xC6130001L, 4_200_000_002L, 90,
            Set.of(AfiSafi.L2VPN_EVPN, AfiSafi.VPN_IPV4, AfiSafi.RT_CONSTRAINT), true, true, false,
            Optional.of(new LocalOpen.GracefulRestartConfig(120, false, Set.of())));

    static PeerOpen peer(int version, int hold, long id, Capability... caps) {
        return new PeerOpen(version, LocalOpen.AS_TRANS, hold, id, List.of(caps));
    }

    static final Capability AS4 = new Capability.FourOctetAs(4_200_000_002L);

    @Test
    void fourOctetAsComesFromTheCapabilityNotTheAsTransField() throws Exception {
        Negotiated n = OpenNegotiator.negotiate(LOCAL, peer(4, 180, 0xC6130002L, AS4,
                new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN), new Capability.Multiprotocol(AfiSafi.IPV6_UNICAST),
                new Capability.RouteRefresh()));
        assertThat(n.peerAs()).isEqualTo(4_200_000_002L);
        assertThat(n.fourOctetAs()).isTrue();
        assertThat(n.holdTimeSeconds()).isEqualTo(90);
        assertThat(n.keepaliveSeconds()).isEqualTo(30);
        assertThat(n.families()).containsExactly(AfiSafi.L2VPN_EVPN);
        assertThat(n.routeRefresh()).isTrue();
        assertThat(n.enhancedRouteRefresh()).isFalse();
        assertThat(n.peerGracefulRestart()).isEmpty();
    }

    @Test
    void gracefulRestartOfThePeerIsKeptWhenWeAnnouncedOursToo() throws Exception {
        var gr = new Capability.GracefulRestart(true, false, 60,
                List.of(new Capability.GracefulRestartFamily(AfiSafi.L2VPN_EVPN, true)));
        Negotiated n = OpenNegotiator.negotiate(LOCAL, peer(4, 90, 0xC6130002L, AS4,
                new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN), gr));
        assertThat(n.peerGracefulRestart()).contains(gr);
        assertThat(n.peerPreservedForwarding(AfiSafi.L2VPN_EVPN)).isTrue();
        assertThat(n.peerPreservedForwarding(AfiSafi.VPN_IPV4)).isFalse();
    }

    @Test
    void versionOtherThanFourIsAnsweredWithTheLargestVersionWeSupport() {
        assertThatThrownBy(() -> OpenNegotiator.negotiate(LOCAL, peer(3, 90, 1, AS4)))
                .isInstanceOfSatisfying(BgpNotificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(2);
                    assertThat(e.subcode()).isEqualTo(1);
                    assertThat(e.data()).isEqualTo(Bytes.of((byte) 0, (byte) 4));
                });
    }

    @Test
    void holdTimeOfOneOrTwoSecondsIsUnacceptable() {
        for (int hold : new int[] {1, 2}) {
            assertThatThrownBy(() -> OpenNegotiator.negotiate(LOCAL, peer(4, hold, 1, AS4)))
                    .isInstanceOfSatisfying(BgpNotificationException.class, e -> assertThat(e.subcode()).isEqualTo(6));
        }
    }

    @Test
    void zeroBgpIdentifierIsBad() {
        assertThatThrownBy(() -> OpenNegotiator.negotiate(LOCAL, peer(4, 90, 0, AS4)))
                .isInstanceOfSatisfying(BgpNotificationException.class, e -> assertThat(e.subcode()).isEqualTo(3));
    }

    @Test
    void ibgpPeerWithOurOwnIdentifierIsBad() {
        LocalOpen ibgp = new LocalOpen(65001, 0xC6130001L, 65001, 90, Set.of(AfiSafi.IPV4_UNICAST), true, false, false, Optional.empty());
        assertThatThrownBy(() -> OpenNegotiator.negotiate(ibgp, new PeerOpen(4, 65001, 90, 0xC6130001L, List.of())))
                .isInstanceOfSatisfying(BgpNotificationException.class, e -> assertThat(e.subcode()).isEqualTo(3));
    }

    @Test
    void peerWithoutMultiprotocolCapabilitySpeaksIpv4UnicastOnly() {
        assertThatThrownBy(() -> OpenNegotiator.negotiate(LOCAL, peer(4, 90, 9, AS4)))
                .isInstanceOfSatisfying(BgpNotificationException.class, e -> {
                    assertThat(e.subcode()).isEqualTo(7);
                    // RFC 5492 §5: the Data field lists the unsupported capabilities: our 3 Multiprotocol ones, 6 octets each.
                    assertThat(e.data().length()).isEqualTo(18);
                    assertThat(e.data().get(0)).isEqualTo(1);
                });
    }

    @Test
    void twoOctetPeerWithoutCapabilityUsesMyAsField() throws Exception {
        LocalOpen l = new LocalOpen(65001, 0xC6130001L, 65002, 90, Set.of(AfiSafi.IPV4_UNICAST), true, false, false, Optional.empty());
        Negotiated n = OpenNegotiator.negotiate(l, new PeerOpen(4, 65002, 0, 7, List.of()));
        assertThat(n.peerAs()).isEqualTo(65002);
        assertThat(n.fourOctetAs()).isFalse();
        assertThat(n.holdTimeSeconds()).isZero();
        assertThat(n.codecContext().fourOctetAs()).isFalse();
        assertThat(n.codecContext().externalPeer()).isTrue();
    }
}
