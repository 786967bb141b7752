package io.nvo3.controller.bgp;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.session.MessageCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A configured neighbor and what its session looks like now.
 *
 * @param byFamily           counters per configured family (Adj-RIB-In, accepted after import policy, Adj-RIB-Out),
 *                           as the speaker counts them; {@code total} is their sum
 * @param negotiatedFamilies families both sides announced (empty unless Established)
 * @param peerRouterId       the neighbor's BGP Identifier (Established only)
 * @param messagesSent       messages sent to the neighbor by type (gobgp's "Message statistics")
 * @param messagesReceived   messages received from it by type
 */
public record NeighborView(NeighborSpec spec, SessionState state, Optional<Instant> establishedSince, Optional<Duration> uptime,
        PrefixCounts total, Map<BgpFamily, PrefixCounts> byFamily, Optional<String> lastError,
        List<BgpFamily> negotiatedFamilies, OptionalInt negotiatedHoldTime, Optional<String> peerRouterId,
        OptionalLong peerAs, MessageCounts messagesSent, MessageCounts messagesReceived) {

    public NeighborView {
        byFamily = Map.copyOf(byFamily);
        negotiatedFamilies = List.copyOf(negotiatedFamilies);
        java.util.Objects.requireNonNull(messagesSent, "messagesSent");
        java.util.Objects.requireNonNull(messagesReceived, "messagesReceived");
    }

    public NeighborView(NeighborSpec spec, SessionState state, Optional<Instant> establishedSince,
                        Optional<Duration> uptime, PrefixCounts total, Map<BgpFamily, PrefixCounts> byFamily,
                        Optional<String> lastError, List<BgpFamily> negotiatedFamilies, OptionalInt negotiatedHoldTime,
                        Optional<String> peerRouterId, OptionalLong peerAs) {
        this(spec, state, establishedSince, uptime, total, byFamily, lastError, negotiatedFamilies, negotiatedHoldTime,
                peerRouterId, peerAs, MessageCounts.NONE, MessageCounts.NONE);
    }

    /** RFC 4271 §8.2.2 state names as FRR and GoBGP print them: Idle, Connect, Active, OpenSent, OpenConfirm, Established. */
    public String stateName() {
        return stateName(state);
    }

    public static String stateName(SessionState s) {
        return switch (s) {
            case IDLE -> "Idle";
            case CONNECT -> "Connect";
            case ACTIVE -> "Active";
            case OPEN_SENT -> "OpenSent";
            case OPEN_CONFIRM -> "OpenConfirm";
            case ESTABLISHED -> "Established";
        };
    }
}
