package io.nvo3.api.nativeapi;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiException;
import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.Route;
import io.nvo3.controller.model.ModelService;
import io.nvo3.store.KvStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The native API under {@code /api/v1} and {@code /metrics}. */
public final class NativeRoutes {
    private NativeRoutes() {}

    public static void register(Consumer<Route> routes, ModelService model, KvStore store, NveStatusSource nves,
                                PrometheusMeterRegistry prometheus) {
        TenantSystemRoutes ts = new TenantSystemRoutes(model);
        routes.accept(Route.get("/api/v1/tenant-systems", ts::list));
        routes.accept(Route.get("/api/v1/tenant-systems/{id}", ts::show));
        routes.accept(Route.put("/api/v1/tenant-systems/{id}", ts::update));
        routes.accept(Route.get("/api/v1/nves", r -> ApiResponse.json(200, Json.bytes(Map.of("nves", nves.nves())))));
        EventStream events = new EventStream(model, store);
        routes.accept(Route.get("/api/v1/events", events::open));
        byte[] openapi = resource("openapi.json");
        routes.accept(Route.get("/api/v1/openapi.json", r -> ApiResponse.json(200, openapi)));
        routes.accept(Route.get("/api/v1/health", r -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", "ok");
            h.put("revision", store.revision());
            h.put("networks", model.networks().size());
            h.put("ports", model.ports().size());
            return ApiResponse.json(200, Json.bytes(h));
        }));
        routes.accept(Route.get("/metrics", r -> ApiResponse.text(200, "text/plain; version=0.0.4; charset=utf-8",
                prometheus.scrape())));
    }

    private static byte[] resource(String name) {
        try (InputStream in = NativeRoutes.class.getResourceAsStream("/io/nvo3/api/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("PortNotFound", "Port " + id + " could not be found.");
    }
}
