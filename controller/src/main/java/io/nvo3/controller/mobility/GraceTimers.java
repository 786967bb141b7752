package io.nvo3.controller.mobility;

import io.nvo3.fib.input.Redirect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The redirects of moves in progress and when each one's grace time ends, read from an injected clock. Not
 * thread-safe: the NVE manager's thread owns it and asks {@link #expired} when {@link #nextDeadline} passes.
 */
public final class GraceTimers {
    private final Clock clock;
    private final Duration grace;
    private final Map<Redirect.Key, Pending> pending = new HashMap<>();

    /** One redirect and the instant its grace time ends. */
    public record Pending(Redirect redirect, Instant until) {
        public Pending {
            Objects.requireNonNull(redirect, "redirect");
            Objects.requireNonNull(until, "until");
        }
    }

    public GraceTimers(Clock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace time " + grace + " is negative");
        }
        this.grace = grace;
    }

    public Duration grace() {
        return grace;
    }

    /**
     * Starts (or restarts) the grace time of {@code r}; returns the redirect it replaces for the same (VN, MAC, old
     * NVE), which the caller must remove from the FIB first when it differs.
     */
    public Optional<Redirect> start(Redirect r) {
        Pending old = pending.put(r.key(), new Pending(r, clock.instant().plus(grace)));
        return old == null ? Optional.empty() : Optional.of(old.redirect());
    }

    /** Ends the grace time of {@code r} early; false when it is not (or no longer) the pending one of its key. */
    public boolean cancel(Redirect r) {
        Pending p = pending.get(r.key());
        if (p == null || !p.redirect().equals(r)) {
            return false;
        }
        pending.remove(r.key());
        return true;
    }

    /** Removes and returns the redirects whose grace time has ended. */
    public List<Redirect> expired() {
        Instant now = clock.instant();
        List<Redirect> out = new ArrayList<>();
        pending.values().removeIf(p -> {
            if (!p.until().isAfter(now)) {
                out.add(p.redirect());
                return true;
            }
            return false;
        });
        return out;
    }

    /** How long until the next grace time ends; empty when none runs. */
    public Optional<Duration> nextDeadline() {
        Instant now = clock.instant();
        return pending.values().stream().map(Pending::until).min(Instant::compareTo)
                .map(t -> t.isAfter(now) ? Duration.between(now, t) : Duration.ZERO);
    }

    public Collection<Pending> pending() {
        return List.copyOf(pending.values());
    }
}
