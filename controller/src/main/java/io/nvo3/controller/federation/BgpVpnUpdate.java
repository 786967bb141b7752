package io.nvo3.controller.federation;

import java.util.List;
import java.util.Optional;

/**
 * A change to a BGPVPN: a null field stays as it is. {@code localPref} is tri-state as
 * {@code range_or_none} allows: null = unchanged, empty = clear, a value = set. The type and VNI are
 * not updatable (neutron-lib: {@code 'allow_put': False} for both).
 */
public record BgpVpnUpdate(String name, List<String> routeTargets, List<String> importTargets,
                           List<String> exportTargets, List<String> routeDistinguishers,
                           Optional<Long> localPref) {
    public BgpVpnUpdate {
        routeTargets = routeTargets == null ? null : BgpVpnCreate.checked("route_targets", routeTargets);
        importTargets = importTargets == null ? null : BgpVpnCreate.checked("import_targets", importTargets);
        exportTargets = exportTargets == null ? null : BgpVpnCreate.checked("export_targets", exportTargets);
        routeDistinguishers = routeDistinguishers == null ? null
                : BgpVpnCreate.checked("route_distinguishers", routeDistinguishers);
        if (localPref != null) {
            localPref.ifPresent(RtRdSyntax::checkLocalPref);
        }
    }

    public static BgpVpnUpdate name(String name) {
        return new BgpVpnUpdate(name, null, null, null, null, null);
    }

    BgpVpn applyTo(BgpVpn cur) {
        return new BgpVpn(cur.id(), cur.projectId(), name != null ? name : cur.name(), cur.type(),
                routeTargets != null ? routeTargets : cur.routeTargets(),
                importTargets != null ? importTargets : cur.importTargets(),
                exportTargets != null ? exportTargets : cur.exportTargets(),
                routeDistinguishers != null ? routeDistinguishers : cur.routeDistinguishers(), cur.vni(),
                localPref != null ? localPref.orElse(null) : cur.localPref(), cur.revisionNumber() + 1);
    }
}
