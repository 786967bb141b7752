package io.nvo3.bgp.session;

import io.netty.channel.EventLoop;
import io.nvo3.bgp.fsm.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** {@link Scheduler} on a Netty event loop: timers fire on the loop that owns the session. */
public final class EventLoopScheduler implements Scheduler {
    private final EventLoop loop;
    private final Clock clock;

    public EventLoopScheduler(EventLoop loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        var f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }
}
