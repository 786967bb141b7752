package io.nvo3.model;

/** A static route handed to hosts by DHCP: {@code destination} CIDR via {@code nexthop}. */
public record HostRoute(String destination, String nexthop) {
    public HostRoute {
        destination = Cidr.parse("host_routes", destination).toString();
        nexthop = IpAddresses.canonical("host_routes", nexthop);
    }
}
