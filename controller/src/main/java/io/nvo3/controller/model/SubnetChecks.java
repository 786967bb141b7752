package io.nvo3.controller.model;

import io.nvo3.model.AllocationPool;
import io.nvo3.model.Cidr;
import io.nvo3.model.HostRoute;
import io.nvo3.model.InvalidValueException;
import io.nvo3.model.IpAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Neutron's checks of a subnet's gateway, allocation pools, DNS servers and host routes (pure; errors as Neutron's). */
final class SubnetChecks {
    private SubnetChecks() {}

    static String gateway(Cidr cidr, Optional<String> asked) {
        if (asked == null) {
            // Neutron's default gateway: the first address after the network address
            return cidr.prefixLength() >= cidr.bits() - 1 ? null
                    : IpAddresses.format(IpAddresses.fromBigInteger(cidr.first().add(BigInteger.ONE), cidr.version()));
        }
        if (asked.isEmpty()) {
            return null;
        }
        InetAddress gw = IpAddresses.parse("gateway_ip", asked.get());
        if (IpAddresses.version(gw) != cidr.version()) {
            throw ModelException.invalid("gateway_ip", "'" + asked.get() + "' is not an IPv" + cidr.version()
                    + " address");
        }
        BigInteger v = IpAddresses.toBigInteger(gw);
        if (v.equals(cidr.first()) || (cidr.version() == 4 && cidr.prefixLength() < 31 && v.equals(cidr.last()))) {
            throw new ModelException.BadRequest("InvalidInput", "gateway_ip", "Invalid input for operation: Gateway ip "
                    + asked.get() + " conflicts with allocation pool or is the subnet's network or broadcast address.");
        }
        return IpAddresses.format(gw);
    }

    static void checkPools(Cidr cidr, String gw, List<AllocationPool> pools) {
        try {
            AllocationPool.validate(cidr, pools);
        } catch (InvalidValueException e) {
            throw new ModelException.BadRequest("InvalidAllocationPool", "allocation_pools", e.getMessage());
        }
        if (gw != null) {
            BigInteger g = IpAddresses.toBigInteger(IpAddresses.parse("gateway_ip", gw));
            for (AllocationPool p : pools) {
                if (p.contains(g)) {
                    throw new ModelException.Conflict("GatewayConflictWithAllocationPools", "gateway_ip",
                            "Gateway ip " + gw + " conflicts with allocation pool " + p.start() + "-" + p.end() + ".");
                }
            }
        }
    }

    static List<String> checkDns(List<String> dns) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String d : dns) {
            String c = IpAddresses.canonical("dns_nameservers", d);
            if (!seen.add(c)) {
                throw ModelException.invalid("dns_nameservers", "Duplicate nameserver '" + d + "'");
            }
            out.add(c);
        }
        return out;
    }

    static List<HostRoute> checkRoutes(Cidr cidr, List<HostRoute> routes) {
        if (new HashSet<>(routes).size() != routes.size()) {
            throw ModelException.invalid("host_routes", "Duplicate hostroute '" + routes + "'");
        }
        for (HostRoute h : routes) {
            if (Cidr.parse("host_routes", h.destination()).version() != cidr.version()
                    || IpAddresses.version(IpAddresses.parse("host_routes", h.nexthop())) != cidr.version()) {
                throw ModelException.invalid("host_routes", "host route " + h.destination() + " via " + h.nexthop()
                        + " is not of the subnet's IP version " + cidr.version());
            }
        }
        return routes;
    }
}
