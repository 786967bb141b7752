package io.nvo3.fib.input;

import java.util.Objects;

/**
 * A tenant L2 segment, the VNI its NVEs use on the wire and how its FIB is populated. VNIs are unique within one
 * {@link FibInput}, also against the VNIs of remote routes imported into other VNs.
 */
public record VirtualNetwork(String id, int vni, FibMode mode) {
    public VirtualNetwork {
        Ids.requireId("virtualNetwork.id", id);
        Ids.requireVni("virtualNetwork.vni", vni);
        Objects.requireNonNull(mode, "mode");
    }

    /** A {@link FibMode#PUSH} VN. */
    public VirtualNetwork(String id, int vni) {
        this(id, vni, FibMode.PUSH);
    }

    public VirtualNetwork withMode(FibMode m) {
        return new VirtualNetwork(id, vni, m);
    }
}
