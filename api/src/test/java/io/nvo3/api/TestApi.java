package io.nvo3.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An in-process API on an ephemeral loopback port with an in-memory store, and a small client. */
final class TestApi implements AutoCloseable {
    static final String ADMIN = "admin-token";
    static final String ALICE = "alice-token";
    static final String BOB = "bob-token";

    final KvStore store;
    final ModelService model;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestApi(ModelConfig config, List<Route> extra, NveStatusSource nves) throws IOException {
        this(KvStores.inMemory(), config, extra, nves);
    }

    TestApi(KvStore store, ModelConfig config, List<Route> extra, NveStatusSource nves) throws IOException {
        this.store = store;
        model = ModelService.open(store, config);
        TokenRegistry tokens = TokenRegistry.of(Map.of(
                ADMIN, new Principal("admin", true),
                ALICE, new Principal("alice", false),
                BOB, new Principal("bob", false)));
        server = ApiServer.start(new ApiServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), extra),
                model, tokens, store, nves, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    TestApi() throws IOException {
        this(ModelConfig.defaults(), List.of(), NveStatusSource.empty());
    }

    String base() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Reply call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Reply get(String path, String token) {
        return call("GET", path, token, null);
    }

    Reply post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    Reply put(String path, String token, String body) {
        return call("PUT", path, token, body);
    }

    Reply delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    @Override
    public void close() {
        server.close();
        model.close();
        store.close();
    }

    /** Runs a server until killed, for poking it by hand: {@code java -cp ... io.nvo3.api.TestApi}. */
    public static void main(String[] args) throws Exception {
        try (TestApi api = new TestApi()) {
            System.out.println("listening on " + api.base());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
