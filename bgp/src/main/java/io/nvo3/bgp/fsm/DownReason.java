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
     * RFC 4724 §4.2: the helper keeps routes when "the TCP session terminates" without a NOTIFICATION;
     * RFC 8538 §3 extends this to NOTIFICATIONs other than Cease / Hard Reset. This implementation
     * keeps routes for transport failures and hold-timer expiry only (no N bit is announced).
     */
    public boolean gracefulRestartApplies() {
        return !manualStop && received.isEmpty() && sent.map(n -> n.code() == 4).orElse(true);
    }
}
