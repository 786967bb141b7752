package io.nvo3.controller.federation.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteGateTest {
    static final Duration HOLD = Duration.ofMillis(300);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static RemoteMac mac(String mac, String vtep) {
        return new RemoteMac("net-1", MacAddress.parse(mac), Optional.empty(), v4(vtep), 100);
    }

    static final RemoteMac M1 = mac("02:00:00:00:00:01", "198.18.0.3");
    static final RemoteMac M2 = mac("02:00:00:00:00:02", "198.18.0.3");
    static final RemoteFloodMember F1 = new RemoteFloodMember("net-1", v4("198.18.0.3"), 100);

    final TestClock clock = new TestClock();

    @Test
    void addsAtOnceAndRemovesOnlyAfterTheHoldDown() {
        RemoteGate g = new RemoteGate(HOLD, clock, Set.of(), Set.of());
        assertThat(g.step(Set.of(M1, M2), Set.of(F1)).changes()).containsExactlyInAnyOrder(new FibChange.RemoteMacAdded(M1),
                new FibChange.RemoteMacAdded(M2), new FibChange.FloodMemberAdded(F1));

        RemoteGate.Step s = g.step(Set.of(M1), Set.of(F1));
        assertThat(s.changes()).isEmpty();
        assertThat(s.recheckAt()).contains(clock.now.plus(HOLD));
        assertThat(g.held()).isEqualTo(1);

        clock.advance(HOLD);
        assertThat(g.step(Set.of(M1), Set.of(F1)).changes()).containsExactly(new FibChange.RemoteMacRemoved(M2));
        assertThat(g.appliedMacs()).containsExactly(M1);
        assertThat(g.held()).isZero();
    }

    @Test
    void aWithdrawFollowedByAReAnnouncementWithinTheHoldDownNeverTouchesTheFib() {
        RemoteGate g = new RemoteGate(HOLD, clock, Set.of(), Set.of());
        g.step(Set.of(M1), Set.of(F1));
        assertThat(g.step(Set.of(), Set.of()).changes()).isEmpty();
        clock.advance(Duration.ofMillis(100));
        assertThat(g.step(Set.of(M1), Set.of(F1)).changes()).isEmpty();
        clock.advance(HOLD);
        RemoteGate.Step s = g.step(Set.of(M1), Set.of(F1));
        assertThat(s.changes()).isEmpty();
        assertThat(s.recheckAt()).isEmpty();
    }

    @Test
    void aMovedMacIsReplacedAtOnceOldEntryOutFirst() {
        RemoteGate g = new RemoteGate(HOLD, clock, Set.of(), Set.of());
        g.step(Set.of(M1), Set.of());
        RemoteMac moved = mac("02:00:00:00:00:01", "198.18.0.4");
        assertThat(g.step(Set.of(moved), Set.of()).changes()).containsExactly(new FibChange.RemoteMacRemoved(M1),
                new FibChange.RemoteMacAdded(moved));
    }

    @Test
    void rememberedEntriesStayUntilReadyThenFollowTheRib() {
        RemoteGate g = new RemoteGate(HOLD, clock, Set.of(M1, M2), Set.of(F1));
        assertThat(g.isReady()).isFalse();
        // The peers have not re-sent yet: nothing goes.
        assertThat(g.step(Set.of(), Set.of()).changes()).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(g.step(Set.of(M1), Set.of()).changes()).isEmpty();
        assertThat(g.appliedMacs()).containsExactlyInAnyOrder(M1, M2);

        g.ready();
        assertThat(g.step(Set.of(M1), Set.of()).changes()).isEmpty(); // held down like any vanished entry
        clock.advance(HOLD);
        assertThat(g.step(Set.of(M1), Set.of()).changes()).containsExactlyInAnyOrder(new FibChange.RemoteMacRemoved(M2),
                new FibChange.FloodMemberRemoved(F1));
    }

    @Test
    void aZeroHoldDownRemovesImmediately() {
        RemoteGate g = new RemoteGate(Duration.ZERO, clock, Set.of(), Set.of());
        g.step(Set.of(M1), Set.of());
        assertThat(g.step(Set.of(), Set.of()).changes()).containsExactly(new FibChange.RemoteMacRemoved(M1));
    }
}
