package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.capabilities.Capability;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What both OPENs together decided for the session.
 *
 * @param peerAs                the neighbor's AS (from the 4-octet AS capability when present)
 * @param peerBgpIdentifier     the neighbor's BGP Identifier
 * @param holdTimeSeconds       min of both proposals; 0 means no keepalives and no hold timer
 * @param families              AFI/SAFIs both announced (IPv4 unicast when a side announced none)
 * @param fourOctetAs           both announced capability 65
 * @param routeRefresh          both announced route refresh
 * @param enhancedRouteRefresh  both announced enhanced route refresh
 * @param extendedMessage       both announced extended messages
 * @param peerGracefulRestart   the neighbor's graceful-restart capability when we announced ours too
 * @param external              eBGP
 * @param peerCapabilities      everything the neighbor announced, for status
 */
public record Negotiated(long peerAs, long peerBgpIdentifier, int holdTimeSeconds, Set<AfiSafi> families,
        boolean fourOctetAs, boolean routeRefresh, boolean enhancedRouteRefresh, boolean extendedMessage,
        Optional<Capability.GracefulRestart> peerGracefulRestart, boolean external, List<Capability> peerCapabilities) {

    public Negotiated {
        families = Set.copyOf(families);
        peerCapabilities = List.copyOf(peerCapabilities);
    }

    /** RFC 4271 §10: "a reasonable maximum time between KEEPALIVE messages would be one third of the Hold Time". */
    public int keepaliveSeconds() {
        return holdTimeSeconds / 3;
    }

    /** The codec context for both directions (no ADD-PATH is negotiated). */
    public CodecContext codecContext() {
        return new CodecContext(fourOctetAs, extendedMessage, Set.of(), external);
    }

    /** Whether the neighbor kept forwarding state for {@code family} across its restart (F bit). */
    public boolean peerPreservedForwarding(AfiSafi family) {
        return peerGracefulRestart.map(gr -> gr.families().stream()
                .anyMatch(f -> f.family().equals(family) && f.forwardingStatePreserved())).orElse(false);
    }
}
