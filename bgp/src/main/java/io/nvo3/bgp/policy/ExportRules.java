package io.nvo3.bgp.policy;

import io.nvo3.bgp.rib.Path;
import io.nvo3.bgp.rib.PeerRef;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a neighbor gets for a best path (its Adj-RIB-Out entry, RFC 4271 §9.2), or nothing: iBGP
 * split horizon, route reflection (RFC 4456), AS_PATH prepending and attribute scoping for eBGP,
 * next-hop handling. Pure: the same inputs always give the same answer, so the Adj-RIB-Out can be
 * recomputed instead of stored.
 */
public final class ExportRules {
    private ExportRules() {}

    public static Optional<RouteAttributes> export(Path best, ExportTarget to, LocalIdentity local) {
        if (best == null) {
            return Optional.empty();
        }
        PeerRef from = best.peer();
        // Never back to the neighbor it came from.
        if (!from.local() && from.id() == to.peerId()) {
            return Optional.empty();
        }
        RouteAttributes a = best.attributes();
        boolean reflected = false;
        if (!from.local() && !from.external() && !to.external()) {
            // RFC 4271 §9.2: "a BGP speaker SHALL NOT advertise ... routes learned from an internal peer to other
            // internal peers" — unless it reflects, RFC 4456 §6: "A reflected route is ... from a non-client
            // peer: reflect to all the clients; from a client peer: reflect to all the non-client peers and also
            // to the client peers."
            if (!from.rrClient() && !to.rrClient()) {
                return Optional.empty();
            }
            reflected = true;
        }
        if (to.external()) {
            // RFC 4271 §5.1.2: "When a given BGP speaker advertises the route to an external peer, the advertising
            // speaker updates the AS_PATH attribute ... prepend its own AS number as the last element of the sequence".
            a = a.with(prepend(a.attribute(PathAttribute.AsPath.class).orElse(PathAttribute.AsPath.EMPTY), local.asn()));
            // RFC 4271 §5.1.5: LOCAL_PREF "MUST NOT" go to external peers; RFC 4456 §8: ORIGINATOR_ID and
            // CLUSTER_LIST are "non-transitive" and stay within the AS.
            a = a.without(PathAttribute.LOCAL_PREF).without(PathAttribute.ORIGINATOR_ID).without(PathAttribute.CLUSTER_LIST);
            // RFC 4271 §5.1.4: "The MULTI_EXIT_DISC attribute received from a neighboring AS MUST NOT be propagated
            // to other neighboring ASes."
            if (from.external()) {
                a = a.without(PathAttribute.MULTI_EXIT_DISC);
            }
            // RFC 4271 §5.1.3: to an external peer the next hop is our address on the session, unless we announce
            // a third-party next hop we originated (the VTEP of one of our NVEs).
            if (to.nextHopSelf() || !from.local() || a.nextHop() == null) {
                a = a.withNextHop(to.localAddress());
            }
        } else {
            if (a.attribute(PathAttribute.LocalPref.class).isEmpty()) {
                a = a.with(new PathAttribute.LocalPref(a.localPref()));
            }
            if (reflected) {
                // RFC 4456 §8: "ORIGINATOR_ID ... created by an RR ... carry the BGP Identifier of the originator of the
                // route in the local AS. A BGP speaker SHOULD NOT create an ORIGINATOR_ID attribute if one already exists."
                if (a.originatorId() < 0) {
                    a = a.with(new PathAttribute.OriginatorId(RouteAttributes.ipv4(from.bgpIdentifier())));
                }
                // "When an RR reflects a route, it MUST prepend the local CLUSTER_ID to the CLUSTER_LIST."
                List<java.net.Inet4Address> ids = new ArrayList<>();
                ids.add(RouteAttributes.ipv4(local.clusterId()));
                a.attribute(PathAttribute.ClusterList.class).ifPresent(c -> ids.addAll(c.clusterIds()));
                a = a.with(new PathAttribute.ClusterList(ids));
            } else if (to.nextHopSelf() || a.nextHop() == null) {
                a = a.withNextHop(to.localAddress());
            }
            if (!from.local() && from.external() && to.nextHopSelf()) {
                a = a.withNextHop(to.localAddress());
            }
        }
        if (a.attribute(PathAttribute.Origin.class).isEmpty()) {
            a = a.with(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
        }
        if (a.attribute(PathAttribute.AsPath.class).isEmpty()) {
            a = a.with(PathAttribute.AsPath.EMPTY);
        }
        return Optional.of(a);
    }

    static PathAttribute.AsPath prepend(PathAttribute.AsPath path, long asn) {
        List<AsPathSegment> segs = new ArrayList<>(path.segments());
        if (!segs.isEmpty() && segs.getFirst().type() == AsPathSegment.Type.AS_SEQUENCE && segs.getFirst().asns().size() < 255) {
            List<Long> asns = new ArrayList<>();
            asns.add(asn);
            asns.addAll(segs.getFirst().asns());
            segs.set(0, new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, asns));
        } else {
            // RFC 4271 §5.1.2: "if the first path segment of the AS_PATH is of type AS_SET, the local system
            // prepends a new path segment of type AS_SEQUENCE".
            segs.addFirst(AsPathSegment.sequence(asn));
        }
        return new PathAttribute.AsPath(segs);
    }
}
