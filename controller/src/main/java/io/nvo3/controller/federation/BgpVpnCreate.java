package io.nvo3.controller.federation;

import java.util.List;
import java.util.Objects;

/**
 * What {@link BgpVpnService#create} needs. Lists may be null (empty), {@code type} null (l3, the
 * neutron-lib default), {@code vni}/{@code localPref} null (unset). Values are checked here, each
 * error naming its attribute.
 */
public record BgpVpnCreate(String projectId, String name, BgpVpnType type, List<String> routeTargets,
                           List<String> importTargets, List<String> exportTargets,
                           List<String> routeDistinguishers, Long vni, Long localPref) {
    public BgpVpnCreate {
        Objects.requireNonNull(projectId, "projectId");
        name = Objects.requireNonNullElse(name, "");
        type = Objects.requireNonNullElse(type, BgpVpnType.L3);
        routeTargets = checked("route_targets", routeTargets);
        importTargets = checked("import_targets", importTargets);
        exportTargets = checked("export_targets", exportTargets);
        routeDistinguishers = checked("route_distinguishers", routeDistinguishers);
        if (vni != null) {
            RtRdSyntax.checkVni(vni);
        }
        if (localPref != null) {
            RtRdSyntax.checkLocalPref(localPref);
        }
    }

    /** An l2 or l3 BGPVPN with only {@code route_targets}. */
    public static BgpVpnCreate of(String projectId, String name, BgpVpnType type, List<String> routeTargets) {
        return new BgpVpnCreate(projectId, name, type, routeTargets, null, null, null, null, null);
    }

    static List<String> checked(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = List.copyOf(values);
        out.forEach(s -> RtRdSyntax.check(field, s));
        return out;
    }
}
