package io.nvo3.controller.federation.export;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.model.FixedIp;
import io.nvo3.model.IpAddresses;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Builds export input from the tenant model. */
public final class LocalTenantSystems {
    private LocalTenantSystems() {}

    /**
     * @param ports             the ports of one VN (e.g. {@code ModelService.portsOf(networkId)})
     * @param vtepOfNve         the VTEP of an NVE by system id (empty when unknown or disconnected)
     * @param mobilitySequence  the MAC mobility sequence of a port (0 until issue 6 drives it)
     */
    public static List<LocalTenantSystem> fromPorts(Collection<Port> ports,
                                                    Function<String, Optional<Inet4Address>> vtepOfNve,
                                                    ToLongFunction<String> mobilitySequence) {
        List<LocalTenantSystem> out = new ArrayList<>(ports.size());
        for (Port p : ports) {
            List<InetAddress> ips = new ArrayList<>();
            for (FixedIp f : p.fixedIps()) {
                ips.add(IpAddresses.parse("fixed_ips", f.ipAddress()));
            }
            Optional<Inet4Address> vtep = p.attachedNve() == null ? Optional.empty() : vtepOfNve.apply(p.attachedNve());
            // admin_state_up=false suspends a forwarding port, as the FIB does (FibMapping): routes follow the same rule.
            TenantSystemState state = !p.adminStateUp()
                    && (p.state() == TenantSystemState.RUNNING || p.state() == TenantSystemState.SHUTDOWN)
                    ? TenantSystemState.SUSPENDED : p.state();
            out.add(new LocalTenantSystem(p.id(), MacAddress.parse(p.macAddress()), ips, state, vtep,
                    mobilitySequence.applyAsLong(p.id())));
        }
        return out;
    }
}
