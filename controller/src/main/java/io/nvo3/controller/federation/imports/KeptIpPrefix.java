package io.nvo3.controller.federation.imports;

import io.nvo3.bgp.wire.nlri.EvpnRoute;
import java.util.List;
import java.util.Objects;

/**
 * An EVPN IP Prefix route (RFC 9136, type 5) whose route targets a local VN imports (through its
 * EVPN or L3 import RTs): decoded and kept for L3 work; not mapped to the FIB yet.
 */
public record KeptIpPrefix(EvpnRoute.IpPrefixRoute nlri, ReceivedEvpnRoute route, List<String> vnIds) {
    public KeptIpPrefix {
        Objects.requireNonNull(nlri, "nlri");
        Objects.requireNonNull(route, "route");
        vnIds = List.copyOf(vnIds);
    }
}
