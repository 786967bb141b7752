package io.nvo3.bgp.speaker;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The Loc-RIB best path to {@code nlri} changed.
 *
 * @param attributes the new best path's attributes (next hop included), empty when the destination is gone
 * @param peer       who sent the new best path; empty when it is ours or gone
 */
public record RouteEvent(AfiSafi family, Nlri nlri, Optional<RouteAttributes> attributes, Optional<InetAddress> peer) {
    public boolean withdrawn() {
        return attributes.isEmpty();
    }
}
