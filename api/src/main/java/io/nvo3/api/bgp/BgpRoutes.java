package io.nvo3.api.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Route;
import io.nvo3.controller.bgp.BgpConfigException;
import io.nvo3.controller.bgp.BgpConfigParser;
import io.nvo3.controller.bgp.BgpFamily;
import io.nvo3.controller.bgp.BgpService;
import io.nvo3.controller.bgp.BgpServiceException;
import io.nvo3.controller.bgp.NeighborSpec;
import io.nvo3.controller.bgp.NeighborView;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The BGP runtime API, admin only (403 for members):
 * <ul>
 * <li>{@code GET /api/v1/bgp/neighbors} → {@code {"neighbors": [...]}}</li>
 * <li>{@code POST /api/v1/bgp/neighbors} with {@code {"neighbor": {...keys of the YAML neighbor...}}} → 201; 409 when the address exists</li>
 * <li>{@code GET /api/v1/bgp/neighbors/{address}} → {@code {"neighbor": {...}}}; 404 when unknown</li>
 * <li>{@code DELETE /api/v1/bgp/neighbors/{address}} → 204; 404 when unknown</li>
 * <li>{@code GET /api/v1/bgp/rib?family=l2vpn-evpn|ipv4-vpn|ipv6-vpn|ipv4-unicast|rtc} (default l2vpn-evpn;
 *     GoBGP's evpn, vpnv4, vpnv6, ipv4 accepted) → {@code {"family": ..., "routes": [...]}}</li>
 * </ul>
 * Bad input is a Neutron-style 400 naming the field; without a {@code bgp:} section every call is 503.
 */
public final class BgpRoutes {
    private BgpRoutes() {}

    public static List<Route> routes(BgpService bgp) {
        return List.of(
                Route.get("/api/v1/bgp/neighbors", r -> guarded(r, "get_bgp_neighbors", () -> list(bgp))),
                Route.post("/api/v1/bgp/neighbors", r -> guarded(r, "create_bgp_neighbor", () -> create(bgp, r))),
                Route.get("/api/v1/bgp/neighbors/{address}", r -> guarded(r, "get_bgp_neighbor", () -> show(bgp, r))),
                Route.delete("/api/v1/bgp/neighbors/{address}", r -> guarded(r, "delete_bgp_neighbor", () -> delete(bgp, r))),
                Route.get("/api/v1/bgp/rib", r -> guarded(r, "get_bgp_rib", () -> rib(bgp, r))));
    }

    private static ApiResponse guarded(ApiRequest r, String rule, Supplier<ApiResponse> action) {
        if (r.principal() == null || !r.principal().admin()) {
            throw ApiException.policy(rule);
        }
        try {
            return action.get();
        } catch (BgpServiceException.NotConfigured e) {
            throw new ApiException(503, "BgpNotConfigured", null, e.getMessage());
        } catch (BgpServiceException.NotFound e) {
            throw ApiException.notFound("BgpNeighborNotFound", e.getMessage());
        } catch (BgpServiceException.Conflict e) {
            throw new ApiException(409, "BgpNeighborExists", "address", e.getMessage());
        } catch (BgpConfigException e) {
            throw ApiException.invalid(e.path().isEmpty() ? "neighbor" : e.path(), e.reason());
        }
    }

    private static ApiResponse list(BgpService bgp) {
        List<Map<String, Object>> out = bgp.neighbors().stream().map(BgpJson::neighbor).toList();
        return ApiResponse.json(200, Json.bytes(Map.of("neighbors", out)));
    }

    private static ApiResponse show(BgpService bgp, ApiRequest r) {
        InetAddress a = address(r);
        NeighborView v = bgp.neighbor(a).orElseThrow(() -> new BgpServiceException.NotFound(a.getHostAddress()));
        return ApiResponse.json(200, Json.bytes(Map.of("neighbor", BgpJson.neighbor(v))));
    }

    private static ApiResponse create(BgpService bgp, ApiRequest r) {
        ObjectNode body = Json.object(r.body());
        JsonNode n = body.get("neighbor");
        if (n == null || !n.isObject()) {
            throw ApiException.invalid("neighbor", "expected {\"neighbor\": {\"address\": ..., \"remote-as\": ...}}");
        }
        if (body.size() != 1) {
            throw ApiException.badRequest(null, "Unrecognized attribute(s) '" + String.join(", ",
                    (Iterable<String>) () -> body.fieldNames()) + "'");
        }
        NeighborSpec spec = BgpConfigParser.parseNeighbor(n, "");
        NeighborView v = bgp.addNeighbor(spec);
        return ApiResponse.json(201, Json.bytes(Map.of("neighbor", BgpJson.neighbor(v))));
    }

    private static ApiResponse delete(BgpService bgp, ApiRequest r) {
        bgp.removeNeighbor(address(r));
        return ApiResponse.noContent();
    }

    private static ApiResponse rib(BgpService bgp, ApiRequest r) {
        String name = r.queryParam("family");
        BgpFamily family = name == null || name.isBlank() ? BgpFamily.L2VPN_EVPN : BgpFamily.parseCli(name).orElseThrow(() ->
                ApiException.invalid("family", "unknown family '" + name + "' (known: " + BgpFamily.known() + ")"));
        List<Map<String, Object>> routes = bgp.rib(family).stream().map(BgpJson::route).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("family", family.configName());
        out.put("routes", routes);
        return ApiResponse.json(200, Json.bytes(out));
    }

    private static InetAddress address(ApiRequest r) {
        String raw = r.pathVar("address");
        return BgpConfigParser.ipLiteral(raw).orElseThrow(() ->
                ApiException.invalid("address", "not an IP address: '" + raw + "'"));
    }
}
