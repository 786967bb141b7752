package io.nvo3.api.bgpvpn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.Json;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.controller.federation.BgpVpnService;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.controller.federation.VnRoutings;
import io.nvo3.controller.federation.LocalDomain;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.model.Network;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BgpVpnApiTest {
    static final String ADMIN = "admin-token";
    static final String ALICE = "alice-token";
    static final String BOB = "bob-token";
    static final String BASE = "/v2.0/bgpvpn/bgpvpns";

    private KvStore store;
    private ModelService model;
    private BgpVpnService bgpvpns;
    private ApiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeEach
    void start() throws IOException {
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
        bgpvpns = BgpVpnService.open(store, id -> model.network(id).isPresent());
        TokenRegistry tokens = TokenRegistry.of(Map.of(ADMIN, new Principal("admin", true),
                ALICE, new Principal("alice", false), BOB, new Principal("bob", false)));
        server = ApiServer.start(new ApiServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        BgpVpnRoutes.routes(bgpvpns, model)), model, tokens, store, NveStatusSource.empty(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterEach
    void stop() {
        server.close();
        bgpvpns.close();
        model.close();
        store.close();
    }

    private Reply call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertNeutronError(Reply r, int status, String type, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json().get("NeutronError");
        assertThat(e).as(r.body()).isNotNull();
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.get("message").asText()).contains(message);
        assertThat(e.has("detail")).isTrue();
    }

    private String createAsAdmin(String body) {
        Reply r = call("POST", BASE, ADMIN, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/bgpvpn/id").asText();
    }

    private String network(String project, boolean shared) {
        Network n = model.createNetwork(new NetworkRequest(null, project, "n", null, null, shared, null, null, null));
        return n.id();
    }

    @Test
    void onlyAnAdminCreatesAndGetsNeutronsDefaults() {
        assertNeutronError(call("POST", BASE, ALICE, "{\"bgpvpn\": {\"name\": \"x\"}}"), 403, "PolicyNotAuthorized",
                "(rule:create_bgpvpn) is disallowed by policy");
        Reply r = call("POST", BASE, ADMIN, "{\"bgpvpn\": {\"name\": \"blue\", \"tenant_id\": \"alice\","
                + " \"route_targets\": \"65001:100\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode b = r.json().get("bgpvpn");
        assertThat(b.get("id").asText()).isNotBlank();
        assertThat(b.get("name").asText()).isEqualTo("blue");
        assertThat(b.get("type").asText()).isEqualTo("l3");
        assertThat(b.get("route_targets").toString()).as("convert_to_list").isEqualTo("[\"65001:100\"]");
        assertThat(b.get("import_targets").toString()).isEqualTo("[]");
        assertThat(b.get("export_targets").toString()).isEqualTo("[]");
        assertThat(b.get("route_distinguishers").toString()).isEqualTo("[]");
        assertThat(b.get("vni").isNull()).isTrue();
        assertThat(b.get("local_pref").isNull()).isTrue();
        assertThat(b.get("networks").toString()).isEqualTo("[]");
        assertThat(b.get("routers").toString()).isEqualTo("[]");
        assertThat(b.get("ports").toString()).isEqualTo("[]");
        assertThat(b.get("tenant_id").asText()).isEqualTo("alice");
        assertThat(b.get("project_id").asText()).isEqualTo("alice");
        assertNeutronError(call("GET", BASE, null, null), 401, "HTTPUnauthorized", "requires authentication");
    }

    @Test
    void aMemberSeesItsOwnBgpvpnsWithoutTheAdminOnlyAttributes() {
        String id = createAsAdmin("{\"bgpvpn\": {\"name\": \"blue\", \"project_id\": \"alice\", \"type\": \"l2\","
                + " \"route_targets\": [\"65001:100\"], \"vni\": 5000, \"local_pref\": 150}}");
        createAsAdmin("{\"bgpvpn\": {\"name\": \"other\", \"project_id\": \"bob\"}}");
        JsonNode mine = call("GET", BASE + "/" + id, ALICE, null).json().get("bgpvpn");
        assertThat(mine.get("name").asText()).isEqualTo("blue");
        assertThat(mine.get("type").asText()).isEqualTo("l2");
        assertThat(mine.get("local_pref").asLong()).isEqualTo(150);
        for (String hidden : Views.ADMIN_ONLY) {
            assertThat(mine.has(hidden)).as(hidden).isFalse();
        }
        JsonNode asAdmin = call("GET", BASE + "/" + id, ADMIN, null).json().get("bgpvpn");
        assertThat(asAdmin.get("vni").asInt()).isEqualTo(5000);
        assertThat(asAdmin.get("route_targets").get(0).asText()).isEqualTo("65001:100");

        assertThat(call("GET", BASE, ALICE, null).json().get("bgpvpns")).hasSize(1);
        assertThat(call("GET", BASE, ADMIN, null).json().get("bgpvpns")).hasSize(2);
        assertNeutronError(call("GET", BASE + "/" + id, BOB, null), 404, "BGPVPNNotFound", id);
        assertThat(call("GET", BASE + "?name=blue&fields=id&fields=name", ADMIN, null).json().get("bgpvpns").toString())
                .isEqualTo("[{\"id\":\"" + id + "\",\"name\":\"blue\"}]");
        assertThat(call("GET", BASE + "?route_targets=65001:100", ALICE, null).json().get("bgpvpns"))
                .as("a member cannot filter on what it cannot see").isEmpty();
        assertNeutronError(call("GET", BASE + "?color=red", ADMIN, null), 400, "HTTPBadRequest",
                "[color] is invalid attribute for filtering");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"route_targets\": [\"65001L:1\"]}|Invalid input for route_targets. Reason: '65001L:1' is not a valid input.",
            "{\"import_targets\": [\"198.19.0.1:70000\"]}|Invalid input for import_targets. Reason: '198.19.0.1:70000' is not a valid input.",
            "{\"export_targets\": [\"65001:1\", \"65001:1\"]}|Invalid input for export_targets. Reason: Duplicate items in the list: '65001:1, 65001:1'.",
            "{\"route_distinguishers\": [7]}|Invalid input for route_distinguishers. Reason: '7' is not a valid input.",
            "{\"type\": \"l4\"}|Invalid input for type. Reason: 'l4' is not in ['l3', 'l2'].",
            "{\"vni\": 0}|Invalid input for vni. Reason: '0' is too small - must be at least '1'.",
            "{\"vni\": 16777216}|Invalid input for vni. Reason: '16777216' is too large - must be no larger than '16777215'.",
            "{\"vni\": \"abc\"}|Invalid input for vni. Reason: 'abc' is not an integer.",
            "{\"local_pref\": -1}|Invalid input for local_pref. Reason: '-1' is too small - must be at least '0'.",
            "{\"color\": \"red\"}|Unrecognized attribute(s) 'color'",
            "{\"networks\": []}|Attribute 'networks' not allowed in POST"})
    void refusesBadAttributesWith400NamingTheField(String attrs, String message) {
        assertNeutronError(call("POST", BASE, ADMIN, "{\"bgpvpn\": " + attrs + "}"), 400, "HTTPBadRequest", message);
        assertThat(bgpvpns.bgpvpns()).isEmpty();
    }

    @Test
    void aMemberMayOnlyRenameAndAnAdminChangesTargets() {
        String id = createAsAdmin("{\"bgpvpn\": {\"name\": \"blue\", \"project_id\": \"alice\"}}");
        Reply renamed = call("PUT", BASE + "/" + id, ALICE, "{\"bgpvpn\": {\"name\": \"green\"}}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().at("/bgpvpn/name").asText()).isEqualTo("green");
        assertNeutronError(call("PUT", BASE + "/" + id, ALICE, "{\"bgpvpn\": {\"route_targets\": [\"65001:1\"]}}"),
                403, "PolicyNotAuthorized", "(rule:update_bgpvpn:route_targets) is disallowed by policy");
        assertNeutronError(call("PUT", BASE + "/" + id, BOB, "{\"bgpvpn\": {\"name\": \"mine\"}}"), 404,
                "BGPVPNNotFound", id);
        assertNeutronError(call("PUT", BASE + "/" + id, ADMIN, "{\"bgpvpn\": {\"vni\": 7}}"), 400, "HTTPBadRequest",
                "Cannot update read-only attribute vni");
        Reply u = call("PUT", BASE + "/" + id, ADMIN, "{\"bgpvpn\": {\"import_targets\": [\"65002:2000\"],"
                + " \"local_pref\": 120}}");
        assertThat(u.status()).as(u.body()).isEqualTo(200);
        assertThat(u.json().at("/bgpvpn/import_targets/0").asText()).isEqualTo("65002:2000");
        assertThat(u.json().at("/bgpvpn/local_pref").asLong()).isEqualTo(120);
        assertThat(u.json().at("/bgpvpn/name").asText()).isEqualTo("green");
        Reply cleared = call("PUT", BASE + "/" + id, ADMIN, "{\"bgpvpn\": {\"local_pref\": null}}");
        assertThat(cleared.json().at("/bgpvpn/local_pref").isNull()).isTrue();
    }

    @Test
    void onlyAnAdminDeletes() {
        String id = createAsAdmin("{\"bgpvpn\": {\"name\": \"blue\", \"project_id\": \"alice\"}}");
        assertNeutronError(call("DELETE", BASE + "/" + id, ALICE, null), 403, "PolicyNotAuthorized",
                "(rule:delete_bgpvpn) is disallowed by policy");
        assertNeutronError(call("DELETE", BASE + "/" + id, BOB, null), 404, "BGPVPNNotFound", id);
        assertThat(call("DELETE", BASE + "/" + id, ADMIN, null).status()).isEqualTo(204);
        assertNeutronError(call("GET", BASE + "/" + id, ADMIN, null), 404, "BGPVPNNotFound", id);
    }

    @Test
    void associatesVisibleNetworksAndRoutesWithTheBgpvpnTargets() {
        String id = createAsAdmin("{\"bgpvpn\": {\"name\": \"blue\", \"project_id\": \"alice\", \"type\": \"l2\","
                + " \"route_targets\": [\"65002:2000\"]}}");
        String mine = network("alice", false);
        String shared = network("bob", true);
        String bobs = network("bob", false);
        String path = BASE + "/" + id + "/network_associations";

        Reply a = call("POST", path, ALICE, "{\"network_association\": {\"network_id\": \"" + mine + "\"}}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        String assoc = a.json().at("/network_association/id").asText();
        assertThat(a.json().at("/network_association/network_id").asText()).isEqualTo(mine);
        assertThat(a.json().at("/network_association").has("tenant_id")).isFalse();
        assertThat(call("POST", path, ALICE, "{\"network_association\": {\"network_id\": \"" + shared + "\"}}").status())
                .isEqualTo(201);
        assertNeutronError(call("POST", path, ALICE, "{\"network_association\": {\"network_id\": \"" + mine + "\"}}"),
                400, "BGPVPNNetAssocAlreadyExists", "is already associated to BGPVPN " + id);
        assertNeutronError(call("POST", path, ALICE, "{\"network_association\": {\"network_id\": \"" + bobs + "\"}}"),
                404, "NetworkNotFound", bobs);
        assertNeutronError(call("POST", path, ALICE, "{\"network_association\": {\"network_id\": \"nope\"}}"),
                400, "HTTPBadRequest", "Invalid input for network_id. Reason: 'nope' is not a valid UUID.");
        assertNeutronError(call("POST", path, ALICE, "{\"network_association\": {}}"), 400, "HTTPBadRequest",
                "Required attribute 'network_id' not specified");
        assertNeutronError(call("POST", path, BOB, "{\"network_association\": {\"network_id\": \"" + shared + "\"}}"),
                404, "BGPVPNNotFound", id);

        assertThat(call("GET", BASE + "/" + id, ALICE, null).json().at("/bgpvpn/networks")).hasSize(2);
        assertThat(call("GET", path, ALICE, null).json().get("network_associations")).hasSize(2);
        JsonNode shown = call("GET", path + "/" + assoc, ADMIN, null).json().get("network_association");
        assertThat(shown.get("tenant_id").asText()).isEqualTo("alice");

        // the association makes the network import and export the BGPVPN's route target
        Network n = model.network(mine).orElseThrow();
        VnRouting routing = VnRoutings.compute(n.id(), n.vni(), 1,
                new LocalDomain(65001, (Inet4Address) InetAddress.getLoopbackAddress()), bgpvpns.bgpvpnsOfNetwork(n.id()));
        assertThat(routing.importTargets()).extracting(Object::toString).contains("RT:65002:2000");

        assertThat(call("DELETE", path + "/" + assoc, ALICE, null).status()).isEqualTo(204);
        assertNeutronError(call("GET", path + "/" + assoc, ALICE, null), 404, "BGPVPNNetAssocNotFound", assoc);
        assertThat(call("DELETE", BASE + "/" + id, ADMIN, null).status()).isEqualTo(204);
        assertThat(bgpvpns.associationsOfNetwork(shared)).as("deleted with the BGPVPN").isEmpty();
    }
}
