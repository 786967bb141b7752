package io.nvo3.bgp.wire.extcommunities;

import java.util.Optional;

/** BGP Tunnel Encapsulation Attribute Tunnel Types (IANA registry, RFC 9012 / RFC 5512 / RFC 8365). */
public enum TunnelType {
    L2TPV3(1),
    GRE(2),
    IP_IN_IP(7),
    VXLAN(8),
    NVGRE(9),
    MPLS(10),
    MPLS_IN_GRE(11),
    VXLAN_GPE(12),
    MPLS_IN_UDP(13),
    GENEVE(19);

    private final int code;

    TunnelType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<TunnelType> of(int code) {
        for (TunnelType t : values()) {
            if (t.code == code) return Optional.of(t);
        }
        return Optional.empty();
    }
}
