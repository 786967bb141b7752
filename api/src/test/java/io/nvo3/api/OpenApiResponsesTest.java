package io.nvo3.api;

import static io.nvo3.api.OpenApiDocument.ADMIN;
import static io.nvo3.api.OpenApiDocument.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.federation.wiring.FederationView;
import io.nvo3.controller.nve.NveStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The answers the handlers really write, checked against openapi.json: the status is one the operation
 * documents, the content type is documented for it, and the JSON body fits the schema (no undocumented key,
 * no missing required one, right types and enums). Walks every served operation but the event stream's
 * 200 (it never ends) as an admin and as a member.
 */
class OpenApiResponsesTest {
    private OpenApiDocument api;
    private JsonNode doc;
    private SchemaCheck schemas;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> exercised = new TreeSet<>();

    @BeforeEach
    void start() {
        doc = OpenApiDocument.tree();
        schemas = new SchemaCheck(doc);
    }

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void federationAndNveViewsWithEveryFieldFitTheDocument() throws Exception {
        FederationView view = SampleRecords.sample(FederationView.class);
        NveStatus nve = SampleRecords.sample(NveStatus.class);
        api = new OpenApiDocument(() -> view, () -> List.of(nve));
        get("/api/v1/bgp/vns", "/api/v1/bgp/vns", ADMIN);
        get("/api/v1/bgp/vns/{id}", "/api/v1/bgp/vns/" + view.vns().get(0).networkId(), ADMIN);
        get("/api/v1/nves", "/api/v1/nves", ALICE);
        assertThat(problems).as("answers that do not fit openapi.json").isEmpty();
        assertThat(exercised).hasSize(3);
    }

    /** Calls {@code path} (an instance of {@code template}) and records what does not fit the document. */
    private JsonNode exchange(String method, String template, String path, String token, String body)
            throws Exception {
        OpenApiDocument.Reply r = api.call(method, path, token, body);
        String what = method + " " + path + " -> " + r.status();
        exercised.add(method + " " + template);
        JsonNode op = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(op.isMissingNode()).as("%s %s is documented", method, template).isFalse();
        JsonNode response = op.path("responses").path(Integer.toString(r.status()));
        if (response.isMissingNode()) {
            problems.add(what + ": status not documented (" + r.body() + ")");
            return r.status() == 204 || r.body().isEmpty() ? null : r.json();
        }
        response = schemas.resolve(response);
        if (r.status() == 204) {
            assertThat(r.body()).as(what).isEmpty();
            return null;
        }
        String mediaType = r.contentType() == null ? "" : r.contentType().split(";")[0].strip();
        JsonNode media = response.path("content").path(mediaType);
        if (media.isMissingNode()) {
            problems.add(what + ": content type " + r.contentType() + " not documented");
            return null;
        }
        if (!mediaType.equals("application/json")) {
            return null;
        }
        JsonNode json = r.json();
        schemas.problems(json, media.path("schema"), "").forEach(p -> problems.add(what + ": " + p));
        return json;
    }

    private JsonNode get(String template, String path, String token) throws Exception {
        return exchange("GET", template, path, token, null);
    }

