package io.nvo3.controller.federation;

import java.util.List;
import java.util.Objects;

/**
 * A networking-bgpvpn BGPVPN. Route targets and distinguishers are kept as the strings the API was
 * given (validated by {@link RtRdSyntax}); {@code vni} and {@code localPref} are null when unset.
 *
 * <p>neutron-lib api-ref bgpvpn-overview: "The set of RTs used for import is the union of
 * route_targets and import_targets. The set of RTs used for export is the union of route_targets and
 * export_targets."
 */
public record BgpVpn(String id, String projectId, String name, BgpVpnType type, List<String> routeTargets,
                     List<String> importTargets, List<String> exportTargets, List<String> routeDistinguishers,
                     Integer vni, Long localPref, long revisionNumber) {
    public BgpVpn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        name = Objects.requireNonNullElse(name, "");
        Objects.requireNonNull(type, "type");
        routeTargets = List.copyOf(routeTargets);
        importTargets = List.copyOf(importTargets);
        exportTargets = List.copyOf(exportTargets);
        routeDistinguishers = List.copyOf(routeDistinguishers);
        routeTargets.forEach(s -> RtRdSyntax.check("route_targets", s));
        importTargets.forEach(s -> RtRdSyntax.check("import_targets", s));
        exportTargets.forEach(s -> RtRdSyntax.check("export_targets", s));
        routeDistinguishers.forEach(s -> RtRdSyntax.check("route_distinguishers", s));
        if (vni != null) {
            RtRdSyntax.checkVni(vni.longValue());
        }
        if (localPref != null) {
            RtRdSyntax.checkLocalPref(localPref);
        }
    }
}
