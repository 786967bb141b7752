package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.Objects;

/**
 * One path to a destination: the NLRI as this path carries it (labels, ESI and gateway included;
 * the RIB is keyed by {@link NlriKeys#key}) or null when it equals the key (saves a reference per
 * IPv4 route), who sent it and with which (interned) attributes.
 * {@code stale} marks a path kept for a restarting neighbor (RFC 4724 §4.2) or during an enhanced
 * route refresh (RFC 7313 §4).
 */
public record Path(Nlri nlri, PeerRef peer, RouteAttributes attributes, boolean stale) {
    public Path {
        Objects.requireNonNull(peer);
        Objects.requireNonNull(attributes);
    }

    /** The NLRI to put on the wire for this path to destination {@code key}. */
    public Nlri nlriFor(Nlri key) {
        return nlri != null ? nlri : key;
    }

    public Path asStale() {
        return stale ? this : new Path(nlri, peer, attributes, true);
    }
}
