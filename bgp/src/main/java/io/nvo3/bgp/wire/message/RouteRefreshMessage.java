package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import java.util.Objects;

/**
 * RFC 2918 §3: AFI (2), Reserved (1), SAFI (1); RFC 7313 §3 turns Reserved into the Message
 * Subtype: 0 normal request, 1 Beginning of Route Refresh, 2 End of Route Refresh. Anything after
 * the SAFI (RFC 5291 ORF entries in a normal request) is kept as {@code orf}.
 */
public record RouteRefreshMessage(AfiSafi family, int subtype, Bytes orf) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BORR = 1;
    public static final int EORR = 2;

    public RouteRefreshMessage {
        Objects.requireNonNull(family);
        Objects.requireNonNull(orf);
        if (subtype < 0 || subtype > 255) {
            throw new IllegalArgumentException("ROUTE-REFRESH subtype out of range");
        }
    }

    public static RouteRefreshMessage request(AfiSafi family) {
        return new RouteRefreshMessage(family, NORMAL, Bytes.EMPTY);
    }

    public int type() {
        return ROUTE_REFRESH;
    }
}
