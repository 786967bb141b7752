package io.nvo3.bgp.fsm;

import java.util.Optional;

/**
 * Why an Established session ended.
 *
 * @param text       human-readable reason
 * @param sent       the NOTIFICATION we sent, if any
 * @param received   the NOTIFICATION the neighbor sent, if any
 * @param manualStop the session was stopped by configuration (no graceful restart applies)
 */
public record DownReason(String text, Optional<Notification> sent, Optional<Notification> received, boolean manualStop) {
    /**
     * RFC 4724 §4.2: the helper keeps routes when it "detects termination of the TCP session"; a
     * session closed by a NOTIFICATION (either way, hold timer expiry included) ends without graceful
     * restart, since this implementation does not announce the N bit of RFC 8538.
     */
    public boolean gracefulRestartApplies() {
        return !manualStop && received.isEmpty() && sent.isEmpty();
    }
}
