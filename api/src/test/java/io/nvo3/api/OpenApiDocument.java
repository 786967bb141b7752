package io.nvo3.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.bgp.BgpRoutes;
import io.nvo3.api.bgpvpn.BgpVpnRoutes;
import io.nvo3.api.federation.FederationRoutes;
import io.nvo3.api.lifecycle.LifecycleRoutes;
import io.nvo3.controller.bgp.BgpService;
import io.nvo3.controller.federation.BgpVpnService;
import io.nvo3.controller.federation.wiring.FederationView;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code openapi.json} resource, and a loopback server with every feature's routes as {@code ControllerRuntime}
 * wires them (BGPVPN, BGP, federation, lifecycle) — without a {@code bgp:} section, so the BGP routes answer 503.
 */
final class OpenApiDocument implements AutoCloseable {
    static final String RESOURCE = "/io/nvo3/api/openapi.json";
    static final String ADMIN = "admin-token";
    static final String ALICE = "alice-token";

    /** The route factories the server adds; {@code OpenApiCoverageTest} fails on one that is not listed here. */
    static final Set<Class<?>> FEATURE_ROUTE_FACTORIES = Set.of(BgpVpnRoutes.class, BgpRoutes.class,
            FederationRoutes.class, LifecycleRoutes.class);

    final KvStore store = KvStores.inMemory();
    final ModelService model = ModelService.open(store, ModelConfig.defaults());
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final BgpService bgp = BgpService.start(null, meters);
    final ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    OpenApiDocument() throws IOException {
        this(() -> FederationView.EMPTY, NveStatusSource.empty());
    }

    OpenApiDocument(Supplier<FederationView> federation, NveStatusSource nves) throws IOException {
        BgpVpnService bgpvpns = BgpVpnService.open(store, id -> model.network(id).isPresent());
        List<Route> extra = new ArrayList<>(BgpVpnRoutes.routes(bgpvpns, model));
        extra.addAll(BgpRoutes.routes(bgp));
        extra.addAll(FederationRoutes.routes(federation));
        extra.addAll(LifecycleRoutes.routes(model, List::of));
        server = ApiServer.start(new ApiServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        extra), model,
                TokenRegistry.of(Map.of(ADMIN, new Principal("admin", true), ALICE, new Principal("alice", false))),
                store, nves, meters);
    }

    static byte[] bytes() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new AssertionError("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + RESOURCE, e);
        }
    }

    static JsonNode tree() {
        try {
            return Json.MAPPER.readTree(bytes());
        } catch (IOException e) {
            throw new AssertionError(RESOURCE + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Reply call(String method, String path, String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    @Override
    public void close() throws Exception {
        server.close();
        bgp.close();
        model.close();
        store.close();
    }
}
