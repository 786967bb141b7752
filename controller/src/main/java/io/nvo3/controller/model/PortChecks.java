package io.nvo3.controller.model;

import io.nvo3.model.AllowedAddressPair;
import io.nvo3.model.InvalidValueException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Validation of port attributes that needs no model state. */
final class PortChecks {
    private PortChecks() {}

    static void precheck(PortRequest r) {
        if (r.securityGroups() != null) {
            for (String sg : r.securityGroups()) {
                try {
                    UUID.fromString(sg);
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw ModelException.invalid("security_groups", "'" + sg + "' is not a valid UUID");
                }
            }
        }
    }

    /** Neutron's allowed-address-pairs extension: refused on a port without port security. */
    static List<AllowedAddressPair> pairs(List<PortRequest.AddressPairRequest> asked, String portMac,
                                          boolean portSecurity) {
        if (asked == null || asked.isEmpty()) {
            return List.of();
        }
        if (!portSecurity) {
            throw new ModelException.Conflict("AddressPairAndPortSecurityRequired", "allowed_address_pairs",
                    "Port Security must be enabled in order to have allowed address pairs on a port.");
        }
        List<AllowedAddressPair> out = new ArrayList<>();
        Set<AllowedAddressPair> seen = new HashSet<>();
        for (PortRequest.AddressPairRequest a : asked) {
            if (a.ipAddress() == null) {
                throw new ModelException.BadRequest("AllowedAddressPairsMissingIP", "allowed_address_pairs",
                        "AllowedAddressPair must contain ip_address");
            }
            AllowedAddressPair p;
            try {
                p = new AllowedAddressPair(a.ipAddress(), a.macAddress() != null ? a.macAddress() : portMac);
            } catch (InvalidValueException e) {
                throw ModelException.invalid("allowed_address_pairs", e.getMessage());
            }
            if (!seen.add(p)) {
                throw new ModelException.BadRequest("DuplicateAddressPairInRequest", "allowed_address_pairs",
                        "Request contains duplicate address pair: mac_address " + p.macAddress() + " ip_address "
                                + p.ipAddress() + ".");
            }
            out.add(p);
        }
        return out;
    }

    static List<String> securityGroups(List<String> asked, boolean portSecurity) {
        if (asked == null || asked.isEmpty()) {
            return List.of();
        }
        if (!portSecurity) {
            throw new ModelException.Conflict("PortSecurityPortHasSecurityGroup", "security_groups",
                    "Port has security group associated. Cannot disable port security or ip address until security "
                            + "group is removed.");
        }
        return List.copyOf(new java.util.LinkedHashSet<>(asked));
    }
}
