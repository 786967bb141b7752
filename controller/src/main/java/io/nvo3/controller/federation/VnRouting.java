package io.nvo3.controller.federation;

import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How one VN takes part in BGP, computed by {@link VnRoutings#compute}.
 *
 * @param networkId       the VN
 * @param localVni        the VNI its NVEs use (Neutron's segmentation id)
 * @param advertisedVni   the VNI put in exported routes: {@code localVni}, or the {@code vni} of an
 *                        associated l2 BGPVPN
 * @param rd              the RD of its exported routes
 * @param importTargets   EVPN (L2) import RTs: the default plus every associated l2 BGPVPN's
 *                        route_targets and import_targets
 * @param exportTargets   EVPN (L2) export RTs: the default plus route_targets and export_targets
 * @param l3ImportTargets import RTs of associated l3 BGPVPNs (for type 5 / VPN routes, later)
 * @param l3ExportTargets export RTs of associated l3 BGPVPNs
 * @param localPref       LOCAL_PREF of exported routes, when an associated BGPVPN sets one
 * @param warnings        conflicts resolved while computing (e.g. two BGPVPNs with different VNIs)
 */
public record VnRouting(String networkId, int localVni, int advertisedVni, RouteDistinguisher rd,
                        Set<RouteTarget> importTargets, Set<RouteTarget> exportTargets,
                        Set<RouteTarget> l3ImportTargets, Set<RouteTarget> l3ExportTargets,
                        OptionalLong localPref, List<String> warnings) {
    public VnRouting {
        Objects.requireNonNull(networkId, "networkId");
        RtRdSyntax.checkVni(localVni);
        RtRdSyntax.checkVni(advertisedVni);
        Objects.requireNonNull(rd, "rd");
        importTargets = VnRoutings.sorted(importTargets);
        exportTargets = VnRoutings.sorted(exportTargets);
        l3ImportTargets = VnRoutings.sorted(l3ImportTargets);
        l3ExportTargets = VnRoutings.sorted(l3ExportTargets);
        Objects.requireNonNull(localPref, "localPref");
        warnings = List.copyOf(warnings);
    }
}
