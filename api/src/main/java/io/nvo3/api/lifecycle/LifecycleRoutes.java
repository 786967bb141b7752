package io.nvo3.api.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.api.Route;
import io.nvo3.controller.model.ModelService;
import io.nvo3.fib.input.Redirect;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Issue 6 endpoints: {@code PUT|GET /api/v1/networks/{id}/fib-policy} ({@code {"mode": "push"|"pull"|"hybrid",
 * "suspended": "withdraw"|"keep"}}), {@code POST /api/v1/tenant-systems/{id}/move} ({@code {"to": "<system-id>"}})
 * and {@code GET /api/v1/mobility/redirects} (moves in their grace time).
 */
public final class LifecycleRoutes {
    private final ModelService model;
    private final Supplier<List<Redirect>> redirects;

    private LifecycleRoutes(ModelService model, Supplier<List<Redirect>> redirects) {
        this.model = model;
        this.redirects = redirects;
    }

    /** @param redirects the NVE manager's redirects in their grace time ({@code NveManager::redirects}) */
    public static List<Route> routes(ModelService model, Supplier<List<Redirect>> redirects) {
        LifecycleRoutes r = new LifecycleRoutes(model, redirects);
        return List.of(
                Route.get("/api/v1/networks/{id}/fib-policy", r::showPolicy),
                Route.put("/api/v1/networks/{id}/fib-policy", r::updatePolicy),
                Route.post("/api/v1/tenant-systems/{id}/move", r::move),
                Route.get("/api/v1/mobility/redirects", r::listRedirects));
    }

    static Map<String, Object> policyView(Network n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("network_id", n.id());
        m.put("mode", n.fibPolicy().mode().apiName());
        m.put("suspended", n.fibPolicy().suspended().apiName());
        return m;
    }

    static Map<String, Object> moveView(Port p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("state", p.state().name());
        m.put("nve", p.attachedNve());
        m.put("moving", p.moving());
        m.put("move_target", p.moveTarget());
        m.put("moves", p.moves());
        m.put("fib_class", p.fibClass().apiName());
        return m;
    }

    private Network network(Principal who, String id) {
        return model.network(id).filter(n -> who.owns(n.projectId()) || n.shared())
                .orElseThrow(() -> ApiException.notFound("NetworkNotFound", "Network " + id + " could not be found."));
    }

    private Port port(Principal who, String id) {
        return model.port(id).filter(p -> who.owns(p.projectId())
                        || model.network(p.networkId()).map(n -> who.owns(n.projectId())).orElse(false))
                .orElseThrow(() -> ApiException.notFound("PortNotFound", "Port " + id + " could not be found."));
    }

    ApiResponse showPolicy(ApiRequest r) {
        return ApiResponse.json(200, Json.bytes(Map.of("fib_policy", policyView(network(r.principal(),
                r.pathVar("id"))))));
    }

    ApiResponse updatePolicy(ApiRequest r) {
        Network n = network(r.principal(), r.pathVar("id"));
        if (!r.principal().owns(n.projectId())) {
            throw ApiException.policy("update_network:fib_policy");
        }
        ObjectNode body = Json.object(r.body());
        JsonNode inner = body.has("fib_policy") && body.size() == 1 ? body.get("fib_policy") : body;
        if (!(inner instanceof ObjectNode o)) {
            throw ApiException.invalid("fib_policy", "'fib_policy' must be an object");
        }
        onlyKeys(o, Set.of("mode", "suspended"));
        FibPolicy p = n.fibPolicy();
        if (o.has("mode")) {
            FibPolicy.Mode m = o.get("mode").isTextual() ? FibPolicy.Mode.parse(o.get("mode").asText()) : null;
            if (m == null) {
                throw ApiException.invalid("mode", "'mode' must be one of push, pull, hybrid");
            }
            p = p.withMode(m);
        }
        if (o.has("suspended")) {
            JsonNode s = o.get("suspended");
            FibPolicy.Suspended v = s.isTextual() ? FibPolicy.Suspended.parse(s.asText()) : null;
            if (v == null) {
                throw ApiException.invalid("suspended", "'suspended' must be withdraw or keep");
            }
            p = p.withSuspended(v);
        }
        if (!o.has("mode") && !o.has("suspended")) {
            throw ApiException.invalid("mode", "give 'mode' and/or 'suspended'");
        }
        return ApiResponse.json(200, Json.bytes(Map.of("fib_policy", policyView(model.setFibPolicy(n.id(), p)))));
    }

    ApiResponse move(ApiRequest r) {
        Port p = port(r.principal(), r.pathVar("id"));
        ObjectNode body = Json.object(r.body());
        onlyKeys(body, Set.of("to"));
        JsonNode to = body.get("to");
        if (to == null || !to.isTextual() || to.asText().isBlank() || to.asText().length() > 255) {
            throw ApiException.invalid("to", "'to' must name the NVE (system-id) to move to");
        }
        return ApiResponse.json(202, Json.bytes(moveView(model.startMove(p.id(), to.asText()))));
    }

    ApiResponse listRedirects(ApiRequest r) {
        if (!r.principal().admin()) {
            throw ApiException.policy("get_mobility_redirects");
        }
        List<Map<String, Object>> out = redirects.get().stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("network_id", x.vnId());
            m.put("mac_address", x.mac().toString());
            m.put("from_nve", x.fromSystemId());
            m.put("to_vtep", x.toVtep().getHostAddress());
            m.put("vni", x.vni());
            return m;
        }).toList();
        return ApiResponse.json(200, Json.bytes(Map.of("redirects", out)));
    }

    private static void onlyKeys(ObjectNode o, Set<String> allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw ApiException.badRequest(k, "Unrecognized attribute(s) '" + k + "'");
            }
        }
    }
}
