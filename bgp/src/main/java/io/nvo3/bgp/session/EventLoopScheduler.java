package io.nvo3.bgp.session;

import io.netty.channel.EventLoop;
import io.nvo3.bgp.fsm.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Scheduler} on a Netty event loop: timers fire on the loop that owns the session.
 *
 * <p>Timers set on the loop wait in a queue of this scheduler, with one loop task armed for the earliest:
 * a session restarts its hold timer for every message it receives (RFC 4271 §8.2.2: "restarts its
 * HoldTimer"), i.e. cancels a timer and sets a later one thousands of times a second during a table
 * transfer; here that is a flag and a queue insertion, and no loop task is added or removed unless the
 * earliest deadline moves earlier. Cancelled timers are dropped when they come due or when they make
 * up most of the queue. Timers set from another thread go to the loop directly.
 */
public final class EventLoopScheduler implements Scheduler {
    /** Purge cancelled timers when there are more than this many and they outnumber the live ones. */
    private static final int PURGE_AT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopScheduler.class);

    private final EventLoop loop;
    private final Clock clock;
    /** Timers set on the loop, earliest first; touched on the loop only. */
    private final PriorityQueue<LoopTimer> queue = new PriorityQueue<>();
    private int cancelledInQueue;
    /** Deadline ({@link System#nanoTime}) of the loop task armed for {@link #queue}, {@link Long#MAX_VALUE} when none. */
    private long armedFor = Long.MAX_VALUE;
    private long sequence;

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
        if (!loop.inEventLoop()) {
            var f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
        LoopTimer t = new LoopTimer(System.nanoTime() + Math.max(0, delay.toNanos()), sequence++, task);
        queue.add(t);
        if (t.deadline < armedFor) {
            arm(t.deadline);
        }
        return t;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    private void arm(long deadline) {
        armedFor = deadline;
        loop.schedule(() -> fire(deadline), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The loop task armed for {@code deadline}: runs the timers due, then arms for the next one. */
    private void fire(long deadline) {
        if (deadline == armedFor) {
            armedFor = Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        LoopTimer t;
        while ((t = queue.peek()) != null && (t.cancelled || t.deadline - now <= 0)) {
            queue.poll();
            if (t.cancelled) {
                cancelledInQueue--;
            } else {
                t.cancelled = true; // fired: a later cancel() is harmless
                try {
                    t.task.run();
                } catch (RuntimeException e) {
                    LOG.warn("timer task failed", e); // the other timers still run
                }
            }
        }
        t = queue.peek();
        if (t != null && t.deadline < armedFor) {
            arm(t.deadline);
        }
    }

    private void cancelled(LoopTimer t) {
        if (!loop.inEventLoop()) {
            loop.execute(t::cancel);
            return;
        }
        if (t.cancelled) {
            return;
        }
        t.cancelled = true;
        cancelledInQueue++;
        if (cancelledInQueue > PURGE_AT && cancelledInQueue * 2 > queue.size()) {
            queue.removeIf(x -> x.cancelled);
            cancelledInQueue = 0;
        }
    }

    /** A timer set on the loop; ordered by deadline, then by when it was set. */
    private final class LoopTimer implements Timer, Comparable<LoopTimer> {
        final long deadline;
        final long seq;
        final Runnable task;
        /** Cancelled or fired. */
        boolean cancelled;

        LoopTimer(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled(this);
        }

        @Override
        public int compareTo(LoopTimer o) {
            int c = Long.compare(deadline - o.deadline, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
