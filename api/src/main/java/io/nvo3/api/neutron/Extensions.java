package io.nvo3.api.neutron;

import io.nvo3.api.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Neutron API extensions this server implements, listed by {@code GET /v2.0/extensions}. */
final class Extensions {
    static final List<Map<String, Object>> ALL = build(new String[][] {
            {"provider", "Provider Network", "Expose mapping of virtual networks to physical networks"},
            {"binding", "Port Binding", "Expose port bindings of a virtual port to external application"},
            {"port-security", "Port Security", "Provides port security"},
            {"allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs"},
            {"security-group", "security-group", "The security groups extension (read-only: each project's default group)."},
            {"network-mtu", "Network MTU", "Provides MTU attribute for a network resource."},
            {"network-mtu-writable", "Network MTU (writable)", "Provides a writable MTU attribute for a network resource."},
            {"project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled."},
            {"pagination", "Pagination support", "Extension that indicates that pagination is enabled."},
            {"sorting", "Sorting support", "Extension that indicates that sorting is enabled."},
            {"standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes"},
            {"standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources."},
            {"standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes."},
            {"filter-validation", "Filter parameters validation", "Provides validation on filter parameters."},
            {"bgpvpn", "BGPVPN extension", "Provides support for BGP VPN interconnections (network associations)."},
            {"bgpvpn-vni", "BGPVPN VNI extension", "Lets a BGPVPN choose the VXLAN VNI advertised for its networks."},
    });

    private Extensions() {}

    private static List<Map<String, Object>> build(String[][] rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r[1]);
            m.put("alias", r[0]);
            m.put("description", r[2]);
            m.put("updated", "2013-01-01T10:00:00-00:00");
            m.put("links", List.of());
            out.add(m);
        }
        return List.copyOf(out);
    }

    static Map<String, Object> byAlias(String alias) {
        for (Map<String, Object> e : ALL) {
            if (e.get("alias").equals(alias)) {
                return e;
            }
        }
        throw ApiException.notFound("HTTPNotFound", "Extension with alias " + alias + " does not exist");
    }
}
