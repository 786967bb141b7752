package io.nvo3.fib.fake;

import java.net.Inet4Address;

/** Where a packet leaves an NVE. */
public sealed interface Egress {
    record Local(int port) implements Egress {
    }

    record Tunnel(long vni, Inet4Address remoteVtep) implements Egress {
    }
}
