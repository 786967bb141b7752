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
                   Instant createdAt, Instant updatedAt, long revisionNumber,
                   FibClass fibClass, long moves, String moveTarget) {
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
        fibClass = fibClass == null ? FibClass.STANDARD : fibClass;
        if (moves < 0) {
            throw new InvalidValueException("moves", "move counter " + moves + " is negative");
        }
        moveTarget = moveTarget == null || moveTarget.isEmpty() ? null : moveTarget;
    }

    /** A standard-class port that never moved. */
    public Port(String id, String projectId, String networkId, String name, String description,
                String macAddress, boolean adminStateUp, String deviceId, String deviceOwner,
                List<FixedIp> fixedIps, List<AllowedAddressPair> allowedAddressPairs,
                List<String> securityGroups, boolean portSecurityEnabled, String hostId,
                Map<String, Object> bindingProfile, String attachedNve,
                TenantSystemState state, String substate,
                Instant createdAt, Instant updatedAt, long revisionNumber) {
        this(id, projectId, networkId, name, description, macAddress, adminStateUp, deviceId, deviceOwner, fixedIps,
                allowedAddressPairs, securityGroups, portSecurityEnabled, hostId, bindingProfile, attachedNve, state,
                substate, createdAt, updatedAt, revisionNumber, FibClass.STANDARD, 0, null);
    }

    /** True while a move to {@link #moveTarget} is under way. */
    public boolean moving() {
        return moveTarget != null;
    }

    /** The same port (its lifecycle attributes kept) with another FIB class, a new revision and update time. */
    public Port withFibClass(FibClass c, Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, adminStateUp, deviceId,
                deviceOwner, fixedIps, allowedAddressPairs, securityGroups, portSecurityEnabled, hostId,
                bindingProfile, attachedNve, state, substate, createdAt, now, revisionNumber + 1, c, moves, moveTarget);
    }

    /** The same port with another move counter and move target (null: no move under way). */
    public Port withMove(long newMoves, String newMoveTarget, Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, adminStateUp, deviceId,
                deviceOwner, fixedIps, allowedAddressPairs, securityGroups, portSecurityEnabled, hostId,
                bindingProfile, attachedNve, state, substate, createdAt, now, revisionNumber + 1, fibClass, newMoves,
                newMoveTarget);
    }

    /** Carries this port's lifecycle attributes (FIB class, move counter and target) over to {@code p}. */
    public Port keepingLifecycleOf(Port p) {
        return new Port(id, projectId, networkId, name, description, macAddress, adminStateUp, deviceId,
                deviceOwner, fixedIps, allowedAddressPairs, securityGroups, portSecurityEnabled, hostId,
                bindingProfile, attachedNve, state, substate, createdAt, updatedAt, revisionNumber, p.fibClass,
                p.moves, p.moveTarget);
    }

    /** Neutron's status: ACTIVE while the TS runs on an NVE and is administratively up, else DOWN. */
    public String status() {
        return attachedNve != null && state == TenantSystemState.RUNNING && adminStateUp ? "ACTIVE" : "DOWN";
    }

    public Port withState(TenantSystemState newState, String newSubstate, String nve, String host,
                          Instant now) {
        return new Port(id, projectId, networkId, name, description, macAddress, adminStateUp, deviceId,
                deviceOwner, fixedIps, allowedAddressPairs, securityGroups, portSecurityEnabled, host,
                bindingProfile, nve, newState, newSubstate, createdAt, now, revisionNumber + 1, fibClass, moves,
                moveTarget);
    }
}
