package io.nvo3.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An IPv4 or IPv6 subnet of a network. Addresses are kept in canonical text. */
public record Subnet(String id, String projectId, String networkId, String name, String description, String cidr,
                     String gatewayIp, List<AllocationPool> allocationPools, boolean enableDhcp,
                     List<String> dnsNameservers, List<HostRoute> hostRoutes, String ipv6RaMode,
                     String ipv6AddressMode, Instant createdAt, Instant updatedAt, long revisionNumber) {
    public Subnet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(networkId, "networkId");
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        Cidr c = Cidr.parse("cidr", cidr);
        cidr = c.toString();
        if (gatewayIp != null) {
            var gw = IpAddresses.parse("gateway_ip", gatewayIp);
            if (IpAddresses.version(gw) != c.version()) {
                throw new InvalidValueException("gateway_ip", "gateway_ip " + gatewayIp + " is not an IPv" + c.version() + " address");
            }
            gatewayIp = IpAddresses.format(gw);
        }
        allocationPools = List.copyOf(allocationPools);
        AllocationPool.validate(c, allocationPools);
        dnsNameservers = dnsNameservers.stream().map(s -> IpAddresses.canonical("dns_nameservers", s)).toList();
        hostRoutes = List.copyOf(hostRoutes);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Cidr parsedCidr() {
        return Cidr.parse("cidr", cidr);
    }

    public int ipVersion() {
        return cidr.indexOf(':') >= 0 ? 6 : 4;
    }
}
