package io.nvo3.bgp.fsm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A scheduler whose time only moves when the test says so. */
public final class FakeScheduler implements Scheduler {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Task> tasks = new ArrayList<>();
    private long seq;

    private final class Task implements Timer {
        final Instant at;
        final long order = seq++;
        final Runnable run;
        boolean cancelled;

        Task(Instant at, Runnable run) {
            this.at = at;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return t;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** Moves time forward, running every due task in order (including ones scheduled meanwhile). */
    public void advance(Duration d) {
        Instant until = now.plus(d);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && !t.at.isAfter(until))
                    .min(Comparator.<Task, Instant>comparing(t -> t.at).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.at.isAfter(now) ? next.at : now;
            next.run.run();
        }
        tasks.removeIf(t -> t.cancelled);
        now = until;
    }

    /** Delays of the live timers from now, for assertions. */
    public List<Duration> pending() {
        return tasks.stream().filter(t -> !t.cancelled).map(t -> Duration.between(now, t.at)).sorted().toList();
    }
}
