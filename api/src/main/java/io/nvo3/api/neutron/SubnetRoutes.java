package io.nvo3.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.SubnetRequest;
import io.nvo3.model.AllocationPool;
import io.nvo3.model.HostRoute;
import io.nvo3.model.InvalidValueException;
import io.nvo3.model.Network;
import io.nvo3.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /v2.0/subnets}: IPv4 and IPv6 subnets with pools, DNS servers and host routes. */
final class SubnetRoutes {
    private static final Set<String> POST = Set.of("name", "description", "network_id", "ip_version", "cidr",
            "gateway_ip", "allocation_pools", "enable_dhcp", "dns_nameservers", "host_routes", "ipv6_ra_mode",
            "ipv6_address_mode", "tenant_id", "project_id", "subnetpool_id", "use_default_subnetpool", "prefixlen",
            "service_types", "segment_id", "dns_publish_fixed_ip");
    private static final Set<String> PUT = Set.of("name", "description", "gateway_ip", "allocation_pools",
            "enable_dhcp", "dns_nameservers", "host_routes", "service_types", "segment_id");
    private static final Set<String> READ_ONLY = Set.of("id", "created_at", "updated_at", "revision_number", "tags");
    static final Set<String> ATTRIBUTES = Set.of("id", "name", "tenant_id", "project_id", "network_id",
            "ip_version", "subnetpool_id", "enable_dhcp", "ipv6_ra_mode", "ipv6_address_mode", "gateway_ip", "cidr",
            "allocation_pools", "host_routes", "dns_nameservers", "description", "service_types", "segment_id",
            "tags", "created_at", "updated_at", "revision_number");

    private final ModelService model;

    SubnetRoutes(ModelService model) {
        this.model = model;
    }

    ApiResponse list(ApiRequest r) {
        List<Map<String, Object>> views = new ArrayList<>();
        for (Subnet s : model.subnets()) {
            if (Access.canSee(r.principal(), s, model)) {
                views.add(Views.subnet(s));
            }
        }
        return ApiResponse.json(200, Json.bytes(ListQuery.apply("subnets", views, ATTRIBUTES, r)));
    }

    ApiResponse show(ApiRequest r) {
        Subnet s = Access.visibleSubnet(r.principal(), model, r.pathVar("id"));
        return NeutronRoutes.one(200, "subnet", ListQuery.project(Views.subnet(s), ListQuery.fields(r.query().get("fields"))));
    }

    ApiResponse create(ApiRequest r) {
        var root = Json.object(r.body());
        if (root.has("subnets") && !root.has("subnet")) {
            List<Map<String, Object>> out = new ArrayList<>();
            List<String> created = new ArrayList<>();
            try {
                for (JsonNode n : root.get("subnets")) {
                    Subnet s = model.createSubnet(request(Body.of(n, "subnet", POST, READ_ONLY, true), r.principal()));
                    created.add(s.id());
                    out.add(Views.subnet(s));
                }
            } catch (RuntimeException e) {
                created.forEach(model::deleteSubnet);
                throw e;
            }
            return NeutronRoutes.many(201, "subnets", out);
        }
        Subnet s = model.createSubnet(request(Body.of(root.get("subnet"), "subnet", POST, READ_ONLY, true),
                r.principal()));
        return NeutronRoutes.one(201, "subnet", Views.subnet(s));
    }

