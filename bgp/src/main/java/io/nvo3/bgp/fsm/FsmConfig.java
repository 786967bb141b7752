package io.nvo3.bgp.fsm;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers and modes of one neighbor's FSM.
 *
 * @param passive            only wait for the neighbor to connect (RFC 4271 PassiveTcpEstablishment)
 * @param connectRetryFirst  first ConnectRetryTime; doubled after each failure up to {@code connectRetryMax}
 * @param connectRetryMax    ceiling of the back-off (RFC 4271 §10 suggests 120 s)
 * @param idleHoldFirst      IdleHoldTime after an error (RFC 4271 §8.1.1 DampPeerOscillations); doubled per flap
 * @param idleHoldMax        ceiling of the idle-hold back-off
 * @param openHoldTime       HoldTimer before OPEN is received (RFC 4271 §8.2.2: "a large value ... 4 minutes")
 */
public record FsmConfig(boolean passive, Duration connectRetryFirst, Duration connectRetryMax, Duration idleHoldFirst,
        Duration idleHoldMax, Duration openHoldTime) {
    public FsmConfig {
        Objects.requireNonNull(connectRetryFirst);
        Objects.requireNonNull(connectRetryMax);
        Objects.requireNonNull(idleHoldFirst);
        Objects.requireNonNull(idleHoldMax);
        Objects.requireNonNull(openHoldTime);
        if (connectRetryFirst.isNegative() || connectRetryFirst.isZero() || connectRetryMax.compareTo(connectRetryFirst) < 0) {
            throw new IllegalArgumentException("connectRetry: 0 < first <= max");
        }
        if (idleHoldFirst.isNegative() || idleHoldMax.compareTo(idleHoldFirst) < 0) {
            throw new IllegalArgumentException("idleHold: 0 <= first <= max");
        }
    }

    public static FsmConfig defaults(boolean passive) {
        return new FsmConfig(passive, Duration.ofSeconds(1), Duration.ofSeconds(120), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(4));
    }
}
