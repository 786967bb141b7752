package io.nvo3.app.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.JsonRest;
import java.util.List;
import java.util.Map;

/** A small client of the Neutron and native APIs, as a cloud would call them. */
final class Api {
    private final JsonRest rest;

    Api(int port, String token) {
        this.rest = JsonRest.local("Api", port, token);
    }

    JsonNode network(String project, String name) {
        return send("POST", "/v2.0/networks", Map.of("network", Map.of("name", name, "project_id", project)), 201)
                .get("network");
    }

    JsonNode subnet(String project, String networkId, String cidr) {
        return send("POST", "/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "project_id", project,
                "ip_version", 4, "cidr", cidr)), 201).get("subnet");
    }

    JsonNode port(String project, String networkId, String subnetId, String ip) {
        return send("POST", "/v2.0/ports", Map.of("port", Map.of("network_id", networkId, "project_id", project,
                "fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip)))), 201).get("port");
    }

    JsonNode neutronPort(String id) {
        return send("GET", "/v2.0/ports/" + id, null, 200).get("port");
    }

    JsonNode neutronNetwork(String id) {
        return send("GET", "/v2.0/networks/" + id, null, 200).get("network");
    }

    JsonNode updatePort(String id, Map<String, Object> attrs) {
        return send("PUT", "/v2.0/ports/" + id, Map.of("port", attrs), 200).get("port");
    }

    JsonNode tenantSystem(String id) {
        return send("GET", "/api/v1/tenant-systems/" + id, null, 200);
    }

    JsonNode setTenantSystem(String id, Map<String, Object> body) {
        return send("PUT", "/api/v1/tenant-systems/" + id, body, 200);
    }

    JsonNode move(String id, String to) {
        return send("POST", "/api/v1/tenant-systems/" + id + "/move", Map.of("to", to), 202);
    }

    JsonNode fibPolicy(String networkId, String mode) {
        return send("PUT", "/api/v1/networks/" + networkId + "/fib-policy", Map.of("mode", mode), 200)
                .get("fib_policy");
    }

    JsonNode redirects() {
        return send("GET", "/api/v1/mobility/redirects", null, 200).get("redirects");
    }

    JsonNode nve(String systemId) {
        for (JsonNode n : send("GET", "/api/v1/nves", null, 200).get("nves")) {
            if (systemId.equals(n.path("system_id").asText())) {
                return n;
            }
        }
        throw new AssertionError("no NVE " + systemId);
    }

    int status(String method, String path, Object body) {
        return rest.status(method, path, body);
    }

    private JsonNode send(String method, String path, Object body, int expect) {
        return rest.send(method, path, body, expect);
    }
}
