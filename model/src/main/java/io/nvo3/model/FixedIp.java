package io.nvo3.model;

import java.util.Objects;

/** An address of a port on one subnet; {@code ipAddress} is canonical text. */
public record FixedIp(String subnetId, String ipAddress) {
    public FixedIp {
        Objects.requireNonNull(subnetId, "subnetId");
        ipAddress = IpAddresses.canonical("fixed_ips", ipAddress);
    }
}
