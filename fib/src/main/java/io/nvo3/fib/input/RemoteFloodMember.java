package io.nvo3.fib.input;

import java.net.Inet4Address;
import java.util.Objects;

/** A remote VTEP that wants the VN's BUM traffic (EVPN type 3 IMET, ingress replication) with {@code vni}. */
public record RemoteFloodMember(String vnId, Inet4Address vtep, int vni) {
    public RemoteFloodMember {
        Ids.requireId("floodMember.vnId", vnId);
        Objects.requireNonNull(vtep, "vtep");
        Ids.requireVni("floodMember.vni", vni);
    }
}
