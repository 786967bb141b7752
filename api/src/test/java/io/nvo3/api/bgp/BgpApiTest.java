package io.nvo3.api.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.OpenApiFit;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.controller.bgp.BgpService;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The BGP runtime API in process: a real API server, our speaker and an in-process eBGP peer on loopback. */
class BgpApiTest {
    static final String ADMIN = "admin-token";
    static final String MEMBER = "alice-token";
    static final Duration UP = Duration.ofSeconds(20);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KvStore store;
    private ModelService model;
    private ApiServer server;
    private BgpTestPeers peers;

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private void start(BgpService bgp) throws IOException {
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
        TokenRegistry tokens = TokenRegistry.of(Map.of(ADMIN, new Principal("admin", true), MEMBER, new Principal("alice", false)));
        server = ApiServer.start(ApiServer.Options.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withRoutes(BgpRoutes.routes(bgp)), model, tokens, store, NveStatusSource.empty(), meters);
    }

    private void startWithPeers() throws IOException {
        peers = new BgpTestPeers(meters);
        start(peers.local);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (peers != null) {
            peers.close();
        }
        if (model != null) {
            model.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private Reply call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10)).header("X-Auth-Token", token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode ok(String path) {
        Reply r = call("GET", path, ADMIN, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void showsTheEstablishedSessionAndThePeersRouteAsGoBgpWritesIt() throws IOException {
        startWithPeers();
        await().atMost(UP).untilAsserted(() ->
                assertThat(ok("/api/v1/bgp/neighbors").at("/neighbors/0/state").asText()).isEqualTo("Established"));
        peers.peerAnnouncesMac();
        await().atMost(UP).untilAsserted(() -> assertThat(ok("/api/v1/bgp/rib?family=l2vpn-evpn").path("routes")).hasSize(1));

        JsonNode n = ok("/api/v1/bgp/neighbors").at("/neighbors/0");
        assertThat(n.get("address").asText()).isEqualTo("127.0.0.2");
        assertThat(n.get("remote_as").asLong()).isEqualTo(65002);
        assertThat(n.get("uptime").isIntegralNumber()).isTrue();
        assertThat(n.get("families")).extracting(JsonNode::asText).containsExactly("l2vpn-evpn", "ipv4-vpn");
        assertThat(n.get("negotiated_families")).extracting(JsonNode::asText).containsExactly("l2vpn-evpn", "ipv4-vpn");
        assertThat(n.at("/prefixes/received").asLong()).isEqualTo(1);
        assertThat(n.at("/prefixes/accepted").asLong()).isEqualTo(1);
        assertThat(n.at("/prefixes/l2vpn-evpn/accepted").asLong()).isEqualTo(1);
        assertThat(n.at("/prefixes/ipv4-vpn/accepted").asLong()).isZero();
        assertThat(n.get("peer_router_id").asText()).isEqualTo("198.19.0.2");
        assertThat(n.get("description").asText()).isEqualTo("test peer");
        assertThat(ok("/api/v1/bgp/neighbors/127.0.0.2").at("/neighbor/state").asText()).isEqualTo("Established");

        JsonNode rib = ok("/api/v1/bgp/rib?family=l2vpn-evpn");
        assertThat(rib.get("family").asText()).isEqualTo("l2vpn-evpn");
        assertThat(OpenApiFit.problems("GET", "/api/v1/bgp/neighbors", 200, ok("/api/v1/bgp/neighbors"))).isEmpty();
        assertThat(OpenApiFit.problems("GET", "/api/v1/bgp/neighbors/{address}", 200,
                ok("/api/v1/bgp/neighbors/127.0.0.2"))).isEmpty();
        assertThat(OpenApiFit.problems("GET", "/api/v1/bgp/rib", 200, rib)).isEmpty();
        JsonNode r = rib.at("/routes/0");
        assertThat(r.get("prefix").asText()).isEqualTo("[type:macadv][rd:65002:10][etag:0][mac:aa:bb:cc:00:00:01][ip:203.0.113.1]");
        assertThat(r.get("next_hop").asText()).isEqualTo("198.18.0.2");
        assertThat(r.get("as_path").asText()).isEqualTo("65002");
        assertThat(r.get("labels")).extracting(JsonNode::asInt).containsExactly(10010);
        assertThat(r.get("extended_communities")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("rt:65002:10", "encap:vxlan", "mac-mobility:5");
        assertThat(r.get("origin").asText()).isEqualTo("igp");
        assertThat(r.get("local_pref").asLong()).isEqualTo(100);
        assertThat(r.get("med").isNull()).isTrue();
        assertThat(r.get("peer").asText()).isEqualTo("127.0.0.2");
        assertThat(r.get("best").asBoolean()).isTrue();
        assertThat(r.get("age").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(ok("/api/v1/bgp/rib?family=evpn").path("routes")).hasSize(1);
        assertThat(ok("/api/v1/bgp/rib?family=ipv4-vpn").path("routes")).isEmpty();

        await().atMost(UP).untilAsserted(() -> assertThat(call("GET", "/metrics", ADMIN, null).body())
                .contains("nvo3_bgp_sessions{state=\"Established\"} 1.0")
                .contains("nvo3_bgp_prefixes{family=\"l2vpn-evpn\",kind=\"accepted\",neighbor=\"127.0.0.2\"} 1.0")
                .contains("nvo3_bgp_route_changes_total{action=\"announce\",family=\"l2vpn-evpn\"}"));
    }

    @Test
    void addsAndRemovesNeighborsAtRuntime() throws IOException {
        startWithPeers();
        Reply created = call("POST", "/api/v1/bgp/neighbors", ADMIN,
                "{\"neighbor\": {\"address\": \"127.0.0.3\", \"port\": 1790, \"remote-as\": 65003, \"passive\": true,"
                        + " \"families\": [\"ipv4-vpn\"], \"description\": \"pe3\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(OpenApiFit.problems("POST", "/api/v1/bgp/neighbors", 201, created.json())).isEmpty();
        assertThat(created.json().at("/neighbor/address").asText()).isEqualTo("127.0.0.3");
        assertThat(created.json().at("/neighbor/port").asInt()).isEqualTo(1790);
        assertThat(created.json().at("/neighbor/passive").asBoolean()).isTrue();
        assertThat(created.json().at("/neighbor/state").asText()).isIn("Idle", "Active");
        assertThat(ok("/api/v1/bgp/neighbors").path("neighbors")).extracting(x -> x.get("address").asText())
                .containsExactly("127.0.0.2", "127.0.0.3");

        Reply dup = call("POST", "/api/v1/bgp/neighbors", ADMIN, "{\"neighbor\": {\"address\": \"127.0.0.3\", \"remote_as\": 65003}}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().at("/NeutronError/message").asText()).isEqualTo("BGP neighbor 127.0.0.3 already exists.");

        assertThat(call("DELETE", "/api/v1/bgp/neighbors/127.0.0.3", ADMIN, null).status()).isEqualTo(204);
        Reply gone = call("GET", "/api/v1/bgp/neighbors/127.0.0.3", ADMIN, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().at("/NeutronError/type").asText()).isEqualTo("BgpNeighborNotFound");
        assertThat(call("DELETE", "/api/v1/bgp/neighbors/127.0.0.3", ADMIN, null).status()).isEqualTo(404);
        assertThat(ok("/api/v1/bgp/neighbors").path("neighbors")).hasSize(1);
    }

    @Test
    void badInputIsA400NamingTheField() throws IOException {
        startWithPeers();
        Reply family = call("POST", "/api/v1/bgp/neighbors", ADMIN,
                "{\"neighbor\": {\"address\": \"127.0.0.3\", \"remote-as\": 65003, \"families\": [\"evpn\"]}}");
        assertThat(family.status()).isEqualTo(400);
        assertThat(family.json().at("/NeutronError/message").asText()).isEqualTo("Invalid input for families. Reason: unknown family "
                + "'evpn' (known: l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc).");
        Map<String, String> cases = Map.of(
                "{\"neighbor\": {\"address\": \"127.0.0.3\", \"remote-as\": 65003, \"port\": 0}}", "port",
                "{\"neighbor\": {\"address\": \"127.0.0.3\", \"remote-as\": 65003, \"hold-time\": 1}}", "hold-time",
                "{\"neighbor\": {\"address\": \"not-an-ip\", \"remote-as\": 65003}}", "address",
                "{\"neighbor\": {\"address\": \"127.0.0.3\"}}", "remote-as",
                "{\"neighbor\": {\"address\": \"127.0.0.3\", \"remote-as\": 65003, \"colour\": 1}}", "colour",
                "{\"peer\": {}}", "neighbor");
        cases.forEach((body, field) -> {
            Reply r = call("POST", "/api/v1/bgp/neighbors", ADMIN, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().at("/NeutronError/message").asText()).as(body).startsWith("Invalid input for " + field + ". Reason: ");
        });
        Reply rib = call("GET", "/api/v1/bgp/rib?family=l3vpn", ADMIN, null);
        assertThat(rib.status()).isEqualTo(400);
        assertThat(rib.json().at("/NeutronError/message").asText()).startsWith("Invalid input for family. Reason: unknown family 'l3vpn'");
        assertThat(call("GET", "/api/v1/bgp/neighbors/peer-one", ADMIN, null).status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/bgp/neighbors", ADMIN, "{not json").status()).isEqualTo(400);
        assertThat(ok("/api/v1/bgp/neighbors").path("neighbors")).hasSize(1);
    }

    @Test
    void membersAreRefused() throws IOException {
        startWithPeers();
        for (String[] c : new String[][] {{"GET", "/api/v1/bgp/neighbors"}, {"GET", "/api/v1/bgp/neighbors/127.0.0.2"},
                {"DELETE", "/api/v1/bgp/neighbors/127.0.0.2"}, {"GET", "/api/v1/bgp/rib?family=rtc"}}) {
            Reply r = call(c[0], c[1], MEMBER, null);
            assertThat(r.status()).as(c[1]).isEqualTo(403);
            assertThat(r.json().at("/NeutronError/type").asText()).isEqualTo("PolicyNotAuthorized");
        }
        assertThat(call("POST", "/api/v1/bgp/neighbors", MEMBER, "{\"neighbor\": {\"address\": \"127.0.0.3\", \"remote-as\": 1}}")
                .status()).isEqualTo(403);
        assertThat(ok("/api/v1/bgp/neighbors").path("neighbors")).hasSize(1);
    }

    @Test
    void withoutABgpSectionEveryCallSaysSo() throws IOException {
        start(BgpService.start(null, meters));
        for (String[] c : new String[][] {{"GET", "/api/v1/bgp/neighbors"}, {"GET", "/api/v1/bgp/neighbors/127.0.0.2"},
                {"DELETE", "/api/v1/bgp/neighbors/127.0.0.2"}, {"GET", "/api/v1/bgp/rib"}}) {
            Reply r = call(c[0], c[1], ADMIN, null);
            assertThat(r.status()).as(c[1]).isEqualTo(503);
            assertThat(r.json().at("/NeutronError/type").asText()).isEqualTo("BgpNotConfigured");
            assertThat(r.json().at("/NeutronError/message").asText()).startsWith("BGP is not configured");
        }
    }
}
