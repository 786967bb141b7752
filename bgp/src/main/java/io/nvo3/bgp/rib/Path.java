package io.nvo3.bgp.rib;

import java.util.Objects;

/**
 * One path to a destination: who sent it and with which (interned) attributes. {@code stale} marks
 * a path kept for a restarting neighbor (RFC 4724 §4.2) or during an enhanced route refresh (RFC 7313 §4).
 */
public record Path(PeerRef peer, RouteAttributes attributes, boolean stale) {
    public Path {
        Objects.requireNonNull(peer);
        Objects.requireNonNull(attributes);
    }

    public Path asStale() {
        return stale ? this : new Path(peer, attributes, true);
    }
}
