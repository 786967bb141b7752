package io.nvo3.controller.federation.imports;

import java.net.Inet4Address;
import java.util.Set;

/**
 * Local facts import needs.
 *
 * @param ownVteps                   the VTEPs of this domain's NVEs: routes with one of them as next hop
 *                                   are our own, reflected back, and are ignored
 * @param assumeVxlanWithoutEncapsulation RFC 8365 §5.1.3: "If the BGP Encapsulation extended community is
 *                                   not present, then the default MPLS encapsulation or a statically
 *                                   configured encapsulation is assumed." Our NVEs only speak VXLAN, so
 *                                   VXLAN is the statically configured encapsulation and such routes are
 *                                   accepted ({@link #DEFAULT_ASSUME_VXLAN}); false rejects them with
 *                                   {@link SkipReason#MISSING_ENCAPSULATION}
 */
public record ImportPolicy(Set<Inet4Address> ownVteps, boolean assumeVxlanWithoutEncapsulation) {
    public static final boolean DEFAULT_ASSUME_VXLAN = true;

    public ImportPolicy {
        ownVteps = Set.copyOf(ownVteps);
    }

    public static ImportPolicy of(Set<Inet4Address> ownVteps) {
        return new ImportPolicy(ownVteps, DEFAULT_ASSUME_VXLAN);
    }
}
