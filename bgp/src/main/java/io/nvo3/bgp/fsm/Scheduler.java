package io.nvo3.bgp.fsm;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the FSM sees it: a clock and one-shot timers, all callbacks on the session's own thread
 * (a Netty event loop in production, the test thread with {@code FakeScheduler}).
 */
public interface Scheduler {
    Instant now();

    /** Runs {@code task} once after {@code delay}, on the session's thread. */
    Timer schedule(Duration delay, Runnable task);

    /** Runs {@code task} soon on the session's thread (used to hand events in from other threads). */
    void execute(Runnable task);

    /** A scheduled task that can be cancelled; cancelling a fired or cancelled timer is harmless. */
    interface Timer {
        void cancel();
    }
}
