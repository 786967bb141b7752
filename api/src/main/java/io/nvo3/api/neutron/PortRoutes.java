package io.nvo3.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.PortRequest;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v2.0/ports}: tenant-system interfaces with binding, port security and allowed address pairs. */
final class PortRoutes {
    private static final Set<String> COMMON = Set.of("name", "description", "mac_address", "admin_state_up",
            "device_id", "device_owner", "fixed_ips", "allowed_address_pairs", "security_groups",
            "port_security_enabled", "binding:host_id", "binding:profile", "binding:vnic_type", "extra_dhcp_opts",
            "dns_name", "qos_policy_id", "propagate_uplink_status");
    private static final Set<String> POST = NetworkRoutes.union(COMMON, Set.of("network_id", "tenant_id", "project_id"));
    private static final Set<String> READ_ONLY = Set.of("id", "status", "binding:vif_type", "binding:vif_details",
            "created_at", "updated_at", "revision_number", "tags");
    static final Set<String> ATTRIBUTES = Set.of("id", "name", "network_id", "tenant_id", "project_id", "mac_address",
            "admin_state_up", "status", "device_id", "device_owner", "fixed_ips", "allowed_address_pairs",
            "extra_dhcp_opts", "security_groups", "port_security_enabled", "description", "binding:vnic_type",
            "binding:host_id", "binding:profile", "binding:vif_type", "binding:vif_details", "tags", "created_at",
            "updated_at", "revision_number");

    private final ModelService model;

    PortRoutes(ModelService model) {
        this.model = model;
    }

    ApiResponse list(ApiRequest r) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Port p : model.ports()) {
            if (Access.canSee(r.principal(), p, model)) {
                views.add(Views.port(p, r.principal()));
            }
        }
        return ApiResponse.json(200, Json.bytes(ListQuery.apply("ports", views, ATTRIBUTES, r)));
    }

    ApiResponse show(ApiRequest r) {
        Port p = Access.visiblePort(r.principal(), model, r.pathVar("id"));
        return NeutronRoutes.one(200, "port", ListQuery.project(Views.port(p, r.principal()), ListQuery.fields(r.query().get("fields"))));
    }

    ApiResponse create(ApiRequest r) {
        var root = Json.object(r.body());
        if (root.has("ports") && !root.has("port")) {
            List<Map<String, Object>> out = new ArrayList<>();
            List<String> created = new ArrayList<>();
            try {
                for (JsonNode n : root.get("ports")) {
                    Port p = model.createPort(request(Body.of(n, "port", POST, READ_ONLY, true), r.principal()));
                    created.add(p.id());
                    out.add(Views.port(p, r.principal()));
                }
            } catch (RuntimeException e) {
                created.forEach(model::deletePort);
                throw e;
            }
            return NeutronRoutes.many(201, "ports", out);
        }
        Port p = model.createPort(request(Body.of(root.get("port"), "port", POST, READ_ONLY, true), r.principal()));
        return NeutronRoutes.one(201, "port", Views.port(p, r.principal()));
    }

    private PortRequest request(Body b, Principal who) {
        String netId = b.string("network_id", 36);
        if (netId == null) {
            throw ApiException.badRequest("network_id",
                    "Failed to parse request. Required attribute 'network_id' not specified");
        }
        Network net = Access.visibleNetwork(who, model, netId);
        String project = b.project(who, "create_port");
        binding(b, who, "create_port");
        extras(b);
        Boolean portSecurity = b.bool("port_security_enabled");
        List<String> groups = b.stringList("security_groups");
        if (groups == null && (portSecurity != null ? portSecurity : net.portSecurityEnabled())) {
            groups = List.of(SecurityGroupRoutes.defaultGroupId(project)); // Neutron: the project's default group
        }
        return new PortRequest(null, project, net.id(), b.string("name", 255), b.string("description", 255),
                b.string("mac_address", 17), b.bool("admin_state_up"), b.string("device_id", 255),
                b.string("device_owner", 255), fixedIps(b), pairs(b), groups,
                b.bool("port_security_enabled"), b.string("binding:host_id", 255), b.map("binding:profile"));
    }

    /** binding:host_id and binding:profile are admin-only (Neutron's default policy); only vnic_type normal. */
    private static void binding(Body b, Principal who, String action) {
        for (String k : List.of("binding:host_id", "binding:profile")) {
            if (b.has(k) && !who.admin()) {
                throw ApiException.policy(action + ":" + k);
            }
        }
        String vnic = b.string("binding:vnic_type", 64);
        if (vnic != null && !vnic.equals("normal")) {
            throw ApiException.invalid("binding:vnic_type", "'" + vnic + "' is not supported, only 'normal'");
        }
    }

    private static void extras(Body b) {
        if (b.has("extra_dhcp_opts")) {
            List<Map<String, String>> opts = b.objectList("extra_dhcp_opts", Set.of("opt_name", "opt_value", "ip_version"));
            if (opts != null && !opts.isEmpty()) {
                throw ApiException.invalid("extra_dhcp_opts", "extra DHCP options are not supported");
            }
        }
    }

    private static List<PortRequest.FixedIpRequest> fixedIps(Body b) {
        List<Map<String, String>> raw = b.objectList("fixed_ips", Set.of("subnet_id", "ip_address"));
        if (raw == null) {
            return null;
        }
        List<PortRequest.FixedIpRequest> out = new ArrayList<>();
        for (Map<String, String> m : raw) {
            out.add(new PortRequest.FixedIpRequest(m.get("subnet_id"), m.get("ip_address")));
        }
        return out;
    }

    private static List<PortRequest.AddressPairRequest> pairs(Body b) {
        List<Map<String, String>> raw = b.objectList("allowed_address_pairs", Set.of("ip_address", "mac_address"));
        if (raw == null) {
            return null;
        }
        List<PortRequest.AddressPairRequest> out = new ArrayList<>();
        for (Map<String, String> m : raw) {
            out.add(new PortRequest.AddressPairRequest(m.get("ip_address"), m.get("mac_address")));
        }
        return out;
    }

    private boolean mayChange(Principal who, Port p) {
        return who.owns(p.projectId()) || model.network(p.networkId()).map(n -> who.owns(n.projectId())).orElse(false);
    }

    ApiResponse update(ApiRequest r) {
        Principal who = r.principal();
        Port cur = Access.visiblePort(who, model, r.pathVar("id"));
        if (!mayChange(who, cur)) {
            throw ApiException.policy("update_port");
        }
        Body b = Body.of(r.body(), "port", COMMON, NetworkRoutes.union(READ_ONLY, Set.of("network_id", "tenant_id",
                "project_id")), false);
        binding(b, who, "update_port");
        extras(b);
        if (b.has("mac_address") && !who.admin()) {
            throw ApiException.policy("update_port:mac_address");
        }
        Port p = model.updatePort(cur.id(), new PortRequest(null, null, null, b.string("name", 255),
                b.string("description", 255), b.string("mac_address", 17), b.bool("admin_state_up"),
                b.string("device_id", 255), b.string("device_owner", 255), fixedIps(b), pairs(b),
                b.stringList("security_groups"), b.bool("port_security_enabled"), b.string("binding:host_id", 255),
                b.map("binding:profile")));
        return NeutronRoutes.one(200, "port", Views.port(p, who));
    }

    ApiResponse delete(ApiRequest r) {
        Port cur = Access.visiblePort(r.principal(), model, r.pathVar("id"));
        if (!mayChange(r.principal(), cur)) {
            throw ApiException.policy("delete_port");
        }
        model.deletePort(cur.id());
        return ApiResponse.noContent();
    }
}
