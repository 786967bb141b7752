package io.nvo3.controller.mobility;

import io.nvo3.controller.nve.pull.PullService;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Issue 6 settings of the NVE manager: how long frames reaching a moved TS's old NVE are tunnelled on ({@code grace}),
 * the pull service's rate limits and idle timeout, and the clocks (injected in tests).
 */
public record LifecycleOptions(Duration grace, PullService.Options pull, Clock clock, LongSupplier ticker) {
    public LifecycleOptions {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace " + grace + " is negative");
        }
        Objects.requireNonNull(pull, "pull");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
    }

    public static LifecycleOptions defaults() {
        return new LifecycleOptions(Duration.ofSeconds(30), PullService.Options.defaults(), Clock.systemUTC(),
                System::nanoTime);
    }

    public LifecycleOptions withGrace(Duration g) {
        return new LifecycleOptions(g, pull, clock, ticker);
    }

    public LifecycleOptions withPull(PullService.Options p) {
        return new LifecycleOptions(grace, p, clock, ticker);
    }
}
