package io.nvo3.fib.fake;

import java.net.Inet4Address;

/** Where a packet leaves an NVE. */
public sealed interface Egress {
    record Local(int port) implements Egress {
    }

    record Tunnel(long vni, Inet4Address remoteVtep) implements Egress {
    }

    /**
     * A plain output to the tunnel port of a frame that came in on it. OVS would silently drop it (a frame never
     * leaves by its in_port unless sent to OFPP_IN_PORT); the fake reports it, so that split horizon has to be in the
     * flows and a redirect has to use {@code OutputInPort} to work on a real switch.
     */
    record BackIntoTunnel(long vni, Inet4Address remoteVtep) implements Egress {
    }

    /** A packet-in, sent by the flow with this cookie. */
    record Controller(long cookie) implements Egress {
    }
}
