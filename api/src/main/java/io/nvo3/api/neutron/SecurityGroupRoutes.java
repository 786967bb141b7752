package io.nvo3.api.neutron;

import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Read-only {@code /v2.0/security-groups}: each project's {@code default} group, as Neutron
 * creates it (egress to anywhere, ingress from members of the same group), so clients that
 * look groups up by name work. New ports with port security get it, as in Neutron.
 * Custom groups and rules are not served yet.
 */
final class SecurityGroupRoutes {
    static final Set<String> ATTRIBUTES = Set.of("id", "name", "description", "tenant_id", "project_id",
            "security_group_rules", "stateful", "shared", "tags", "created_at", "updated_at", "revision_number");
    private static final String EPOCH = "1970-01-01T00:00:00Z";

    private final ModelService model;

    SecurityGroupRoutes(ModelService model) {
        this.model = model;
    }

    /** The id of a project's default group: a name-based UUID, stable across restarts. */
    static String defaultGroupId(String project) {
        return UUID.nameUUIDFromBytes(("nvo3-default-sg:" + project).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String ruleId(String project, String n) {
        return UUID.nameUUIDFromBytes(("nvo3-default-sg-rule:" + project + ":" + n).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static Map<String, Object> view(String project) {
        String id = defaultGroupId(project);
        List<Map<String, Object>> rules = new ArrayList<>();
        String[][] spec = {{"egress", "IPv4", null}, {"egress", "IPv6", null}, {"ingress", "IPv4", id},
                {"ingress", "IPv6", id}};
        for (int i = 0; i < spec.length; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", ruleId(project, Integer.toString(i)));
            r.put("tenant_id", project);
            r.put("project_id", project);
            r.put("security_group_id", id);
            r.put("direction", spec[i][0]);
            r.put("ethertype", spec[i][1]);
            r.put("protocol", null);
            r.put("port_range_min", null);
            r.put("port_range_max", null);
            r.put("remote_ip_prefix", null);
            r.put("remote_group_id", spec[i][2]);
            r.put("remote_address_group_id", null);
            r.put("normalized_cidr", null);
            r.put("description", "");
            r.put("tags", List.of());
            r.put("created_at", EPOCH);
            r.put("updated_at", EPOCH);
            r.put("revision_number", 0);
            rules.add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", "default");
        m.put("description", "Default security group");
        m.put("tenant_id", project);
        m.put("project_id", project);
        m.put("security_group_rules", rules);
        m.put("stateful", true);
        m.put("shared", false);
        m.put("tags", List.of());
        m.put("created_at", EPOCH);
        m.put("updated_at", EPOCH);
        m.put("revision_number", 1);
        return m;
    }

    /** The projects whose default group this caller sees: its own, and for an admin every known project. */
    private Set<String> projects(Principal who) {
        Set<String> out = new LinkedHashSet<>();
        out.add(who.projectId());
        if (who.admin()) {
            model.networks().stream().map(Network::projectId).forEach(out::add);
            model.ports().stream().map(Port::projectId).forEach(out::add);
        }
        return out;
    }

    ApiResponse list(ApiRequest r) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (String p : projects(r.principal())) {
            views.add(view(p));
        }
        return ApiResponse.json(200, Json.bytes(ListQuery.apply("security_groups", views, ATTRIBUTES, r)));
    }

    ApiResponse show(ApiRequest r) {
        String id = r.pathVar("id");
        for (String p : projects(r.principal())) {
            if (defaultGroupId(p).equals(id)) {
                return NeutronRoutes.one(200, "security_group",
                        ListQuery.project(view(p), ListQuery.fields(r.query().get("fields"))));
            }
        }
        throw ApiException.notFound("SecurityGroupNotFound", "Security group " + id + " does not exist");
    }
}
