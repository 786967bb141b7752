package io.nvo3.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant system (TS) interface: Neutron's port. {@code hostId} is {@code binding:host_id}
 * (the NVE system-id it is bound to, set by an admin or by the NVE that reports it);
 * {@code attachedNve} is the NVE it actually runs on, null until an NVE reports it.
 */
public record Port(String id, String projectId, String networkId, String name, String description,
                   String macAddress, boolean adminStateUp, String deviceId, String deviceOwner,
                   List<FixedIp> fixedIps, List<AllowedAddressPair> allowedAddressPairs,
                   List<String> securityGroups, boolean portSecurityEnabled, String hostId,
                   Map<String, Object> bindingProfile, String attachedNve,
                   TenantSystemState state, String substate,
                   Instant createdAt, Instant updatedAt, long revisionNumber) {
    public Port {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(networkId, "networkId");
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        macAddress = MacAddress.parse("mac_address", macAddress).toString();
        deviceId = Objects.requireNonNullElse(deviceId, "");
        deviceOwner = Objects.requireNonNullElse(deviceOwner, "");
        fixedIps = List.copyOf(fixedIps);
        allowedAddressPairs = List.copyOf(allowedAddressPairs);
        securityGroups = List.copyOf(securityGroups);
        hostId = Objects.requireNonNullElse(hostId, "");
        bindingProfile = bindingProfile == null ? Map.of() : Map.copyOf(bindingProfile);
        Objects.requireNonNull(state, "state");
        if (state != TenantSystemState.OTHER) {
            substate = null;
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Neutron's status: ACTIVE while the TS runs on an NVE and is administratively up, else DOWN. */
    public String status() {
        return attachedNve != null && state == TenantSystemState.RUNNING && adminStateUp ? "ACTIVE" : "DOWN";
    }

    public Port withState(TenantSystemState newState, String newSubstate, String nve, String host,
                          Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, adminStateUp, deviceId,
                deviceOwner, fixedIps, allowedAddressPairs, securityGroups, portSecurityEnabled, host,
                bindingProfile, nve, newState, newSubstate, createdAt, now, revisionNumber + 1);
    }
}
