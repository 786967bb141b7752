package io.nvo3.api;

import static io.nvo3.api.TestApi.ADMIN;
import static io.nvo3.api.TestApi.ALICE;
import static io.nvo3.api.TestApi.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.model.TenantSystemState;
import io.nvo3.store.KvStores;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeApiTest {
    record NveView(String systemId, String vtep) {}

    private TestApi api;
    private String port;

    @BeforeEach
    void start() throws Exception {
        api = new TestApi(KvStores.inMemory(KvStores.Options.DEFAULT.withHistoryRevisions(5)), ModelConfig.defaults(),
                List.of(Route.get("/api/v1/hello/{who}", r -> ApiResponse.json(200,
                        Json.bytes(Map.of("hello", r.pathVar("who")))))),
                () -> List.of(new NveView("hv1", "198.18.0.1")));
        String net = api.post("/v2.0/networks", ALICE, "{\"network\": {}}").json().at("/network/id").asText();
        port = api.post("/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net + "\"}}").json().at("/port/id").asText();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TestApi.Reply setState(String state, String substate) {
        return api.put("/api/v1/tenant-systems/" + port, ALICE, "{\"state\": \"" + state + "\""
                + (substate == null ? "" : ", \"substate\": \"" + substate + "\"") + "}");
    }

    @Test
    void tenantSystemStatesFollowTheTransitionTable() {
        JsonNode ts = api.get("/api/v1/tenant-systems/" + port, ALICE).json();
        assertThat(ts.get("state").asText()).isEqualTo("NOT_DEPLOYED");
        TestApi.Reply illegal = setState("MOVING", null);
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.json().at("/NeutronError/type").asText()).isEqualTo("InvalidStateTransition");
        assertThat(illegal.json().at("/NeutronError/message").asText()).contains("NOT_DEPLOYED").contains("MOVING");
        assertThat(setState("RUNNING", null).json().get("state").asText()).isEqualTo("RUNNING");
        assertThat(setState("SUSPENDED", null).status()).isEqualTo(200);
        TestApi.Reply other = setState("OTHER", "migrating-storage");
        assertThat(other.json().get("substate").asText()).isEqualTo("migrating-storage");
        assertThat(setState("PAUSED", null).status()).isEqualTo(400);
        assertThat(setState("RUNNING", "x").status()).isEqualTo(400);
        assertThat(api.put("/api/v1/tenant-systems/" + port, ALICE, "{\"state\": \"RUNNING\", \"colour\": 1}").status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/tenant-systems/" + port, BOB).status()).isEqualTo(404);
        assertThat(api.model.port(port).orElseThrow().state()).isEqualTo(TenantSystemState.OTHER);
    }

    @Test
    void listsNvesFromTheStatusSource() {
        JsonNode n = api.get("/api/v1/nves", ADMIN).json();
        assertThat(n.at("/nves/0/systemId").asText()).isEqualTo("hv1");
        assertThat(n.at("/nves/0/vtep").asText()).isEqualTo("198.18.0.1");
    }

    @Test
    void servesOpenApiHealthMetricsAndExtraRoutes() {
        JsonNode doc = api.get("/api/v1/openapi.json", ALICE).json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/v1/tenant-systems/{id}")).isTrue();
        assertThat(doc.get("paths").has("/v2.0/ports/{id}")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1tenant-systems~1{id}/put/description").asText())
                .contains("NOT_DEPLOYED -> NOT_DEPLOYED, RUNNING, SHUT_OFF, OTHER");
        assertThat(api.get("/api/v1/health", ALICE).json().get("status").asText()).isEqualTo("ok");
        TestApi.Reply m = api.get("/metrics", ADMIN);
        assertThat(m.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(m.body()).contains("nvo3_api_requests_seconds_count");
        assertThat(api.get("/api/v1/hello/world", ALICE).json().get("hello").asText()).isEqualTo("world");
    }

    @Test
    void aTakenPortIsABindExceptionNamingTheAddress() {
        InetSocketAddress taken = api.server.address();
        assertThatThrownBy(() -> ApiServer.start(ApiServer.Options.of(taken), api.model,
                TokenRegistry.of(Map.of()), api.store, null, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
                .isInstanceOf(BindException.class).hasMessageContaining(String.valueOf(taken.getPort()));
    }

    private BufferedReader openEvents(String query, String lastEventId, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/events" + query))
                .header("X-Auth-Token", token);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> r = api.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    /** Reads events (id, event name) until {@code n} are seen. */
    private static List<String[]> read(BufferedReader in, int n) throws Exception {
        List<String[]> out = new ArrayList<>();
        String id = null, event = null;
        String line;
        while (out.size() < n && (line = in.readLine()) != null) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                assertThat(Json.MAPPER.readTree(line.substring(6)).get("revision").asText()).isEqualTo(id);
                out.add(new String[] {id, event});
            }
        }
        return out;
    }

    @Test
    void streamsEveryChangeAndResumesFromARevision() throws Exception {
        long start = api.store.revision();
        try (BufferedReader in = openEvents("?from=1", null, ADMIN)) {
            List<String[]> history = read(in, 2);
            assertThat(history.get(0)[1]).isEqualTo("network.created");
            assertThat(history.get(1)[1]).isEqualTo("port.created");
            assertThat(Long.parseLong(history.get(1)[0])).isEqualTo(start);
            setState("RUNNING", null);
            List<String[]> live = read(in, 1);
            assertThat(live.get(0)[1]).isEqualTo("port.updated");
            assertThat(Long.parseLong(live.get(0)[0])).isEqualTo(start + 1);
        }
        try (BufferedReader in = openEvents("", String.valueOf(start), ADMIN)) {
            assertThat(read(in, 1).get(0)[0]).isEqualTo(String.valueOf(start + 1));
        }
        // another project's member sees none of alice's events
        try (BufferedReader bob = openEvents("?from=" + start, null, BOB);
             BufferedReader alice = openEvents("?from=" + (start + 2), null, ALICE)) {
            api.post("/v2.0/networks", BOB, "{\"network\": {\"name\": \"bobs\"}}");
            api.post("/v2.0/networks", ALICE, "{\"network\": {\"name\": \"alices\"}}");
            String[] first = read(bob, 1).get(0);
            assertThat(first[1]).isEqualTo("network.created");
            assertThat(Long.parseLong(first[0])).isEqualTo(start + 2);
            assertThat(Long.parseLong(read(alice, 1).get(0)[0])).isEqualTo(start + 3);
        }
    }

    @Test
    void aCompactedRevisionIs410() {
        for (int i = 0; i < 10; i++) {
            setState(i % 2 == 0 ? "RUNNING" : "SUSPENDED", null);
        }
        TestApi.Reply r = api.get("/api/v1/events?from=1", ADMIN);
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.json().at("/NeutronError/type").asText()).isEqualTo("RevisionCompacted");
        assertThat(r.json().at("/NeutronError/message").asText()).contains("Revision 1 is compacted");
        assertThat(api.get("/api/v1/events?from=abc", ADMIN).status()).isEqualTo(400);
    }
}
