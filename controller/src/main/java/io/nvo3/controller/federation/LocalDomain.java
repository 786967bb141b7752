package io.nvo3.controller.federation;

import java.net.Inet4Address;
import java.util.Objects;

/** This controller domain's BGP identity: its AS (for default RTs) and router id (for default RDs). */
public record LocalDomain(long asn, Inet4Address routerId) {
    public LocalDomain {
        if (asn < 1 || asn > 0xffff_ffffL) {
            throw new IllegalArgumentException("AS number out of range: " + asn);
        }
        Objects.requireNonNull(routerId, "routerId");
    }
}
