package io.nvo3.fib.input;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * One hypervisor's Open vSwitch (an NVE): {@code systemId} is the Open_vSwitch row's external_ids:system-id,
 * {@code vtep} its other_config:local_ip, {@code tunnelOfport} the OpenFlow port of the flow-based VXLAN port
 * (options:remote_ip=flow, options:key=flow) on br-int.
 */
public record Nve(String systemId, Inet4Address vtep, int tunnelOfport) {
    public Nve {
        Ids.requireId("nve.systemId", systemId);
        Objects.requireNonNull(vtep, "vtep");
        Ids.requireOfport("nve.tunnelOfport", tunnelOfport);
    }
}
