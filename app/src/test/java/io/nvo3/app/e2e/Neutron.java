package io.nvo3.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.JsonRest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal Neutron v2.0 (and native /api/v1) client over java.net.http, as a cloud would call it. */
final class Neutron {
    private final JsonRest rest;

    Neutron(int port, String token) {
        this.rest = JsonRest.local("Neutron", port, token);
    }

    JsonNode network(String project, String name) {
        return post("/v2.0/networks", Map.of("network", Map.of("name", name, "project_id", project))).get("network");
    }

    JsonNode subnet(String project, String networkId, String cidr) {
        return post("/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "project_id", project,
                "ip_version", 4, "cidr", cidr))).get("subnet");
    }

    JsonNode port(String project, String networkId, String subnetId, String ip) {
        return post("/v2.0/ports", Map.of("port", Map.of("network_id", networkId, "project_id", project,
                "fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip))))).get("port");
    }

    JsonNode getPort(String id) {
        return send("GET", "/v2.0/ports/" + id, null, 200).get("port");
    }

    JsonNode allowAddressPair(String portId, String ip) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allowed_address_pairs", List.of(Map.of("ip_address", ip)));
        return send("PUT", "/v2.0/ports/" + portId, Map.of("port", body), 200).get("port");
    }

    void deletePort(String id) {
        send("DELETE", "/v2.0/ports/" + id, null, 204);
    }

    List<JsonNode> nves() {
        List<JsonNode> out = new ArrayList<>();
        send("GET", "/api/v1/nves", null, 200).get("nves").forEach(out::add);
        return out;
    }

    private JsonNode post(String path, Object body) {
        return send("POST", path, body, 201);
    }

    private JsonNode send(String method, String path, Object body, int expect) {
        return rest.send(method, path, body, expect);
    }
}
