package io.nvo3.controller.federation.imports;

import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteMac;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted MAC/IP route for one local VN. {@code selected} says whether it won the RFC 7432 §15
 * choice among the routes for the same MAC in the VN (and so reached the FIB).
 */
public record MacRoute(String vnId, MacAddress mac, Optional<InetAddress> ip, Inet4Address vtep, int vni,
                       long sequence, boolean sticky, RouteDistinguisher rd, InetAddress nextHop,
                       Optional<InetAddress> peer, boolean selected) implements RemoteEntry {
    public MacRoute {
        Objects.requireNonNull(vnId, "vnId");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(vtep, "vtep");
        Objects.requireNonNull(rd, "rd");
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(peer, "peer");
    }

    public RemoteMac toRemoteMac() {
        return new RemoteMac(vnId, mac, ip, vtep, vni);
    }

    MacRoute select() {
        return new MacRoute(vnId, mac, ip, vtep, vni, sequence, sticky, rd, nextHop, peer, true);
    }
}
