package io.nvo3.model;

import java.util.Objects;

/**
 * An extra (IP or CIDR, MAC) a port may send from, as Neutron's allowed-address-pairs
 * extension; {@code macAddress} defaults to the port's own MAC.
 */
public record AllowedAddressPair(String ipAddress, String macAddress) {
    public AllowedAddressPair {
        Objects.requireNonNull(ipAddress, "ipAddress");
        ipAddress = ipAddress.indexOf('/') >= 0
                ? Cidr.parse("allowed_address_pairs", ipAddress).toString()
                : IpAddresses.canonical("allowed_address_pairs", ipAddress);
        Objects.requireNonNull(macAddress, "macAddress");
        macAddress = MacAddress.parse("allowed_address_pairs", macAddress).toString();
    }
}
