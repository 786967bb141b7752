package io.nvo3.controller.nve.pull;

import java.util.function.LongSupplier;

/**
 * A token bucket on an injected nanosecond ticker: {@code ratePerSecond} tokens a second, at most {@code burst} saved.
 * Thread-safe (packet-ins of one NVE arrive on one event loop; status reads come from elsewhere).
 */
public final class TokenBucket {
    private final LongSupplier ticker;
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int burst, LongSupplier ticker) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate " + ratePerSecond + "/s and burst " + burst + " must be positive");
        }
        this.ticker = ticker;
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = ticker.getAsLong();
    }

    /** Takes one token; false when the bucket is empty (the caller drops and counts). */
    public synchronized boolean tryTake() {
        long now = ticker.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
