package io.nvo3.openflow.channel;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Channel settings.
 *
 * @param echoInterval idle time after which we send an ECHO_REQUEST
 * @param echoTimeout idle time after which the peer is declared dead and the connection closed
 * @param handshakeTimeout time allowed from TCP accept to FEATURES_REPLY
 * @param maxFrameLength bound on one inbound message (at most 65535)
 * @param writeBatch messages written between two flushes when sending in bulk
 * @param nanoClock monotonic clock in nanoseconds (tests may inject one); the checks run on the Netty scheduler
 */
public record ConnectionConfig(Duration echoInterval, Duration echoTimeout, Duration handshakeTimeout,
        int maxFrameLength, int writeBatch, LongSupplier nanoClock) {

    public ConnectionConfig {
        if (echoInterval.isNegative() || echoInterval.isZero() || echoTimeout.compareTo(echoInterval) <= 0) {
            throw new IllegalArgumentException("need 0 < echoInterval < echoTimeout");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
        }
        if (maxFrameLength < 8 || maxFrameLength > 65535) {
            throw new IllegalArgumentException("maxFrameLength must be in [8, 65535]");
        }
        if (writeBatch < 1) {
            throw new IllegalArgumentException("writeBatch must be positive");
        }
    }

    public static ConnectionConfig defaults() {
        return new ConnectionConfig(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10), 65535,
                512, System::nanoTime);
    }

    public ConnectionConfig withEcho(Duration interval, Duration timeout) {
        return new ConnectionConfig(interval, timeout, handshakeTimeout, maxFrameLength, writeBatch, nanoClock);
    }
}
