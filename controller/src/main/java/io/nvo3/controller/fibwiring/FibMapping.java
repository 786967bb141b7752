package io.nvo3.controller.fibwiring;

import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.model.FixedIp;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** The model's networks and ports in the FIB's vocabulary. Pure functions. */
public final class FibMapping {
    private FibMapping() {
    }

    /** A network is a VN whose VNI is Neutron's provider:segmentation_id. */
    public static VirtualNetwork vn(Network n) {
        return new VirtualNetwork(n.id(), (int) n.vni());
    }

    /**
     * A port is a tenant system. {@code binding} is where an NVE reports it plugged (system-id, OpenFlow port); a
     * port that is administratively down does not forward (Neutron: "The administrative state of the port ... down
     * ... does not forward packets").
     */
    public static TenantSystem ts(Port p, Optional<TsLocation.Bound> binding) {
        List<InetAddress> ips = p.fixedIps().stream().map(FixedIp::ipAddress).map(IpAddresses::parse).toList();
        MacAddress mac = MacAddress.parse(p.macAddress());
        List<AllowedAddressPair> pairs = p.allowedAddressPairs().stream()
                .map(a -> new AllowedAddressPair(IpPrefix.parse(a.ipAddress()), Optional.of(MacAddress.parse(a.macAddress()))))
                .toList();
        TsState state = p.adminStateUp() ? state(p.state()) : TsState.SHUT_OFF;
        TsLocation loc = binding.<TsLocation>map(b -> b).orElse(TsLocation.UNBOUND);
        return new TenantSystem(p.id(), p.networkId(), mac, ips, pairs, p.portSecurityEnabled(), state, loc);
    }

    public static TsState state(TenantSystemState s) {
        return switch (s) {
            case NOT_DEPLOYED -> TsState.NOT_DEPLOYED;
            case RUNNING -> TsState.RUNNING;
            case SUSPENDED -> TsState.SUSPENDED;
            case SHUTDOWN -> TsState.SHUTDOWN;
            case SHUT_OFF -> TsState.SHUT_OFF;
            case MOVING -> TsState.MOVING;
            case OTHER -> TsState.OTHER;
        };
    }
}
