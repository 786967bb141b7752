package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.attributes.As4Paths;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The path attributes of a route, minus the NLRI carriers (MP_REACH/MP_UNREACH) and with the next
 * hop kept apart as an address. Immutable, compared by value, and meant to be interned
 * ({@link AttributeInterner}) so that the many routes sharing one attribute set share one object.
 * The values best-path selection needs are computed once here.
 */
public final class RouteAttributes {
    /** RFC 4271 §5.1.5 has no default; like every implementation we use 100 when LOCAL_PREF is absent. */
    public static final long DEFAULT_LOCAL_PREF = 100;

    private final List<PathAttribute> attributes;
    private final InetAddress nextHop;
    private final int hash;
    private final long localPref;
    private final int asPathLength;
    private final long neighborAs;
    private final int origin;
    private final long med;
    private final long originatorId;
    private final int clusterListLength;

    private RouteAttributes(List<PathAttribute> attributes, InetAddress nextHop) {
        this.attributes = attributes;
        this.nextHop = nextHop;
        this.hash = 31 * attributes.hashCode() + Objects.hashCode(nextHop);
        long lp = DEFAULT_LOCAL_PREF;
        int len = 0;
        long nAs = 0;
        int org = 2;
        long m = 0;
        long orig = -1;
        int cl = 0;
        for (PathAttribute a : attributes) {
            switch (a) {
                case PathAttribute.LocalPref p -> lp = p.value();
                case PathAttribute.AsPath p -> {
                    for (AsPathSegment s : p.segments()) {
                        // RFC 4271 §9.1.2.2 a): "an AS_SET counts as 1, no matter how many ASes are in the set";
                        // RFC 5065 §5.3: confederation segments do not count.
                        switch (s.type()) {
                            case AS_SEQUENCE -> len += s.asns().size();
                            case AS_SET -> len += 1;
                            case AS_CONFED_SEQUENCE, AS_CONFED_SET -> { }
                        }
                    }
                    nAs = p.segments().stream().filter(s -> s.type() == AsPathSegment.Type.AS_SEQUENCE).findFirst()
                            .map(s -> s.asns().getFirst()).orElse(0L);
                }
                case PathAttribute.Origin o -> org = o.origin().ordinal();
                // RFC 4271 §9.1.2.2 c): "If a MULTI_EXIT_DISC attribute is removed before re-advertising a route
                // into IBGP, then comparison based on the received EBGP MULTI_EXIT_DISC attribute MAY still be
                // performed" — a missing MED counts as the lowest value, 0.
                case PathAttribute.MultiExitDisc d -> m = d.value();
                case PathAttribute.OriginatorId o -> orig = ipv4(o.id());
                case PathAttribute.ClusterList c -> cl = c.clusterIds().size();
                default -> { }
            }
        }
        this.localPref = lp;
        this.asPathLength = len;
        this.neighborAs = nAs;
        this.origin = org;
        this.med = m;
        this.originatorId = orig;
        this.clusterListLength = cl;
    }

    /**
     * Builds a canonical attribute set: MP_REACH/MP_UNREACH and NEXT_HOP are dropped (the next hop
     * is {@code nextHop}); the rest is ordered by type code.
     */
    public static RouteAttributes of(List<PathAttribute> attributes, InetAddress nextHop) {
        List<PathAttribute> kept = new ArrayList<>(attributes.size());
        for (PathAttribute a : attributes) {
            if (!(a instanceof PathAttribute.MpReachNlri || a instanceof PathAttribute.MpUnreachNlri
                    || a instanceof PathAttribute.NextHop)) {
                kept.add(a);
            }
        }
        kept.sort(Comparator.comparingInt(PathAttribute::typeCode));
        return new RouteAttributes(List.copyOf(kept), nextHop);
    }

    /**
     * {@link #of} for attributes received from a neighbor: from an OLD speaker (no 4-octet AS capability on the
     * session) AS_PATH and AGGREGATOR first take the 4-octet information of AS4_PATH / AS4_AGGREGATOR, which are
     * not kept (RFC 6793 §4.2.3, {@link As4Paths#mergeFromOldSpeaker}), so that loop detection, best-path
     * selection and re-advertisement see the true path.
     */
    public static RouteAttributes received(List<PathAttribute> attributes, InetAddress nextHop, boolean fourOctetAsSession) {
        return of(fourOctetAsSession ? attributes : As4Paths.mergeFromOldSpeaker(attributes), nextHop);
    }

    public static long ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    public static Inet4Address ipv4(long v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** All attributes but MP_REACH/MP_UNREACH/NEXT_HOP, ordered by type code. */
    public List<PathAttribute> attributes() {
        return attributes;
    }

    public InetAddress nextHop() {
        return nextHop;
    }

    public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
        for (PathAttribute a : attributes) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    public List<ExtendedCommunity> extendedCommunities() {
        return attribute(PathAttribute.ExtendedCommunities.class).map(PathAttribute.ExtendedCommunities::communities).orElse(List.of());
    }

    /** The route targets among the extended communities. */
    public List<ExtendedCommunity.RouteTarget> routeTargets() {
        List<ExtendedCommunity.RouteTarget> out = new ArrayList<>();
        for (ExtendedCommunity c : extendedCommunities()) {
            if (c instanceof ExtendedCommunity.RouteTarget rt) {
                out.add(rt);
            }
        }
        return out;
    }

    public long localPref() {
        return localPref;
    }

    public int asPathLength() {
        return asPathLength;
    }

    /** The leftmost AS of the first AS_SEQUENCE (the neighboring AS), 0 when the path is empty. */
    public long neighborAs() {
        return neighborAs;
    }

    /** 0 IGP, 1 EGP, 2 INCOMPLETE (a missing ORIGIN ranks as INCOMPLETE). */
    public int origin() {
        return origin;
    }

    public long med() {
        return med;
    }

    /** ORIGINATOR_ID as an unsigned 32-bit value, or -1. */
    public long originatorId() {
        return originatorId;
    }

    public int clusterListLength() {
        return clusterListLength;
    }

    /** A copy with {@code attr} replacing any attribute of the same type. */
    public RouteAttributes with(PathAttribute attr) {
        List<PathAttribute> out = new ArrayList<>(attributes.size() + 1);
        for (PathAttribute a : attributes) {
            if (a.typeCode() != attr.typeCode()) {
                out.add(a);
            }
        }
        out.add(attr);
        return of(out, nextHop);
    }

    /** A copy without attributes of the given type code. */
    public RouteAttributes without(int typeCode) {
        if (attributes.stream().noneMatch(a -> a.typeCode() == typeCode)) {
            return this;
        }
        return of(attributes.stream().filter(a -> a.typeCode() != typeCode).toList(), nextHop);
    }

    public RouteAttributes withNextHop(InetAddress nh) {
        return Objects.equals(nh, nextHop) ? this : new RouteAttributes(attributes, nh);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteAttributes r && r.hash == hash && r.attributes.equals(attributes) && Objects.equals(r.nextHop, nextHop);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "nh " + (nextHop == null ? "-" : nextHop.getHostAddress()) + " " + attributes;
    }
}
