package io.nvo3.fib;

import io.nvo3.fib.input.FibInputException;
import java.util.Objects;

/**
 * How {@link Pull} answers: the idle timeout of installed entries (seconds; OpenFlow 1.3 section 5.5, "If no packet
 * has matched the flow entry in the last idle_timeout seconds, it will be removed") and what becomes of a frame
 * or an ARP request for a destination the FIB does not know.
 */
public record PullPolicy(int idleTimeoutSeconds, Unknown unknown) {
    public static final PullPolicy DEFAULT = new PullPolicy(60, Unknown.FLOOD);

    public enum Unknown {
        /** Packet-out into the VN's flood group (as push mode floods unknown unicast). */
        FLOOD,
        /** Dropped. */
        DROP
    }

    public PullPolicy {
        if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > 0xFFFF) {
            throw new FibInputException("pullPolicy.idleTimeoutSeconds", idleTimeoutSeconds + " outside 1..65535");
        }
        Objects.requireNonNull(unknown, "unknown");
    }
}
