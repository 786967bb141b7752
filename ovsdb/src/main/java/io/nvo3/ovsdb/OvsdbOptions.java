package io.nvo3.ovsdb;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection settings.
 *
 * @param maxMessageBytes largest JSON message accepted from the peer; a longer one closes the connection
 * @param inactivityProbe after this long without receiving anything, send an "echo"; if nothing arrives for
 *                        another interval, close the connection (what ovsdb-server itself does, reconnect.c);
 *                        {@link Duration#ZERO} disables the probe
 * @param requestTimeout  a request without a reply after this long fails with {@link OvsdbException.Timeout}
 */
public record OvsdbOptions(int maxMessageBytes, Duration inactivityProbe, Duration requestTimeout) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 << 20;

    public OvsdbOptions {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 1024: " + maxMessageBytes);
        }
        Objects.requireNonNull(inactivityProbe, "inactivityProbe");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (inactivityProbe.isNegative()) {
            throw new IllegalArgumentException("inactivityProbe must not be negative");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** 64 MiB messages, a 5 s inactivity probe (the OVS default), 30 s request timeout. */
    public static OvsdbOptions defaults() {
        return new OvsdbOptions(DEFAULT_MAX_MESSAGE_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public OvsdbOptions withMaxMessageBytes(int bytes) {
        return new OvsdbOptions(bytes, inactivityProbe, requestTimeout);
    }

    public OvsdbOptions withInactivityProbe(Duration probe) {
        return new OvsdbOptions(maxMessageBytes, probe, requestTimeout);
    }

    public OvsdbOptions withRequestTimeout(Duration timeout) {
        return new OvsdbOptions(maxMessageBytes, inactivityProbe, timeout);
    }
}
