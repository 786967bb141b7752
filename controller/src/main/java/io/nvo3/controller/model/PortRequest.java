package io.nvo3.controller.model;

import java.util.List;
import java.util.Map;

/**
 * What a caller asks of a port; null fields are "not given". {@code id, projectId, networkId}
 * count only on create.
 */
public record PortRequest(String id, String projectId, String networkId, String name, String description,
                          String macAddress, Boolean adminStateUp, String deviceId, String deviceOwner,
                          List<FixedIpRequest> fixedIps, List<AddressPairRequest> allowedAddressPairs,
                          List<String> securityGroups, Boolean portSecurityEnabled, String hostId,
                          Map<String, Object> bindingProfile) {
    /** One asked address: a subnet, an address, or both. */
    public record FixedIpRequest(String subnetId, String ipAddress) {}

    /** An allowed address pair; a null MAC means the port's own. */
    public record AddressPairRequest(String ipAddress, String macAddress) {}

    public static PortRequest on(String projectId, String networkId) {
        return new PortRequest(null, projectId, networkId, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
