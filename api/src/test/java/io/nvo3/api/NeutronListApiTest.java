package io.nvo3.api;

import static io.nvo3.api.TestApi.ADMIN;
import static io.nvo3.api.TestApi.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NeutronListApiTest {
    private static TestApi api;
    private static final List<String> IDS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = new TestApi();
        for (String[] n : new String[][] {{"a", "true"}, {"b", "false"}, {"c", "true"}, {"d", "true"}, {"e", "false"}}) {
            IDS.add(api.post("/v2.0/networks", ALICE, "{\"network\": {\"name\": \"" + n[0] + "\", \"admin_state_up\": "
                    + n[1] + "}}").json().at("/network/id").asText());
        }
        api.post("/v2.0/networks", ADMIN, "{\"network\": {\"name\": \"z\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> names(String query, String token) {
        TestApi.Reply r = api.get("/v2.0/networks" + query, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("networks").findValuesAsText("name");
    }

    @Test
    void filtersOnAnyAttributeWithRepeatedKeysMeaningOr() {
        assertThat(names("?name=b", ALICE)).containsExactly("b");
        assertThat(names("?name=b&name=d&sort_key=name", ALICE)).containsExactly("b", "d");
        assertThat(names("?admin_state_up=False&sort_key=name", ALICE)).containsExactly("b", "e");
        assertThat(names("?admin_state_up=true&name=a&name=b", ALICE)).containsExactly("a");
        assertThat(names("?project_id=admin", ADMIN)).containsExactly("z");
        assertThat(names("?tenant_id=alice&sort_key=name&sort_dir=desc", ADMIN)).containsExactly("e", "d", "c", "b", "a");
        assertThat(names("?id=" + IDS.get(2), ALICE)).containsExactly("c");
        assertThat(names("?provider:segmentation_id=1005", ADMIN)).containsExactly("z");
        assertThat(api.get("/v2.0/networks?colour=red", ALICE).status()).isEqualTo(400);
    }

    @Test
    void fieldsSelectAttributes() {
        JsonNode n = api.get("/v2.0/networks?fields=id&fields=name&name=a", ALICE).json().at("/networks/0");
        assertThat(n.size()).isEqualTo(2);
        assertThat(n.has("id") && n.has("name")).isTrue();
        JsonNode one = api.get("/v2.0/networks/" + IDS.get(0) + "?fields=status", ALICE).json().get("network");
        assertThat(one.size()).isEqualTo(1);
        assertThat(one.get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void sortsAndRefusesBadSortKeys() {
        assertThat(names("?sort_key=admin_state_up&sort_dir=asc&sort_key=name&sort_dir=desc", ALICE))
                .containsExactly("e", "b", "d", "c", "a");
        assertThat(api.get("/v2.0/networks?sort_key=nope", ALICE).status()).isEqualTo(400);
        assertThat(api.get("/v2.0/networks?sort_key=name&sort_dir=up", ALICE).status()).isEqualTo(400);
        assertThat(api.get("/v2.0/networks?limit=-1", ALICE).status()).isEqualTo(400);
    }

    @Test
    void paginatesWithNeutronLinks() {
        TestApi.Reply first = api.get("/v2.0/networks?limit=2&sort_key=name", ALICE);
        JsonNode body = first.json();
        assertThat(body.get("networks").findValuesAsText("name")).containsExactly("a", "b");
        JsonNode links = body.get("networks_links");
        assertThat(links.findValuesAsText("rel")).containsExactly("next", "previous");
        List<String> seen = new ArrayList<>(body.get("networks").findValuesAsText("name"));
        String next = links.get(0).get("href").asText();
        while (next != null) {
            URI u = URI.create(next);
            assertThat(u.getPath()).isEqualTo("/v2.0/networks");
            assertThat(u.getQuery()).contains("limit=2").contains("sort_key=name").contains("marker=");
            JsonNode page = api.get(u.getPath() + "?" + u.getRawQuery(), ALICE).json();
            seen.addAll(page.get("networks").findValuesAsText("name"));
            next = null;
            for (JsonNode l : page.path("networks_links")) {
                if (l.get("rel").asText().equals("next")) {
                    next = l.get("href").asText();
                }
            }
        }
        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
        // a previous link goes back
        TestApi.Reply second = api.get("/v2.0/networks?limit=2&sort_key=name&marker="
                + body.at("/networks/1/id").asText(), ALICE);
        assertThat(second.json().get("networks").findValuesAsText("name")).containsExactly("c", "d");
        String prev = second.json().get("networks_links").get(1).get("href").asText();
        assertThat(prev).contains("page_reverse=True");
        URI p = URI.create(prev);
        assertThat(api.get(p.getPath() + "?" + p.getRawQuery(), ALICE).json().get("networks").findValuesAsText("name"))
                .containsExactly("a", "b");
    }
}
