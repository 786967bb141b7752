package io.nvo3.controller.federation.imports;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A best EVPN route as received: NLRI, next hop (as on the wire: FRR sends {@code ::ffff:a.b.c.d}),
 * path attributes and the peer it came from (empty for our own).
 */
public record ReceivedEvpnRoute(EvpnRoute nlri, InetAddress nextHop, List<PathAttribute> attributes,
                                Optional<InetAddress> peer) {
    public ReceivedEvpnRoute {
        Objects.requireNonNull(nlri, "nlri");
        Objects.requireNonNull(nextHop, "nextHop");
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(peer, "peer");
    }

    /** From a Loc-RIB best path; empty when the NLRI is not EVPN. */
    public static Optional<ReceivedEvpnRoute> of(Nlri nlri, RouteAttributes best, Optional<InetAddress> peer) {
        if (!(nlri instanceof EvpnRoute e) || best == null || best.nextHop() == null) {
            return Optional.empty();
        }
        return Optional.of(new ReceivedEvpnRoute(e, best.nextHop(), best.attributes(), peer));
    }

    public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
        for (PathAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    /** The extended communities of every EXTENDED_COMMUNITIES attribute. */
    public List<ExtendedCommunity> extendedCommunities() {
        List<ExtendedCommunity> out = new ArrayList<>();
        for (PathAttribute a : attributes) {
            if (a instanceof PathAttribute.ExtendedCommunities ec) {
                out.addAll(ec.communities());
            }
        }
        return out;
    }
}
