package io.nvo3.api.neutron;

import io.nvo3.api.ApiResponse;
import io.nvo3.api.Json;
import io.nvo3.api.Route;
import io.nvo3.controller.model.ModelService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Registers the Neutron v2.0 subset: version documents, extensions, networks, subnets, ports. */
public final class NeutronRoutes {
    private NeutronRoutes() {}

    public static void register(Consumer<Route> routes, ModelService model) {
        routes.accept(Route.get("/", r -> ApiResponse.json(200, Json.bytes(Versions.root(r.baseUrl()))))
                .unauthenticated());
        routes.accept(Route.get("/v2.0", r -> ApiResponse.json(200, Json.bytes(Versions.resources(r.baseUrl())))));
        routes.accept(Route.get("/v2.0/extensions", r -> ApiResponse.json(200,
                Json.bytes(Map.of("extensions", Extensions.ALL)))));
        routes.accept(Route.get("/v2.0/extensions/{alias}", r -> ApiResponse.json(200,
                Json.bytes(Map.of("extension", Extensions.byAlias(r.pathVar("alias")))))));

        NetworkRoutes nets = new NetworkRoutes(model);
        routes.accept(Route.get("/v2.0/networks", nets::list));
        routes.accept(Route.post("/v2.0/networks", nets::create));
        routes.accept(Route.get("/v2.0/networks/{id}", nets::show));
        routes.accept(Route.put("/v2.0/networks/{id}", nets::update));
        routes.accept(Route.delete("/v2.0/networks/{id}", nets::delete));

        SubnetRoutes subnets = new SubnetRoutes(model);
        routes.accept(Route.get("/v2.0/subnets", subnets::list));
        routes.accept(Route.post("/v2.0/subnets", subnets::create));
        routes.accept(Route.get("/v2.0/subnets/{id}", subnets::show));
        routes.accept(Route.put("/v2.0/subnets/{id}", subnets::update));
        routes.accept(Route.delete("/v2.0/subnets/{id}", subnets::delete));

        SecurityGroupRoutes groups = new SecurityGroupRoutes(model);
        routes.accept(Route.get("/v2.0/security-groups", groups::list));
        routes.accept(Route.get("/v2.0/security-groups/{id}", groups::show));

        PortRoutes ports = new PortRoutes(model);
        routes.accept(Route.get("/v2.0/ports", ports::list));
        routes.accept(Route.post("/v2.0/ports", ports::create));
        routes.accept(Route.get("/v2.0/ports/{id}", ports::show));
        routes.accept(Route.put("/v2.0/ports/{id}", ports::update));
        routes.accept(Route.delete("/v2.0/ports/{id}", ports::delete));
    }

    static ApiResponse one(int status, String resource, Map<String, Object> view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(resource, view);
        return ApiResponse.json(status, Json.bytes(body));
    }

    static ApiResponse many(int status, String collection, List<Map<String, Object>> views) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, views);
        return ApiResponse.json(status, Json.bytes(body));
    }
}