    private SubnetRequest request(Body b, Principal who) {
        String netId = b.string("network_id", 36);
        if (netId == null) {
            throw ApiException.badRequest("network_id", "Failed to parse request. Required attribute 'network_id' not specified");
        }
        Network net = Access.visibleNetwork(who, model, netId);
        Access.requireOwner(who, net.projectId(), "create_subnet");
        String project = b.project(who, "create_subnet");
        Long version = b.integer("ip_version");
        if (version == null) {
            throw ApiException.badRequest("ip_version", "Failed to parse request. Required attribute 'ip_version' not specified");
        }
        if (version != 4 && version != 6) {
            throw ApiException.invalid("ip_version", "" + version + " is not in [4, 6]");
        }
        if (b.has("subnetpool_id") && b.nullableString("subnetpool_id").isPresent()) {
            throw ApiException.invalid("subnetpool_id", "subnet pools are not supported");
        }
        Boolean defaultPool = b.bool("use_default_subnetpool");
        if (defaultPool != null && defaultPool) {
            throw ApiException.invalid("use_default_subnetpool", "subnet pools are not supported");
        }
        b.integer("prefixlen");
        segment(b);
        String cidr = b.string("cidr", 255);
        if (cidr == null) {
            throw new ApiException(400, "BadRequest", "cidr",
                    "Bad subnets request: a cidr must be specified in the absence of a subnet pool.");
        }
        return new SubnetRequest(null, project, netId, b.string("name", 255), b.string("description", 255),
                version.intValue(), cidr, gateway(b), pools(b), b.bool("enable_dhcp"), dns(b), routes(b),
                mode(b, "ipv6_ra_mode"), mode(b, "ipv6_address_mode"));
    }

    private static String mode(Body b, String name) {
        Optional<String> v = b.nullableString(name);
        return v == null ? null : v.orElse(null);
    }

    private static void segment(Body b) {
        if (b.has("segment_id") && b.nullableString("segment_id").isPresent()) {
            throw ApiException.invalid("segment_id", "routed network segments are not supported");
        }
        if (b.has("service_types")) {
            List<String> st = b.stringList("service_types");
            if (st != null && !st.isEmpty()) {
                throw ApiException.invalid("service_types", "service types are not supported");
            }
        }
    }

    private static Optional<String> gateway(Body b) {
        return b.nullableString("gateway_ip");
    }

    private static List<AllocationPool> pools(Body b) {
        List<Map<String, String>> raw = b.objectList("allocation_pools", Set.of("start", "end"));
        if (raw == null) {
            return null;
        }
        List<AllocationPool> out = new ArrayList<>();
        for (Map<String, String> m : raw) {
            if (m.get("start") == null || m.get("end") == null) {
                throw ApiException.invalid("allocation_pools", "Invalid data format for IP pool: '" + m + "'");
            }
            try {
                out.add(new AllocationPool(m.get("start"), m.get("end")));
            } catch (InvalidValueException e) {
                throw ApiException.invalid("allocation_pools", e.getMessage());
            }
        }
        return out;
    }

    private static List<String> dns(Body b) {
        return b.stringList("dns_nameservers");
    }

    private static List<HostRoute> routes(Body b) {
        List<Map<String, String>> raw = b.objectList("host_routes", Set.of("destination", "nexthop"));
        if (raw == null) {
            return null;
        }
        List<HostRoute> out = new ArrayList<>();
        for (Map<String, String> m : raw) {
            if (m.get("destination") == null || m.get("nexthop") == null) {
                throw ApiException.invalid("host_routes", "Invalid data format for hostroute: '" + m + "'");
            }
            try {
                out.add(new HostRoute(m.get("destination"), m.get("nexthop")));
            } catch (InvalidValueException e) {
                throw ApiException.invalid("host_routes", e.getMessage());
            }
        }
        return out;
    }

    ApiResponse update(ApiRequest r) {
        Principal who = r.principal();
        Subnet cur = Access.visibleSubnet(who, model, r.pathVar("id"));
        Access.requireOwner(who, cur.projectId(), "update_subnet");
        Body b = Body.of(r.body(), "subnet", PUT, NetworkRoutes.union(READ_ONLY, Set.of("network_id", "ip_version",
                "cidr", "tenant_id", "project_id", "ipv6_ra_mode", "ipv6_address_mode", "subnetpool_id")), false);
        segment(b);
        Subnet s = model.updateSubnet(cur.id(), new SubnetRequest(null, null, null, b.string("name", 255),
                b.string("description", 255), null, null, gateway(b), pools(b), b.bool("enable_dhcp"), dns(b),
                routes(b), null, null));
        return NeutronRoutes.one(200, "subnet", Views.subnet(s));
    }

    ApiResponse delete(ApiRequest r) {
        Subnet cur = Access.visibleSubnet(r.principal(), model, r.pathVar("id"));
        Access.requireOwner(r.principal(), cur.projectId(), "delete_subnet");
        model.deleteSubnet(cur.id());
        return ApiResponse.noContent();
    }
}
