package io.nvo3.fib.input;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** A MAC (and optional IP) learned from BGP (EVPN type 2): reach it through {@code vtep} with {@code vni}. */
public record RemoteMac(String vnId, MacAddress mac, Optional<InetAddress> ip, Inet4Address vtep, int vni) {
    public RemoteMac {
        Ids.requireId("remoteMac.vnId", vnId);
        Objects.requireNonNull(mac, "mac");
        if (mac.isMulticast()) {
            throw new FibInputException("remoteMac.mac", "multicast MAC " + mac);
        }
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(vtep, "vtep");
        Ids.requireVni("remoteMac.vni", vni);
    }
}
