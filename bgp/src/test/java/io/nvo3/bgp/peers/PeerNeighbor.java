package io.nvo3.bgp.peers;

import java.util.Objects;
import java.util.Set;

/**
 * A neighbor as a test peer's config sees it.
 *
 * @param address the neighbor's loopback address
 * @param port the neighbor's listening port (where the peer connects to)
 * @param asn the neighbor's AS
 * @param families families to enable
 * @param passive whether the peer should only wait for the neighbor to connect
 * @param routeReflectorClient whether the peer treats the neighbor as its RR client (iBGP)
 */
public record PeerNeighbor(String address, int port, long asn, Set<PeerFamily> families,
        boolean passive, boolean routeReflectorClient) {
    public PeerNeighbor {
        Objects.requireNonNull(address, "address");
        families = Set.copyOf(families);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families: at least one");
        }
    }

    public static PeerNeighbor of(String address, int port, long asn, PeerFamily... families) {
        return new PeerNeighbor(address, port, asn, Set.of(families), false, false);
    }

    public PeerNeighbor asPassive() {
        return new PeerNeighbor(address, port, asn, families, true, routeReflectorClient);
    }

    public PeerNeighbor asRrClient() {
        return new PeerNeighbor(address, port, asn, families, passive, true);
    }
}
