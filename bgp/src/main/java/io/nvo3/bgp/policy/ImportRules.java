package io.nvo3.bgp.policy;

import io.nvo3.bgp.rib.PeerRef;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.util.Optional;

/** Checks a received route before it enters the Adj-RIB-In (loop detection) and normalises it. */
public final class ImportRules {
    private ImportRules() {}

    /** Why the route must be ignored, or empty when it is acceptable. */
    public static Optional<String> reject(RouteAttributes a, PeerRef from, LocalIdentity local) {
        if (from.external()) {
            // RFC 4271 §9.1.2: "If the AS_PATH attribute of a BGP route contains an AS loop, the BGP route
            // should be excluded from the Phase 2 decision function."
            Optional<PathAttribute.AsPath> path = a.attribute(PathAttribute.AsPath.class);
            if (path.isPresent()) {
                for (AsPathSegment s : path.get().segments()) {
                    if (s.asns().contains(local.asn())) {
                        return Optional.of("AS path loop (contains AS " + local.asn() + ")");
                    }
                }
            }
        } else {
            // RFC 4456 §8: "A router that recognizes the ORIGINATOR_ID attribute SHOULD ignore a route received
            // with its BGP Identifier as the ORIGINATOR_ID."
            if (a.originatorId() == local.routerId()) {
                return Optional.of("ORIGINATOR_ID is our router id");
            }
            // RFC 4456 §8: "If the local CLUSTER_ID is found in the CLUSTER_LIST, the advertisement received SHOULD be ignored."
            Optional<PathAttribute.ClusterList> cl = a.attribute(PathAttribute.ClusterList.class);
            if (cl.isPresent() && cl.get().clusterIds().stream().anyMatch(id -> RouteAttributes.ipv4(id) == local.clusterId())) {
                return Optional.of("CLUSTER_LIST contains our cluster id");
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 4271 §5.1.5: LOCAL_PREF "SHALL NOT be included in UPDATE messages sent to BGP speakers located in a
     * neighboring AS" and is ignored if received from one; ORIGINATOR_ID and CLUSTER_LIST are iBGP-only too.
     */
    public static RouteAttributes normalise(RouteAttributes a, PeerRef from) {
        if (!from.external()) {
            return a;
        }
        return a.without(PathAttribute.LOCAL_PREF).without(PathAttribute.ORIGINATOR_ID).without(PathAttribute.CLUSTER_LIST);
    }
}
