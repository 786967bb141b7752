package io.nvo3.fib.input;

import java.util.Objects;
import java.util.Optional;

/** Neutron allowed_address_pairs entry: an extra source IP or CIDR, optionally with its own MAC (else the port's). */
public record AllowedAddressPair(IpPrefix prefix, Optional<MacAddress> mac) {
    public AllowedAddressPair {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(mac, "mac");
        if (mac.isPresent() && mac.get().isMulticast()) {
            throw new FibInputException("allowedAddressPair.mac", "multicast MAC " + mac.get());
        }
    }

    public MacAddress macOr(MacAddress portMac) {
        return mac.orElse(portMac);
    }
}
