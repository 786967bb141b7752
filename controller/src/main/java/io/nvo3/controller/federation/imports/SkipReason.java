package io.nvo3.controller.federation.imports;

/** Why a received route was not turned into FIB input. */
public enum SkipReason {
    /** Its next hop (or PMSI endpoint) is one of our VTEPs: our own route reflected back. Ignored. */
    OWN_ROUTE(false),
    /** None of its route targets is imported by a local VN. */
    NO_MATCHING_VN(false),
    /** Route types 1 and 4 (multihoming) and unknown types are not used yet. */
    UNSUPPORTED_ROUTE_TYPE(false),
    /** The next hop is not a usable IPv4 VTEP (IPv6, loopback, multicast, unspecified). */
    BAD_NEXT_HOP(true),
    /** The VNI (label field) is 0 or outside 1..2^24-1. */
    BAD_VNI(true),
    /** Encapsulation extended communities are present but none says VXLAN. */
    NOT_VXLAN(true),
    /** No encapsulation extended community, and the policy does not assume VXLAN. */
    MISSING_ENCAPSULATION(true),
    /** An IMET route without a PMSI Tunnel attribute of type ingress replication with an IPv4 endpoint. */
    BAD_PMSI_TUNNEL(true),
    /** A MAC/IP route for a group (multicast/broadcast) MAC. */
    BAD_MAC(true),
    /**
     * Its VNI, imported into one VN, is another local VN's VNI or is already imported into another VN: the
     * FIB could not tell which VN a frame with that VNI belongs to. Reported per VN.
     */
    VNI_CLASH(true);

    private final boolean error;

    SkipReason(boolean error) {
        this.error = error;
    }

    /** True for malformed or unusable input, false for routes that are simply not for us. */
    public boolean error() {
        return error;
    }
}
