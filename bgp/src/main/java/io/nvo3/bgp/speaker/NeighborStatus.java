package io.nvo3.bgp.speaker;

import io.nvo3.bgp.fsm.Negotiated;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.session.MessageCounts;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A neighbor as {@link BgpSpeaker#neighbors()} reports it.
 *
 * @param received   NLRI the neighbor currently announces (pre-policy)
 * @param accepted   of those, paths held in the RIB (post-policy)
 * @param advertised destinations we currently announce to it
 * @param lastError  the last reason the session went down or failed to come up
 * @param messagesSent     messages sent to the neighbor by type, since it was configured
 * @param messagesReceived messages received from it by type, since it was configured
 */
public record NeighborStatus(InetAddress address, int port, long remoteAs, SessionState state, Optional<Instant> establishedSince,
        Optional<Duration> uptime, long received, long accepted, long advertised, Optional<Negotiated> negotiated,
        Optional<String> lastError, MessageCounts messagesSent, MessageCounts messagesReceived) {
    public NeighborStatus(InetAddress address, int port, long remoteAs, SessionState state,
                          Optional<Instant> establishedSince, Optional<Duration> uptime, long received, long accepted,
                          long advertised, Optional<Negotiated> negotiated, Optional<String> lastError) {
        this(address, port, remoteAs, state, establishedSince, uptime, received, accepted, advertised, negotiated,
                lastError, MessageCounts.NONE, MessageCounts.NONE);
    }
}
