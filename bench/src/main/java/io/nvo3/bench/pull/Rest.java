package io.nvo3.bench.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.JsonRest;
import java.util.List;
import java.util.Map;

/** The few Neutron and native API calls the pull benchmarks make. */
final class Rest {
    private final JsonRest rest;

    Rest(int port, String token) {
        this.rest = JsonRest.local("Rest", port, token);
    }

    String network(String project, String name) {
        return send("POST", "/v2.0/networks", Map.of("network", Map.of("name", name, "project_id", project)), 201)
                .get("network").get("id").asText();
    }

    String subnet(String project, String networkId, String cidr) {
        return send("POST", "/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "project_id", project,
                "ip_version", 4, "cidr", cidr)), 201).get("subnet").get("id").asText();
    }

    JsonNode port(String project, String networkId, String subnetId, String ip) {
        return send("POST", "/v2.0/ports", Map.of("port", Map.of("network_id", networkId, "project_id", project,
                "fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip)))), 201).get("port");
    }

    String portStatus(String id) {
        return send("GET", "/v2.0/ports/" + id, null, 200).get("port").get("status").asText();
    }

    void fibPolicy(String networkId, String mode) {
        send("PUT", "/api/v1/networks/" + networkId + "/fib-policy", Map.of("mode", mode), 200);
    }

    JsonNode nves() {
        return send("GET", "/api/v1/nves", null, 200).get("nves");
    }

    private JsonNode send(String method, String path, Object body, int expect) {
        return rest.send(method, path, body, expect);
    }
}
