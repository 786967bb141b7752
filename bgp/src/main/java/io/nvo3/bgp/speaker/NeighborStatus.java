package io.nvo3.bgp.speaker;

import io.nvo3.bgp.fsm.Negotiated;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.session.MessageCounts;
import io.nvo3.bgp.wire.AfiSafi;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A neighbor as {@link BgpSpeaker#neighbors()} reports it.
 *
 * @param received   NLRI the neighbor currently announces (pre-policy): the sum over {@code families}
 * @param accepted   of those, paths held in the RIB (post-policy): the sum over {@code families}
 * @param advertised destinations we currently announce to it: the sum over {@code families}
 * @param lastError  the last reason the session went down or failed to come up
 * @param messagesSent     messages sent to the neighbor by type, since it was configured
 * @param messagesReceived messages received from it by type, since it was configured
 * @param families   the same three counters per AFI/SAFI, for every configured family (gobgp's "Route statistics")
 */
public record NeighborStatus(InetAddress address, int port, long remoteAs, SessionState state, Optional<Instant> establishedSince,
        Optional<Duration> uptime, long received, long accepted, long advertised, Optional<Negotiated> negotiated,
        Optional<String> lastError, MessageCounts messagesSent, MessageCounts messagesReceived, Map<AfiSafi, FamilyCounts> families) {

    /**
     * One family's prefix counters.
     *
     * @param received   NLRI of the family the neighbor currently announces (its Adj-RIB-In, pre-policy)
     * @param accepted   of those, paths held in the Loc-RIB (after import policy and RFC 7606 handling)
     * @param advertised destinations of the family in our Adj-RIB-Out to it
     */
    public record FamilyCounts(long received, long accepted, long advertised) {
        public static final FamilyCounts ZERO = new FamilyCounts(0, 0, 0);
    }

    public NeighborStatus {
        families = Collections.unmodifiableMap(new LinkedHashMap<>(families));
    }

    public NeighborStatus(InetAddress address, int port, long remoteAs, SessionState state,
                          Optional<Instant> establishedSince, Optional<Duration> uptime, long received, long accepted,
                          long advertised, Optional<Negotiated> negotiated, Optional<String> lastError) {
        this(address, port, remoteAs, state, establishedSince, uptime, received, accepted, advertised, negotiated,
                lastError, MessageCounts.NONE, MessageCounts.NONE, Map.of());
    }

    /** The counters of {@code family}, zero when it is not configured. */
    public FamilyCounts family(AfiSafi family) {
        return families.getOrDefault(family, FamilyCounts.ZERO);
    }
}
