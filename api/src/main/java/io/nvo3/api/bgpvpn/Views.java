package io.nvo3.api.bgpvpn;

import io.nvo3.api.Principal;
import io.nvo3.controller.federation.BgpVpn;
import io.nvo3.controller.federation.NetworkAssociation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the bgpvpn resources. networking-bgpvpn's default policy shows {@code tenant_id},
 * the route targets and distinguishers and {@code vni} to admins only (get_bgpvpn:&lt;attribute&gt;:
 * rule:admin_only), and an association's {@code tenant_id} likewise; {@code project_id} is the same
 * value and is hidden with it.
 */
final class Views {
    static final List<String> ADMIN_ONLY = List.of("tenant_id", "project_id", "route_targets", "import_targets",
            "export_targets", "route_distinguishers", "vni");

    private Views() {}

    static Map<String, Object> bgpvpn(BgpVpn b, List<String> networks, Principal who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("name", b.name());
        m.put("type", b.type().apiName());
        m.put("route_targets", b.routeTargets());
        m.put("import_targets", b.importTargets());
        m.put("export_targets", b.exportTargets());
        m.put("route_distinguishers", b.routeDistinguishers());
        m.put("vni", b.vni());
        m.put("local_pref", b.localPref());
        m.put("networks", networks);
        m.put("routers", List.of());
        m.put("ports", List.of());
        m.put("tenant_id", b.projectId());
        m.put("project_id", b.projectId());
        if (!who.admin()) {
            ADMIN_ONLY.forEach(m::remove);
        }
        return m;
    }

    static Map<String, Object> association(NetworkAssociation a, Principal who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("network_id", a.networkId());
        if (who.admin()) {
            m.put("tenant_id", a.projectId());
            m.put("project_id", a.projectId());
        }
        return m;
    }
}
