package io.nvo3.controller.model;

import io.nvo3.model.AllocationPool;
import io.nvo3.model.HostRoute;
import java.util.List;
import java.util.Optional;

/**
 * What a caller asks of a subnet; null fields are "not given". {@code gatewayIp} is
 * null when not given (a default gateway on create), {@code Optional.empty()} for an explicit
 * JSON null (no gateway). {@code id, projectId, networkId, ipVersion, cidr} count only on create.
 */
public record SubnetRequest(String id, String projectId, String networkId, String name, String description,
                            Integer ipVersion, String cidr, Optional<String> gatewayIp,
                            List<AllocationPool> allocationPools, Boolean enableDhcp, List<String> dnsNameservers,
                            List<HostRoute> hostRoutes, String ipv6RaMode, String ipv6AddressMode) {
    public static SubnetRequest of(String projectId, String networkId, String cidr) {
        return new SubnetRequest(null, projectId, networkId, null, null, null, cidr, null, null, null, null, null,
                null, null);
    }
}
