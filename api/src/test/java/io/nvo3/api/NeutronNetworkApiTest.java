package io.nvo3.api;

import static io.nvo3.api.TestApi.ADMIN;
import static io.nvo3.api.TestApi.ALICE;
import static io.nvo3.api.TestApi.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeutronNetworkApiTest {
    private TestApi api;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static void assertNeutronError(TestApi.Reply r, int status, String type, String mentions) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json().get("NeutronError");
        assertThat(e).as(r.body()).isNotNull();
        assertThat(e.get("type").asText()).isEqualTo(type);
        assertThat(e.get("message").asText()).contains(mentions);
        assertThat(e.has("detail")).isTrue();
    }

    @Test
    void versionDocumentNeedsNoTokenButEverythingElseDoes() {
        TestApi.Reply root = api.get("/", null);
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.json().at("/versions/0/id").asText()).isEqualTo("v2.0");
        assertThat(root.json().at("/versions/0/status").asText()).isEqualTo("CURRENT");
        assertThat(root.json().at("/versions/0/links/0/href").asText()).endsWith("/v2.0/");
        for (String path : new String[] {"/v2.0/networks", "/v2.0/extensions", "/api/v1/nves", "/metrics"}) {
            assertNeutronError(api.get(path, null), 401, "HTTPUnauthorized", "requires authentication");
            assertNeutronError(api.get(path, "wrong-token"), 401, "HTTPUnauthorized", "requires authentication");
        }
    }

    @Test
    void listsTheSupportedExtensions() {
        JsonNode ext = api.get("/v2.0/extensions", ALICE).json().get("extensions");
        assertThat(ext.findValuesAsText("alias")).contains("provider", "binding", "port-security",
                "allowed-address-pairs", "pagination", "sorting", "project-id", "network-mtu");
        assertThat(api.get("/v2.0/extensions/provider", ALICE).json().at("/extension/name").asText())
                .isEqualTo("Provider Network");
        assertThat(api.get("/v2.0/extensions/nope", ALICE).status()).isEqualTo(404);
    }

    @Test
    void createsShowsUpdatesAndDeletesANetwork() {
        TestApi.Reply c = api.post("/v2.0/networks", ALICE, "{\"network\": {\"name\": \"blue\", \"admin_state_up\": true}}");
        assertThat(c.status()).isEqualTo(201);
        JsonNode n = c.json().get("network");
        String id = n.get("id").asText();
        assertThat(n.get("name").asText()).isEqualTo("blue");
        assertThat(n.get("tenant_id").asText()).isEqualTo("alice");
        assertThat(n.get("project_id").asText()).isEqualTo("alice");
        assertThat(n.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(n.get("mtu").asInt()).isEqualTo(1450);
        assertThat(n.get("shared").asBoolean()).isFalse();
        assertThat(n.get("subnets").isArray()).isTrue();
        assertThat(n.has("provider:segmentation_id")).as("provider attributes are admin-only").isFalse();

        JsonNode asAdmin = api.get("/v2.0/networks/" + id, ADMIN).json().get("network");
        assertThat(asAdmin.get("provider:network_type").asText()).isEqualTo("vxlan");
        assertThat(asAdmin.get("provider:segmentation_id").asLong()).isEqualTo(1000);

        TestApi.Reply u = api.put("/v2.0/networks/" + id, ALICE, "{\"network\": {\"name\": \"green\", \"mtu\": 1400}}");
        assertThat(u.status()).isEqualTo(200);
        assertThat(u.json().at("/network/name").asText()).isEqualTo("green");
        assertThat(u.json().at("/network/mtu").asInt()).isEqualTo(1400);
        assertThat(u.json().at("/network/revision_number").asInt()).isEqualTo(2);

        TestApi.Reply d = api.delete("/v2.0/networks/" + id, ALICE);
        assertThat(d.status()).isEqualTo(204);
        assertThat(d.body()).isEmpty();
        assertNeutronError(api.get("/v2.0/networks/" + id, ALICE), 404, "NetworkNotFound", id);
    }

    @Test
    void anAdminSetsTheVniAndAClashIs409() {
        TestApi.Reply a = api.post("/v2.0/networks", ADMIN, "{\"network\": {\"name\": \"a\", \"tenant_id\": \"alice\","
                + " \"provider:network_type\": \"vxlan\", \"provider:segmentation_id\": 4242}}");
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().at("/network/provider:segmentation_id").asInt()).isEqualTo(4242);
        assertThat(a.json().at("/network/project_id").asText()).isEqualTo("alice");
        assertNeutronError(api.post("/v2.0/networks", ADMIN,
                "{\"network\": {\"provider:segmentation_id\": 4242}}"), 409, "TunnelIdInUse", "4242");
        assertNeutronError(api.post("/v2.0/networks", ADMIN,
                "{\"network\": {\"provider:network_type\": \"vlan\"}}"), 400, "InvalidInput", "vlan");
        assertNeutronError(api.post("/v2.0/networks", ADMIN,
                "{\"network\": {\"provider:segmentation_id\": 16777216}}"), 400, "InvalidInput", "provider:segmentation_id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"network\": {\"provider:segmentation_id\": 77}}|provider:segmentation_id",
            "{\"network\": {\"provider:network_type\": \"vxlan\"}}|provider:network_type",
            "{\"network\": {\"shared\": true}}|shared",
            "{\"network\": {\"tenant_id\": \"bob\"}}|create_network"})
    void aMemberMayNotUseAdminOnlyAttributes(String body, String rule) {
        assertNeutronError(api.post("/v2.0/networks", ALICE, body), 403, "PolicyNotAuthorized", rule);
        assertThat(api.model.networks()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"network\": {\"name\": \"x\"|Malformed request body",
            "[1, 2]|Malformed request body",
            "{\"net\": {}}|Unable to find 'network' in request body",
            "{\"network\": {\"colour\": \"red\"}}|Unrecognized attribute(s) 'colour'",
            "{\"network\": {\"admin_state_up\": \"maybe\"}}|Invalid input for admin_state_up",
            "{\"network\": {\"name\": 42}}|Invalid input for name",
            "{\"network\": {\"mtu\": \"big\"}}|Invalid input for mtu",
            "{\"network\": {\"status\": \"DOWN\"}}|Attribute 'status' not allowed in POST",
            "{\"network\": {\"project_id\": \"alice\", \"tenant_id\": \"bob\"}}|do not match"})
    void badBodiesAre400NamingTheFieldAndStoreNothing(String body, String mentions) {
        long rev = api.store.revision();
        assertNeutronError(api.post("/v2.0/networks", ALICE, body), 400, "HTTPBadRequest", mentions);
        assertThat(api.store.revision()).isEqualTo(rev);
    }

    @Test
    void tooBigAnMtuIsRefused() {
        assertNeutronError(api.post("/v2.0/networks", ALICE, "{\"network\": {\"mtu\": 9000}}"), 400, "InvalidInput",
                "mtu");
    }

    @Test
    void aMemberSeesOnlyItsOwnAndSharedNetworks() {
        String mine = api.post("/v2.0/networks", ALICE, "{\"network\": {\"name\": \"mine\"}}").json().at("/network/id").asText();
        String shared = api.post("/v2.0/networks", ADMIN, "{\"network\": {\"name\": \"pub\", \"shared\": true}}")
                .json().at("/network/id").asText();
        assertThat(api.get("/v2.0/networks", BOB).json().get("networks").findValuesAsText("id")).containsExactly(shared);
        assertThat(api.get("/v2.0/networks", ALICE).json().get("networks").findValuesAsText("id"))
                .containsExactlyInAnyOrder(mine, shared);
        assertThat(api.get("/v2.0/networks", ADMIN).json().get("networks")).hasSize(2);
        assertNeutronError(api.get("/v2.0/networks/" + mine, BOB), 404, "NetworkNotFound", mine);
        assertNeutronError(api.put("/v2.0/networks/" + mine, BOB, "{\"network\": {\"name\": \"x\"}}"), 404,
                "NetworkNotFound", mine);
        assertNeutronError(api.delete("/v2.0/networks/" + mine, BOB), 404, "NetworkNotFound", mine);
        assertNeutronError(api.delete("/v2.0/networks/" + shared, BOB), 403, "PolicyNotAuthorized", "delete_network");
        assertThat(api.get("/v2.0/networks/" + mine, ALICE).status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsAnswerNeutronErrors() {
        assertNeutronError(api.get("/v2.0/routers", ALICE), 404, "HTTPNotFound", "could not be found");
        TestApi.Reply r = api.call("PATCH", "/v2.0/networks", ALICE, "{}");
        assertThat(r.status()).isEqualTo(405);
    }
}