    @Test
    void everyAnswerFitsTheDocument() throws Exception {
        api = new OpenApiDocument();
        get("/", "/", null);
        get("/v2.0", "/v2.0", ALICE);
        get("/v2.0", "/v2.0", null);
        get("/v2.0/extensions", "/v2.0/extensions", ALICE);
        get("/v2.0/extensions/{alias}", "/v2.0/extensions/bgpvpn", ALICE);
        get("/v2.0/extensions/{alias}", "/v2.0/extensions/nope", ALICE);

        // Neutron core resources, as an admin and as the owning member
        String net = exchange("POST", "/v2.0/networks", "/v2.0/networks", ALICE, "{\"network\": {\"name\": \"a\"}}")
                .at("/network/id").asText();
        exchange("POST", "/v2.0/networks", "/v2.0/networks", ADMIN,
                "{\"networks\": [{\"name\": \"b\", \"provider:segmentation_id\": 4242}]}");
        exchange("POST", "/v2.0/networks", "/v2.0/networks", ALICE, "{\"network\": {\"bogus\": 1}}");
        for (String who : List.of(ADMIN, ALICE)) {
            get("/v2.0/networks", "/v2.0/networks?limit=1", who);
            get("/v2.0/networks/{id}", "/v2.0/networks/" + net, who);
        }
        exchange("PUT", "/v2.0/networks/{id}", "/v2.0/networks/" + net, ALICE, "{\"network\": {\"name\": \"a2\"}}");
        String subnet = exchange("POST", "/v2.0/subnets", "/v2.0/subnets", ALICE, "{\"subnet\": {\"network_id\": \""
                + net + "\", \"ip_version\": 4, \"cidr\": \"203.0.113.0/24\"}}").at("/subnet/id").asText();
        get("/v2.0/subnets", "/v2.0/subnets", ALICE);
        get("/v2.0/subnets/{id}", "/v2.0/subnets/" + subnet, ADMIN);
        exchange("PUT", "/v2.0/subnets/{id}", "/v2.0/subnets/" + subnet, ALICE, "{\"subnet\": {\"name\": \"s\"}}");
        String port = exchange("POST", "/v2.0/ports", "/v2.0/ports", ALICE, "{\"port\": {\"network_id\": \"" + net
                + "\"}}").at("/port/id").asText();
        exchange("PUT", "/v2.0/ports/{id}", "/v2.0/ports/" + port, ADMIN,
                "{\"port\": {\"binding:host_id\": \"hv1\"}}");
        for (String who : List.of(ADMIN, ALICE)) {
            get("/v2.0/ports", "/v2.0/ports", who);
            get("/v2.0/ports/{id}", "/v2.0/ports/" + port, who);
        }
        String group = get("/v2.0/security-groups", "/v2.0/security-groups", ALICE).at("/security_groups/0/id")
                .asText();
        get("/v2.0/security-groups/{id}", "/v2.0/security-groups/" + group, ALICE);

        // native API and lifecycle
        get("/api/v1/tenant-systems", "/api/v1/tenant-systems", ALICE);
        get("/api/v1/tenant-systems/{id}", "/api/v1/tenant-systems/" + port, ALICE);
        exchange("PUT", "/api/v1/tenant-systems/{id}", "/api/v1/tenant-systems/" + port, ALICE,
                "{\"state\": \"RUNNING\"}");
        exchange("PUT", "/api/v1/tenant-systems/{id}", "/api/v1/tenant-systems/" + port, ALICE,
                "{\"fib_class\": \"latency-sensitive\"}");
        exchange("PUT", "/api/v1/tenant-systems/{id}", "/api/v1/tenant-systems/" + port, ALICE,
                "{\"state\": \"FLYING\"}");
        exchange("PUT", "/api/v1/tenant-systems/{id}", "/api/v1/tenant-systems/" + port, ALICE,
                "{\"state\": \"NOT_DEPLOYED\"}");
        exchange("PUT", "/api/v1/tenant-systems/{id}", "/api/v1/tenant-systems/" + port, ALICE,
                "{\"state\": \"MOVING\"}");
        exchange("POST", "/api/v1/tenant-systems/{id}/move", "/api/v1/tenant-systems/" + port + "/move", ALICE,
                "{\"to\": \"hv2\"}");
        exchange("POST", "/api/v1/tenant-systems/{id}/move", "/api/v1/tenant-systems/" + port + "/move", ALICE,
                "{\"where\": \"hv2\"}");
        get("/api/v1/networks/{id}/fib-policy", "/api/v1/networks/" + net + "/fib-policy", ALICE);
        exchange("PUT", "/api/v1/networks/{id}/fib-policy", "/api/v1/networks/" + net + "/fib-policy", ALICE,
                "{\"fib_policy\": {\"mode\": \"pull\", \"suspended\": \"keep\"}}");
        exchange("PUT", "/api/v1/networks/{id}/fib-policy", "/api/v1/networks/" + net + "/fib-policy", ALICE,
                "{\"mode\": \"sometimes\"}");
        get("/v2.0/networks/{id}", "/v2.0/networks/" + net, ALICE);
        get("/api/v1/mobility/redirects", "/api/v1/mobility/redirects", ADMIN);
        get("/api/v1/mobility/redirects", "/api/v1/mobility/redirects", ALICE);
        get("/api/v1/nves", "/api/v1/nves", ALICE);
        get("/api/v1/health", "/api/v1/health", ALICE);
        get("/api/v1/openapi.json", "/api/v1/openapi.json", ALICE);
        get("/api/v1/events", "/api/v1/events?from=yesterday", ALICE);
        get("/metrics", "/metrics", ALICE);

        // BGP without a bgp: section, federation
        get("/api/v1/bgp/neighbors", "/api/v1/bgp/neighbors", ADMIN);
        get("/api/v1/bgp/neighbors", "/api/v1/bgp/neighbors", ALICE);
        exchange("POST", "/api/v1/bgp/neighbors", "/api/v1/bgp/neighbors", ADMIN,
                "{\"neighbor\": {\"address\": \"127.0.0.2\", \"remote-as\": 64512}}");
        get("/api/v1/bgp/neighbors/{address}", "/api/v1/bgp/neighbors/127.0.0.2", ADMIN);
        exchange("DELETE", "/api/v1/bgp/neighbors/{address}", "/api/v1/bgp/neighbors/127.0.0.2", ADMIN, null);
        get("/api/v1/bgp/rib", "/api/v1/bgp/rib?family=evpn", ADMIN);
        get("/api/v1/bgp/vns", "/api/v1/bgp/vns", ADMIN);
        get("/api/v1/bgp/vns", "/api/v1/bgp/vns", ALICE);
        get("/api/v1/bgp/vns/{id}", "/api/v1/bgp/vns/" + net, ADMIN);

        // networking-bgpvpn
        String bgpvpns = "/v2.0/bgpvpn/bgpvpns";
        String vpn = exchange("POST", bgpvpns, bgpvpns, ADMIN, "{\"bgpvpn\": {\"name\": \"v\", \"type\": \"l2\", "
                + "\"route_targets\": [\"64512:1\"], \"tenant_id\": \"alice\"}}").at("/bgpvpn/id").asText();
        exchange("POST", bgpvpns, bgpvpns, ALICE, "{\"bgpvpn\": {\"name\": \"mine\"}}");
        for (String who : List.of(ADMIN, ALICE)) {
            get(bgpvpns, bgpvpns, who);
            get(bgpvpns + "/{id}", bgpvpns + "/" + vpn, who);
        }
        exchange("PUT", bgpvpns + "/{id}", bgpvpns + "/" + vpn, ALICE, "{\"bgpvpn\": {\"name\": \"renamed\"}}");
        exchange("PUT", bgpvpns + "/{id}", bgpvpns + "/" + vpn, ALICE, "{\"bgpvpn\": {\"local_pref\": 5}}");
        String assocs = bgpvpns + "/{id}/network_associations";
        String assocsOf = bgpvpns + "/" + vpn + "/network_associations";
        String assoc = exchange("POST", assocs, assocsOf, ALICE, "{\"network_association\": {\"network_id\": \""
                + net + "\"}}").at("/network_association/id").asText();
        for (String who : List.of(ADMIN, ALICE)) {
            get(assocs, assocsOf, who);
            get(assocs + "/{assoc}", assocsOf + "/" + assoc, who);
        }
        exchange("DELETE", assocs + "/{assoc}", assocsOf + "/" + assoc, ALICE, null);
        exchange("DELETE", bgpvpns + "/{id}", bgpvpns + "/" + vpn, ALICE, null);
        exchange("DELETE", bgpvpns + "/{id}", bgpvpns + "/" + vpn, ADMIN, null);

        exchange("DELETE", "/v2.0/networks/{id}", "/v2.0/networks/" + net, ALICE, null);
        exchange("DELETE", "/v2.0/ports/{id}", "/v2.0/ports/" + port, ALICE, null);
        exchange("DELETE", "/v2.0/subnets/{id}", "/v2.0/subnets/" + subnet, ALICE, null);
        exchange("DELETE", "/v2.0/networks/{id}", "/v2.0/networks/" + net, ALICE, null);

        assertThat(problems).as("answers that do not fit openapi.json").isEmpty();
        Set<String> served = new TreeSet<>();
        api.server.routes().forEach(r -> served.add(r.method() + " " + r.template()));
        assertThat(exercised).as("operations this test calls").containsExactlyInAnyOrderElementsOf(served);
    }
}
