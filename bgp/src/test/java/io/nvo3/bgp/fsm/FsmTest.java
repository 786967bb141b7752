package io.nvo3.bgp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.capabilities.Capability;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FsmTest {
    static final long LOCAL_ID = 0xC6130001L; // 198.19.0.1
    final FakeScheduler clock = new FakeScheduler();
    final List<String> log = new ArrayList<>();
    int connects;
    Negotiated established;
    DownReason down;

    final FsmListener listener = new FsmListener() {
        @Override
        public void connect() {
            connects++;
        }

        @Override
        public void stateChanged(SessionState from, SessionState to, String reason) {
            log.add(from + "->" + to);
        }

        @Override
        public void established(Connection connection, Negotiated negotiated) {
            established = negotiated;
        }

        @Override
        public void sessionDown(DownReason reason) {
            down = reason;
        }
    };

    static LocalOpen local(long localAs, long remoteAs, int hold) {
        return new LocalOpen(localAs, LOCAL_ID, remoteAs, hold, Set.of(AfiSafi.L2VPN_EVPN, AfiSafi.VPN_IPV4), true, true, false,
                Optional.empty());
    }

    static PeerOpen open(long as, int hold, long id, Capability... caps) {
        List<Capability> c = new ArrayList<>(List.of(caps));
        if (c.isEmpty()) {
            c.add(new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN));
            c.add(new Capability.FourOctetAs(as));
        }
        return new PeerOpen(4, as > 0xffff ? LocalOpen.AS_TRANS : (int) as, hold, id, c);
    }

    Fsm fsm(boolean passive, int hold) {
        return new Fsm(FsmConfig.defaults(passive), local(65001, 65002, hold), clock, listener);
    }

    Fsm establishedFsm(FakeConnection c) {
        Fsm f = fsm(false, 9);
        f.handle(new FsmEvent.ManualStart());
        f.handle(new FsmEvent.TcpConnected(c));
        f.handle(new FsmEvent.OpenReceived(c, open(65002, 90, 0xC6130002L)));
        f.handle(new FsmEvent.KeepaliveReceived(c));
        return f;
    }

    @Test
    void activeSpeakerGoesThroughOpenSentAndOpenConfirmToEstablished() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        assertThat(f.state()).isEqualTo(SessionState.CONNECT);
        assertThat(connects).isEqualTo(1);
        FakeConnection c = new FakeConnection(false);
        f.handle(new FsmEvent.TcpConnected(c));
        assertThat(f.state()).isEqualTo(SessionState.OPEN_SENT);
        assertThat(c.sent).containsExactly(FakeConnection.OPEN);
        f.handle(new FsmEvent.OpenReceived(c, open(65002, 30, 0xC6130002L)));
        assertThat(f.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        assertThat(c.sent).containsExactly(FakeConnection.OPEN, FakeConnection.KEEPALIVE);
        f.handle(new FsmEvent.KeepaliveReceived(c));
        assertThat(f.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(established.holdTimeSeconds()).isEqualTo(30);
        assertThat(established.families()).containsExactly(AfiSafi.L2VPN_EVPN);
        assertThat(log).containsExactly("IDLE->CONNECT", "CONNECT->OPEN_SENT", "OPEN_SENT->OPEN_CONFIRM", "OPEN_CONFIRM->ESTABLISHED");
    }

    @Test
    void passiveSpeakerWaitsInActiveAndNeverConnects() {
        Fsm f = fsm(true, 90);
        f.handle(new FsmEvent.ManualStart());
        clock.advance(Duration.ofMinutes(10));
        assertThat(f.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(connects).isZero();
        FakeConnection in = new FakeConnection(true);
        f.handle(new FsmEvent.TcpConnected(in));
        assertThat(f.state()).isEqualTo(SessionState.OPEN_SENT);
    }

    @Test
    void keepalivesGoOutEveryThirdOfTheHoldTime() {
        FakeConnection c = new FakeConnection(false);
        Fsm f = establishedFsm(c);
        long before = c.count(FakeConnection.KEEPALIVE);
        // negotiated hold time min(9, 90) = 9 s: keepalive every 3 s; the peer keeps the session alive
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(3));
            f.handle(new FsmEvent.KeepaliveReceived(c));
        }
        assertThat(c.count(FakeConnection.KEEPALIVE) - before).isEqualTo(4);
        assertThat(f.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void silentPeerHitsHoldTimerExpiredAndSessionGoesIdleThenRestarts() {
        FakeConnection c = new FakeConnection(false);
        Fsm f = establishedFsm(c);
        clock.advance(Duration.ofSeconds(9));
        assertThat(c.lastNotification()).isEqualTo(Notification.holdTimerExpired());
        assertThat(c.closed).isTrue();
        assertThat(f.state()).isEqualTo(SessionState.IDLE);
        assertThat(down.gracefulRestartApplies()).isFalse();
        int before = connects;
        clock.advance(Duration.ofSeconds(1)); // idle hold
        assertThat(f.state()).isEqualTo(SessionState.CONNECT);
        assertThat(connects).isEqualTo(before + 1);
    }

    @Test
    void droppedTransportWithoutNotificationLeavesRoomForGracefulRestart() {
        FakeConnection c = new FakeConnection(false);
        Fsm f = establishedFsm(c);
        f.handle(new FsmEvent.TcpFails(c, "reset by peer"));
        assertThat(f.state()).isEqualTo(SessionState.IDLE);
        assertThat(down.gracefulRestartApplies()).isTrue();
        assertThat(down.sent()).isEmpty();
    }

    @Test
    void connectRetryBacksOffExponentiallyUpToTheCeiling() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        f.handle(new FsmEvent.TcpFails(null, "refused"));
        assertThat(f.state()).isEqualTo(SessionState.ACTIVE);
        List<Duration> gaps = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            gaps.add(clock.pending().getFirst());
            clock.advance(clock.pending().getFirst());
            assertThat(f.state()).isEqualTo(SessionState.CONNECT);
            f.handle(new FsmEvent.TcpFails(null, "refused"));
        }
        assertThat(gaps).extracting(Duration::toSeconds).containsExactly(1L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 120L);
        assertThat(connects).isEqualTo(10);
    }

    @Test
    void idleHoldGrowsWhilePeerKeepsFailingTheHandshake() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        List<Duration> holds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            FakeConnection c = new FakeConnection(false);
            f.handle(new FsmEvent.TcpConnected(c));
            f.handle(new FsmEvent.NotificationReceived(c, Notification.of(io.nvo3.bgp.wire.errors.CeaseSubcode.CONNECTION_REJECTED)));
            assertThat(f.state()).isEqualTo(SessionState.IDLE);
            holds.add(clock.pending().getFirst());
            clock.advance(clock.pending().getFirst());
        }
        assertThat(holds).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L);
    }

    @Test
    void manualStopSendsAdministrativeShutdownAndStaysIdle() {
        FakeConnection c = new FakeConnection(false);
        Fsm f = establishedFsm(c);
        f.handle(new FsmEvent.ManualStop("deconfigured"));
        assertThat(c.lastNotification()).isEqualTo(new Notification(6, 2, io.nvo3.bgp.wire.Bytes.EMPTY));
        assertThat(down.manualStop()).isTrue();
        assertThat(down.gracefulRestartApplies()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        assertThat(f.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void keepaliveInOpenSentIsAnFsmErrorWithSubcode1() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        FakeConnection c = new FakeConnection(false);
        f.handle(new FsmEvent.TcpConnected(c));
        f.handle(new FsmEvent.KeepaliveReceived(c));
        assertThat(c.lastNotification()).isEqualTo(new Notification(5, 1, io.nvo3.bgp.wire.Bytes.EMPTY));
        assertThat(f.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void updateInOpenConfirmIsAnFsmErrorWithSubcode2AndIsNotProcessed() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        FakeConnection c = new FakeConnection(false);
        f.handle(new FsmEvent.TcpConnected(c));
        f.handle(new FsmEvent.OpenReceived(c, open(65002, 90, 0xC6130002L)));
        assertThat(f.handle(new FsmEvent.UpdateReceived(c))).isFalse();
        assertThat(c.lastNotification()).isEqualTo(new Notification(5, 2, io.nvo3.bgp.wire.Bytes.EMPTY));
    }

    @Test
    void badPeerAsIsRejectedWithOpenErrorSubcode2() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        FakeConnection c = new FakeConnection(false);
        f.handle(new FsmEvent.TcpConnected(c));
        f.handle(new FsmEvent.OpenReceived(c, open(65099, 90, 0xC6130002L)));
        assertThat(c.lastNotification().code()).isEqualTo(2);
        assertThat(c.lastNotification().subcode()).isEqualTo(2);
        assertThat(f.state()).isEqualTo(SessionState.IDLE);
    }

    @Test
    void collisionKeepsTheConnectionOpenedByTheHigherIdentifier() {
        // Local id 198.19.0.1 < remote 198.19.0.2: the connection the neighbor opened survives.
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        FakeConnection out = new FakeConnection(false);
        FakeConnection in = new FakeConnection(true);
        f.handle(new FsmEvent.TcpConnected(out));
        f.handle(new FsmEvent.TcpConnected(in));
        assertThat(in.sent).containsExactly(FakeConnection.OPEN);
        f.handle(new FsmEvent.OpenReceived(out, open(65002, 90, 0xC6130002L)));
        assertThat(f.state()).isEqualTo(SessionState.OPEN_CONFIRM);
        f.handle(new FsmEvent.OpenReceived(in, open(65002, 90, 0xC6130002L)));
        assertThat(out.closed).isTrue();
        assertThat(out.lastNotification()).isEqualTo(new Notification(6, 7, io.nvo3.bgp.wire.Bytes.EMPTY));
        assertThat(in.closed).isFalse();
        f.handle(new FsmEvent.KeepaliveReceived(in));
        assertThat(f.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(f.connection()).contains(in);
    }

    @Test
    void collisionWithLowerRemoteIdentifierClosesTheNewInboundConnection() {
        Fsm f = fsm(false, 90);
        f.handle(new FsmEvent.ManualStart());
        FakeConnection out = new FakeConnection(false);
        FakeConnection in = new FakeConnection(true);
        f.handle(new FsmEvent.TcpConnected(out));
        f.handle(new FsmEvent.TcpConnected(in));
        f.handle(new FsmEvent.OpenReceived(in, open(65002, 90, 0x01000001L)));
        assertThat(in.closed).isTrue();
        assertThat(in.lastNotification()).isEqualTo(new Notification(6, 7, io.nvo3.bgp.wire.Bytes.EMPTY));
        assertThat(out.closed).isFalse();
        assertThat(f.state()).isEqualTo(SessionState.OPEN_SENT);
    }

    @Test
    void newConnectionWhileEstablishedIsClosedWithCollisionCease() {
        FakeConnection c = new FakeConnection(false);
        Fsm f = establishedFsm(c);
        FakeConnection in = new FakeConnection(true);
        f.handle(new FsmEvent.TcpConnected(in));
        assertThat(in.closed).isTrue();
        assertThat(in.lastNotification()).isEqualTo(new Notification(6, 7, io.nvo3.bgp.wire.Bytes.EMPTY));
        assertThat(f.state()).isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void zeroHoldTimeMeansNoKeepalivesAndNoHoldTimer() {
        Fsm f = fsm(false, 0);
        f.handle(new FsmEvent.ManualStart());
        FakeConnection c = new FakeConnection(false);
        f.handle(new FsmEvent.TcpConnected(c));
        f.handle(new FsmEvent.OpenReceived(c, open(65002, 90, 0xC6130002L)));
        f.handle(new FsmEvent.KeepaliveReceived(c));
        long k = c.count(FakeConnection.KEEPALIVE);
        clock.advance(Duration.ofHours(1));
        assertThat(f.state()).isEqualTo(SessionState.ESTABLISHED);
        assertThat(c.count(FakeConnection.KEEPALIVE)).isEqualTo(k);
    }
}
