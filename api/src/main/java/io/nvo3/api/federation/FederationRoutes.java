package io.nvo3.api.federation;

import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Route;
import io.nvo3.controller.federation.wiring.FederationView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Federation visibility, admin only (403 for members):
 * <ul>
 * <li>{@code GET /api/v1/bgp/vns} → {@code {"bgp_configured", "import_ready", "held", "import_targets", "vns": [...],
 *     "conflicts", "skipped"}}; each VN lists its RD, RTs, exported routes and the remote MACs / flood members it
 *     imported with the peer and next hop each came from</li>
 * <li>{@code GET /api/v1/bgp/vns/{network_id}} → {@code {"vn": {...}}}; 404 when the network is unknown</li>
 * </ul>
 */
public final class FederationRoutes {
    private FederationRoutes() {}

    public static List<Route> routes(Supplier<FederationView> view) {
        return List.of(
                Route.get("/api/v1/bgp/vns", r -> {
                    admin(r, "get_bgp_vns");
                    return json(view.get());
                }),
                Route.get("/api/v1/bgp/vns/{id}", r -> {
                    admin(r, "get_bgp_vn");
                    String id = r.pathVar("id");
                    FederationView.Vn vn = view.get().vn(id).orElseThrow(() ->
                            ApiException.notFound("NetworkNotFound", "Network " + id + " could not be found."));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("vn", vn);
                    return json(out);
                }));
    }

    private static void admin(ApiRequest r, String rule) {
        if (r.principal() == null || !r.principal().admin()) {
            throw ApiException.policy(rule);
        }
    }

    private static ApiResponse json(Object o) {
        return new ApiResponse.Full(200, "application/json", Json.bytes(o));
    }
}
