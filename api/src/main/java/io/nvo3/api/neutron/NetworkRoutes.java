package io.nvo3.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2.0/networks}: Neutron's network resource with the provider extension (VXLAN only). */
final class NetworkRoutes {
    private static final Set<String> POST = Set.of("name", "description", "admin_state_up", "shared", "mtu",
            "port_security_enabled", "tenant_id", "project_id", "provider:network_type", "provider:physical_network",
            "provider:segmentation_id", "availability_zone_hints", "router:external", "is_default", "dns_domain",
            "qos_policy_id");
    private static final Set<String> PUT = Set.of("name", "description", "admin_state_up", "shared", "mtu",
            "port_security_enabled", "provider:network_type", "provider:physical_network", "provider:segmentation_id",
            "router:external", "is_default", "dns_domain", "qos_policy_id");
    private static final Set<String> READ_ONLY = Set.of("id", "status", "subnets", "availability_zones",
            "ipv4_address_scope", "ipv6_address_scope", "created_at", "updated_at", "revision_number", "tags",
            "l2_adjacency");
    static final Set<String> ATTRIBUTES = Set.of("id", "name", "tenant_id", "project_id", "admin_state_up", "mtu",
            "status", "subnets", "shared", "availability_zone_hints", "availability_zones", "ipv4_address_scope",
            "ipv6_address_scope", "router:external", "description", "port_security_enabled", "l2_adjacency", "tags",
            "created_at", "updated_at", "revision_number", "provider:network_type", "provider:physical_network",
            "provider:segmentation_id");

    private final ModelService model;

    NetworkRoutes(ModelService model) {
        this.model = model;
    }

    ApiResponse list(ApiRequest r) {
        Principal who = r.principal();
        List<Map<String, Object>> views = new ArrayList<>();
        for (Network n : model.networks()) {
            if (Access.canSee(who, n)) {
                views.add(Views.network(n, model, who));
            }
        }
        return ApiResponse.json(200, Json.bytes(ListQuery.apply("networks", views, ATTRIBUTES, r)));
    }

    ApiResponse show(ApiRequest r) {
        Network n = Access.visibleNetwork(r.principal(), model, r.pathVar("id"));
        return NeutronRoutes.one(200, "network",
                ListQuery.project(Views.network(n, model, r.principal()), ListQuery.fields(r.query().get("fields"))));
    }

    ApiResponse create(ApiRequest r) {
        var root = Json.object(r.body());
        if (root.has("networks") && !root.has("network")) {
            List<Map<String, Object>> out = new ArrayList<>();
            List<String> created = new ArrayList<>();
            try {
                for (JsonNode n : root.get("networks")) {
                    Network net = model.createNetwork(request(Body.of(n, "network", POST, READ_ONLY, true), r.principal()));
                    created.add(net.id());
                    out.add(Views.network(net, model, r.principal()));
                }
            } catch (RuntimeException e) {
                created.forEach(model::deleteNetwork); // Neutron's bulk create is all or nothing
                throw e;
            }
            return NeutronRoutes.many(201, "networks", out);
        }
        Body b = Body.of(root.get("network"), "network", POST, READ_ONLY, true);
        Network n = model.createNetwork(request(b, r.principal()));
        return NeutronRoutes.one(201, "network", Views.network(n, model, r.principal()));
    }

    private static NetworkRequest request(Body b, Principal who) {
        String project = b.project(who, "create_network");
        Long vni = provider(b, who, "create_network");
        Boolean shared = b.bool("shared");
        if (shared != null && shared && !who.admin()) {
            throw ApiException.policy("create_network:shared");
        }
        unsupported(b);
        return new NetworkRequest(null, project, b.string("name", 255), b.string("description", 255),
                b.bool("admin_state_up"), shared, mtu(b), vni, b.bool("port_security_enabled"));
    }

    private static Integer mtu(Body b) {
        Long mtu = b.integer("mtu");
        if (mtu != null && (mtu < 0 || mtu > Integer.MAX_VALUE)) {
            throw ApiException.invalid("mtu", "'" + mtu + "' is too large or negative");
        }
        return mtu == null ? null : mtu.intValue();
    }

    /** The provider extension, admin-only: VXLAN is the only type, with the VNI as segmentation id. */
    private static Long provider(Body b, Principal who, String action) {
        for (String k : List.of("provider:network_type", "provider:physical_network", "provider:segmentation_id")) {
            if (b.has(k) && !who.admin()) {
                throw ApiException.policy(action + ":" + k);
            }
        }
        if (b.has("provider:network_type")) {
            String t = b.nullableString("provider:network_type").orElse(null);
            if (t != null && !t.equals("vxlan")) {
                throw new ApiException(400, "InvalidInput", "provider:network_type",
                        "Invalid input for operation: network_type value '" + t + "' not supported.");
            }
        }
        if (b.has("provider:physical_network") && b.nullableString("provider:physical_network").isPresent()) {
            throw new ApiException(400, "InvalidInput", "provider:physical_network",
                    "Invalid input for operation: provider:physical_network specified for vxlan network.");
        }
        return b.integer("provider:segmentation_id");
    }

    private static void unsupported(Body b) {
        Boolean external = b.bool("router:external");
        if (external != null && external) {
            throw ApiException.invalid("router:external", "external networks are not supported");
        }
        if (b.has("availability_zone_hints")) {
            List<String> hints = b.stringList("availability_zone_hints");
            if (hints != null && !hints.isEmpty()) {
                throw ApiException.invalid("availability_zone_hints", "availability zones are not supported");
            }
        }
    }

    ApiResponse update(ApiRequest r) {
        Principal who = r.principal();
        Network cur = Access.visibleNetwork(who, model, r.pathVar("id"));
        Access.requireOwner(who, cur.projectId(), "update_network");
        Body b = Body.of(r.body(), "network", PUT, union(READ_ONLY, Set.of("tenant_id", "project_id")), false);
        Long vni = provider(b, who, "update_network");
        Boolean shared = b.bool("shared");
        if (shared != null && shared != cur.shared() && !who.admin()) {
            throw ApiException.policy("update_network:shared");
        }
        unsupported(b);
        Network n = model.updateNetwork(cur.id(), new NetworkRequest(null, null, b.string("name", 255),
                b.string("description", 255), b.bool("admin_state_up"), shared, mtu(b), vni,
                b.bool("port_security_enabled")));
        return NeutronRoutes.one(200, "network", Views.network(n, model, who));
    }

    ApiResponse delete(ApiRequest r) {
        Network cur = Access.visibleNetwork(r.principal(), model, r.pathVar("id"));
        Access.requireOwner(r.principal(), cur.projectId(), "delete_network");
        model.deleteNetwork(cur.id());
        return ApiResponse.noContent();
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }
}
