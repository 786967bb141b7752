package io.nvo3.api.nativeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import io.nvo3.controller.model.ModelService;
import io.nvo3.model.FibClass;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tenant-systems/{port-id}}: the TS state of a port, changed by PUT
 * {@code {"state": S, "substate": "..."}} under the transition table of
 * {@link TenantSystemState} (409 InvalidStateTransition on an illegal one).
 */
final class TenantSystemRoutes {
    private final ModelService model;

    TenantSystemRoutes(ModelService model) {
        this.model = model;
    }

    static Map<String, Object> view(Port p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("project_id", p.projectId());
        m.put("network_id", p.networkId());
        m.put("mac_address", p.macAddress());
        m.put("state", p.state().name());
        m.put("substate", p.substate());
        m.put("nve", p.attachedNve());
        m.put("status", p.status());
        m.put("allowed_transitions", p.state().successors().stream().map(Enum::name).toList());
        // issue 6: where it runs or last ran, a move under way, its move counter and FIB class
        m.put("host_id", p.hostId().isEmpty() ? null : p.hostId());
        m.put("moving", p.moving());
        m.put("move_target", p.moveTarget());
        m.put("moves", p.moves());
        m.put("fib_class", p.fibClass().apiName());
        return m;
    }

    private Port visible(Principal who, String id) {
        return model.port(id).filter(p -> who.owns(p.projectId())
                        || model.network(p.networkId()).map(n -> who.owns(n.projectId())).orElse(false))
                .orElseThrow(() -> NativeRoutes.notFound(id));
    }

    ApiResponse list(ApiRequest r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Port p : model.ports()) {
            if (r.principal().owns(p.projectId())) {
                out.add(view(p));
            }
        }
        return ApiResponse.json(200, Json.bytes(Map.of("tenant_systems", out)));
    }

    ApiResponse show(ApiRequest r) {
        return ApiResponse.json(200, Json.bytes(view(visible(r.principal(), r.pathVar("id")))));
    }

    ApiResponse update(ApiRequest r) {
        Port cur = visible(r.principal(), r.pathVar("id"));
        ObjectNode body = Json.object(r.body());
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!Set.of("state", "substate", "fib_class").contains(k)) {
                throw ApiException.badRequest(k, "Unrecognized attribute(s) '" + k + "'");
            }
        }
        JsonNode fc = body.get("fib_class");
        FibClass fibClass = null;
        if (fc != null) {
            fibClass = fc.isTextual() ? FibClass.parse(fc.asText()) : null;
            if (fibClass == null) {
                throw ApiException.invalid("fib_class", "'fib_class' must be 'standard' or 'latency-sensitive'");
            }
        }
        JsonNode s = body.get("state");
        if (s == null && fibClass != null && body.get("substate") == null) {
            return ApiResponse.json(200, Json.bytes(view(model.setFibClass(cur.id(), fibClass))));
        }
        if (s == null || !s.isTextual()) {
            throw ApiException.invalid("state", "'state' must be one of " + Arrays.toString(TenantSystemState.values()));
        }
        TenantSystemState state = TenantSystemState.parse(s.asText());
        if (state == null) {
            throw ApiException.invalid("state", "'" + s.asText() + "' is not one of "
                    + Arrays.toString(TenantSystemState.values()));
        }
        JsonNode sub = body.get("substate");
        String substate = null;
        if (sub != null && !sub.isNull()) {
            if (!sub.isTextual() || sub.asText().length() > 255) {
                throw ApiException.invalid("substate", "'substate' must be a string of at most 255 characters");
            }
            substate = sub.asText();
        }
        Port p = model.setState(cur.id(), state, substate);
        if (fibClass != null) {
            p = model.setFibClass(cur.id(), fibClass);
        }
        return ApiResponse.json(200, Json.bytes(view(p)));
    }
}
