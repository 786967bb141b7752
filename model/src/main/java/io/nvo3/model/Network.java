package io.nvo3.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant virtual network (VN): one L2 segment carried as VXLAN with {@code vni}
 * (Neutron's {@code provider:segmentation_id}).
 */
public record Network(String id, String projectId, String name, String description, boolean adminStateUp,
                      boolean shared, int mtu, long vni, boolean portSecurityEnabled,
                      Instant createdAt, Instant updatedAt, long revisionNumber, FibPolicy fibPolicy) {
    /** RFC 7348 section 5: "VXLAN Network Identifier (VNI): This is a 24-bit value". */
    public static final long MAX_VNI = 0xFF_FFFFL;

    public Network {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (vni < 1 || vni > MAX_VNI) {
            throw new InvalidValueException("provider:segmentation_id", "VNI " + vni + " out of range 1.." + MAX_VNI);
        }
        if (mtu < 68 || mtu > 65535) {
            throw new InvalidValueException("mtu", "MTU " + mtu + " out of range 68..65535");
        }
        fibPolicy = fibPolicy == null ? FibPolicy.DEFAULT : fibPolicy;
    }

    /** A network with the default FIB policy (push, suspended withdraw). */
    public Network(String id, String projectId, String name, String description, boolean adminStateUp,
                   boolean shared, int mtu, long vni, boolean portSecurityEnabled,
                   Instant createdAt, Instant updatedAt, long revisionNumber) {
        this(id, projectId, name, description, adminStateUp, shared, mtu, vni, portSecurityEnabled, createdAt,
                updatedAt, revisionNumber, FibPolicy.DEFAULT);
    }

    /** The same network with another FIB policy, a new revision and update time. */
    public Network withFibPolicy(FibPolicy p, Instant now) {
        return new Network(id, projectId, name, description, adminStateUp, shared, mtu, vni, portSecurityEnabled,
                createdAt, now, revisionNumber + 1, p);
    }
}
