package io.nvo3.controller.fibwiring;

import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.FibClass;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.model.FibPolicy;
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

    /** A network is a VN whose VNI is Neutron's provider:segmentation_id, populated as its fib_policy says. */
    public static VirtualNetwork vn(Network n) {
        return new VirtualNetwork(n.id(), (int) n.vni(), mode(n.fibPolicy().mode()));
    }

    public static FibMode mode(FibPolicy.Mode m) {
        return switch (m) {
            case PUSH -> FibMode.PUSH;
            case PULL -> FibMode.PULL;
            case HYBRID -> FibMode.HYBRID;
        };
    }

    public static FibClass fibClass(io.nvo3.model.FibClass c) {
        return switch (c) {
            case STANDARD -> FibClass.STANDARD;
            case LATENCY_SENSITIVE -> FibClass.LATENCY_SENSITIVE;
        };
    }

    /**
     * A port is a tenant system. {@code binding} is where an NVE reports it plugged (system-id, OpenFlow port); a
     * port that is administratively down does not forward (Neutron: "The administrative state of the port ... down
     * ... does not forward packets"): a forwarding TS becomes SUSPENDED (traffic to and from it dropped, routes
     * withdrawn), the others keep their non-forwarding state.
     */
    public static TenantSystem ts(Port p, Optional<TsLocation.Bound> binding) {
        List<InetAddress> ips = p.fixedIps().stream().map(FixedIp::ipAddress).map(IpAddresses::parse).toList();
        MacAddress mac = MacAddress.parse(p.macAddress());
        List<AllowedAddressPair> pairs = p.allowedAddressPairs().stream()
                .map(a -> new AllowedAddressPair(IpPrefix.parse(a.ipAddress()), Optional.of(MacAddress.parse(a.macAddress()))))
                .toList();
        TsState state = state(p.state());
        if (!p.adminStateUp() && state.forwards()) {
            state = TsState.SUSPENDED;
        }
        TsLocation loc = binding.<TsLocation>map(b -> b).orElse(TsLocation.UNBOUND);
        return new TenantSystem(p.id(), p.networkId(), mac, ips, pairs, p.portSecurityEnabled(), state, loc,
                fibClass(p.fibClass()));
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
