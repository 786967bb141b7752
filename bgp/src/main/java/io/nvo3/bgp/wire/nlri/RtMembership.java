package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunityCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 4684 §4 route target membership NLRI: "origin AS (4 octets) and route target (8 octets)"
 * as a prefix of 0 or 32..96 bits; the default route (length 0) asks for every route.
 * {@code routeTarget} always holds 8 octets, zero past the prefix length.
 */
public record RtMembership(long pathId, int length, long originAs, Bytes routeTarget) implements Nlri {
    public RtMembership {
        Nlri.checkPathId(pathId);
        Objects.requireNonNull(routeTarget);
        if (length != 0 && (length < 32 || length > 96)) {
            throw new IllegalArgumentException("RT membership prefix length must be 0 or 32..96: " + length);
        }
        if (originAs < 0 || originAs > 0xffff_ffffL || routeTarget.length() != 8) {
            throw new IllegalArgumentException("RT membership origin AS or route target out of range");
        }
        if (length == 0 && (originAs != 0 || !routeTarget.equals(Bytes.of(new byte[8])))) {
            throw new IllegalArgumentException("default RT membership carries no origin AS nor route target");
        }
        byte[] rt = routeTarget.toArray();
        Prefixes.mask(rt, Math.max(0, length - 32));
        if (!Bytes.of(rt).equals(routeTarget)) {
            throw new IllegalArgumentException("RT membership route target has bits past the prefix length");
        }
    }

    public static RtMembership defaultRoute() {
        return new RtMembership(NO_PATH_ID, 0, 0, Bytes.of(new byte[8]));
    }

    public static RtMembership of(long originAs, ExtendedCommunity routeTarget) {
        return new RtMembership(NO_PATH_ID, 96, originAs, Bytes.of(ExtendedCommunityCodec.toBytes(routeTarget)));
    }

    public boolean isDefault() {
        return length == 0;
    }

    /** The whole route target, when the prefix covers all 96 bits. */
    public Optional<ExtendedCommunity> fullRouteTarget() {
        return length == 96 ? Optional.of(ExtendedCommunityCodec.decode(routeTarget.toArray())) : Optional.empty();
    }
}
