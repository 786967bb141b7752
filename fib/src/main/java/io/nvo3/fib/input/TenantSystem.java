package io.nvo3.fib.input;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A VM or appliance interface (a Neutron port): its VN, MAC, fixed IPs (IPv4 and IPv6), allowed address pairs,
 * port security switch, state, location and FIB class (used by {@link FibMode#HYBRID} VNs).
 */
public record TenantSystem(String portId, String vnId, MacAddress mac, List<InetAddress> fixedIps,
                           List<AllowedAddressPair> allowedAddressPairs, boolean portSecurity, TsState state,
                           TsLocation location, FibClass fibClass) {
    public TenantSystem {
        Ids.requireId("tenantSystem.portId", portId);
        Ids.requireId("tenantSystem.vnId", vnId);
        Objects.requireNonNull(mac, "mac");
        if (mac.isMulticast() || mac.bits() == 0) {
            throw new FibInputException("tenantSystem.mac", "not a unicast MAC: " + mac);
        }
        fixedIps = List.copyOf(fixedIps);
        for (InetAddress ip : fixedIps) {
            if (ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
                throw new FibInputException("tenantSystem.fixedIps", "not a unicast address: " + ip.getHostAddress());
            }
        }
        allowedAddressPairs = List.copyOf(allowedAddressPairs);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(fibClass, "fibClass");
    }

    /** A {@link FibClass#STANDARD} tenant system. */
    public TenantSystem(String portId, String vnId, MacAddress mac, List<InetAddress> fixedIps,
                        List<AllowedAddressPair> allowedAddressPairs, boolean portSecurity, TsState state,
                        TsLocation location) {
        this(portId, vnId, mac, fixedIps, allowedAddressPairs, portSecurity, state, location, FibClass.STANDARD);
    }

    public TenantSystem withState(TsState s) {
        return new TenantSystem(portId, vnId, mac, fixedIps, allowedAddressPairs, portSecurity, s, location, fibClass);
    }

    public TenantSystem withLocation(TsLocation l) {
        return new TenantSystem(portId, vnId, mac, fixedIps, allowedAddressPairs, portSecurity, state, l, fibClass);
    }

    public TenantSystem withFibClass(FibClass c) {
        return new TenantSystem(portId, vnId, mac, fixedIps, allowedAddressPairs, portSecurity, state, location, c);
    }
}
