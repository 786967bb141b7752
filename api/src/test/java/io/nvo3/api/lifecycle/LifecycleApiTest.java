package io.nvo3.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.Json;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.controller.model.PortRequest;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Redirect;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleApiTest {
    static final String ADMIN = "admin-token";
    static final String ALICE = "alice-token";
    static final String BOB = "bob-token";

    KvStore store;
    ModelService model;
    ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();
    List<Redirect> redirects = List.of();

    @BeforeEach
    void start() throws Exception {
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
        server = ApiServer.start(new ApiServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        LifecycleRoutes.routes(model, () -> redirects)), model,
                TokenRegistry.of(Map.of(ADMIN, new Principal("admin", true), ALICE, new Principal("alice", false),
                        BOB, new Principal("bob", false))), store, NveStatusSource.empty(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void stop() {
        server.close();
        model.close();
        store.close();
    }

    record Reply(int status, JsonNode json) {
    }

    Reply call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + path)).header("X-Auth-Token", token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
    }

    @Test
    void theFibPolicyOfANetworkIsSetByItsOwnerAndShownInItsNeutronRepresentation() throws Exception {
        Network n = model.createNetwork(NetworkRequest.named("alice", "n"));
        Reply r = call("PUT", "/api/v1/networks/" + n.id() + "/fib-policy", ALICE, "{\"mode\": \"pull\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/fib_policy/mode").asText()).isEqualTo("pull");
        assertThat(r.json().at("/fib_policy/suspended").asText()).isEqualTo("withdraw");
        assertThat(model.network(n.id()).orElseThrow().fibPolicy().mode()).isEqualTo(FibPolicy.Mode.PULL);
        Reply shown = call("GET", "/v2.0/networks/" + n.id(), ALICE, null);
        assertThat(shown.json().at("/network/fib_policy/mode").asText()).isEqualTo("pull");
        assertThat(call("PUT", "/api/v1/networks/" + n.id() + "/fib-policy", ALICE,
                "{\"fib_policy\": {\"suspended\": \"keep\"}}").json().at("/fib_policy/suspended").asText())
                .isEqualTo("keep");
        assertThat(call("GET", "/api/v1/networks/" + n.id() + "/fib-policy", ALICE, null).json()
                .at("/fib_policy/mode").asText()).isEqualTo("pull");
    }

    @Test
    void badFibPoliciesAndOtherProjectsAreRefusedNamingTheField() throws Exception {
        Network n = model.createNetwork(NetworkRequest.named("alice", "n"));
        String path = "/api/v1/networks/" + n.id() + "/fib-policy";
        Reply bad = call("PUT", path, ALICE, "{\"mode\": \"broadcast\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().toString()).contains("mode");
        assertThat(call("PUT", path, ALICE, "{\"speed\": 1}").status()).isEqualTo(400);
        assertThat(call("PUT", path, ALICE, "{}").status()).isEqualTo(400);
        assertThat(call("PUT", path, BOB, "{\"mode\": \"pull\"}").status()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/networks/nope/fib-policy", ADMIN, "{\"mode\": \"pull\"}").status())
                .isEqualTo(404);
        assertThat(model.network(n.id()).orElseThrow().fibPolicy()).isEqualTo(FibPolicy.DEFAULT);
    }

    @Test
    void aMoveIsAcceptedForARunningTenantSystemAndRefusedWhereItCannotMove() throws Exception {
        Network n = model.createNetwork(NetworkRequest.named("alice", "n"));
        Port p = model.createPort(PortRequest.on("alice", n.id()));
        String path = "/api/v1/tenant-systems/" + p.id() + "/move";
        assertThat(call("POST", path, ALICE, "{\"to\": \"hv2\"}").status()).as("NOT_DEPLOYED cannot move")
                .isEqualTo(409);
        model.portPlugged(p.id(), "hv1");
        assertThat(call("POST", path, ALICE, "{\"to\": \"hv1\"}").status()).as("already there").isEqualTo(409);
        assertThat(call("POST", path, ALICE, "{}").status()).isEqualTo(400);
        Reply r = call("POST", path, ALICE, "{\"to\": \"hv2\"}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("state").asText()).isEqualTo("MOVING");
        assertThat(r.json().get("move_target").asText()).isEqualTo("hv2");
        Reply ts = call("GET", "/api/v1/tenant-systems/" + p.id(), ALICE, null);
        assertThat(ts.json().get("moving").asBoolean()).isTrue();
        assertThat(ts.json().get("nve").asText()).isEqualTo("hv1");
        assertThat(ts.json().get("fib_class").asText()).isEqualTo("standard");
    }

    @Test
    void theFibClassIsSetThroughTheTenantSystemResource() throws Exception {
        Network n = model.createNetwork(NetworkRequest.named("alice", "n"));
        Port p = model.createPort(PortRequest.on("alice", n.id()));
        String path = "/api/v1/tenant-systems/" + p.id();
        Reply r = call("PUT", path, ALICE, "{\"fib_class\": \"latency-sensitive\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("fib_class").asText()).isEqualTo("latency-sensitive");
        assertThat(r.json().get("state").asText()).isEqualTo("NOT_DEPLOYED");
        assertThat(call("PUT", path, ALICE, "{\"fib_class\": \"fast\"}").status()).isEqualTo(400);
        Reply both = call("PUT", path, ALICE, "{\"state\": \"RUNNING\", \"fib_class\": \"standard\"}");
        assertThat(both.json().get("state").asText()).isEqualTo("RUNNING");
        assertThat(both.json().get("fib_class").asText()).isEqualTo("standard");
    }

    @Test
    void redirectsInTheirGraceTimeAreListedForAdmins() throws Exception {
        redirects = List.of(new Redirect("n1", MacAddress.parse("fa:16:3e:00:00:0a"), "hv1",
                (Inet4Address) IpAddresses.parse("198.18.0.3"), 100));
        Reply r = call("GET", "/api/v1/mobility/redirects", ADMIN, null);
        assertThat(r.json().at("/redirects/0/from_nve").asText()).isEqualTo("hv1");
        assertThat(r.json().at("/redirects/0/to_vtep").asText()).isEqualTo("198.18.0.3");
        assertThat(r.json().at("/redirects/0/mac_address").asText()).isEqualTo("fa:16:3e:00:00:0a");
        assertThat(call("GET", "/api/v1/mobility/redirects", ALICE, null).status()).isEqualTo(403);
    }
}
