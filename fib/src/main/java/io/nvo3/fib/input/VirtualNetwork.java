package io.nvo3.fib.input;

/** A tenant L2 segment and the VNI its NVEs use on the wire. VNIs are unique within one {@link FibInput}. */
public record VirtualNetwork(String id, int vni) {
    public VirtualNetwork {
        Ids.requireId("virtualNetwork.id", id);
        Ids.requireVni("virtualNetwork.vni", vni);
    }
}
