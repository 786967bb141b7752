package io.nvo3.controller.federation.imports;

import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.fib.input.RemoteFloodMember;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** One accepted IMET route for one local VN: {@code vtep} wants the VN's BUM traffic with {@code vni}. */
public record FloodRoute(String vnId, Inet4Address vtep, int vni, RouteDistinguisher rd, InetAddress nextHop,
                         Optional<InetAddress> peer) implements RemoteEntry {
    public FloodRoute {
        Objects.requireNonNull(vnId, "vnId");
        Objects.requireNonNull(vtep, "vtep");
        Objects.requireNonNull(rd, "rd");
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(peer, "peer");
    }

    public RemoteFloodMember toFloodMember() {
        return new RemoteFloodMember(vnId, vtep, vni);
    }
}
