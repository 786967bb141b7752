package io.nvo3.controller.model;

import java.util.Set;

/** Neutron's ipv6_ra_mode / ipv6_address_mode rules. */
final class SubnetMode {
    private static final Set<String> MODES = Set.of("slaac", "dhcpv6-stateful", "dhcpv6-stateless");

    private SubnetMode() {}

    static void check(int version, String raMode, String addressMode) {
        for (String[] m : new String[][] {{"ipv6_ra_mode", raMode}, {"ipv6_address_mode", addressMode}}) {
            if (m[1] == null) {
                continue;
            }
            if (!MODES.contains(m[1])) {
                throw ModelException.invalid(m[0], "'" + m[1] + "' is not in " + MODES);
            }
            if (version != 6) {
                throw ModelException.invalid(m[0], "ipv6_ra_mode or ipv6_address_mode cannot be set when ip_version is 4");
            }
        }
        if (raMode != null && addressMode != null && !raMode.equals(addressMode)) {
            throw ModelException.invalid("ipv6_ra_mode", "ipv6_ra_mode set to '" + raMode + "' with ipv6_address_mode set to '"
                    + addressMode + "' is not valid. If both attributes are set, they must be the same value");
        }
    }
}
