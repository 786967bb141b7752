package io.nvo3.testbed;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a timeout passes: the replacement for sleeps in tests and in the
 * testbed itself. Polling starts at 10 ms and backs off to 200 ms.
 */
public final class Await {
    private Await() {}

    /** Waits until {@code condition} returns true; exceptions it throws count as "not yet". */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} yields a value and returns it; exceptions count as "not yet". */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> v = probe.get();
                if (v.isPresent()) {
                    return v.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ConditionTimeoutException("timed out after " + timeout + " waiting for " + what, last);
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            pause = Math.min(200, pause * 2);
        }
    }
}
