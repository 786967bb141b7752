package io.nvo3.app.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small client of the Neutron and native APIs, as a cloud would call them. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    Api(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
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
        try {
            return exchange(method, path, body).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> exchange(String method, String path, Object body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", token).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private JsonNode send(String method, String path, Object body, int expect) {
        try {
            HttpResponse<String> r = exchange(method, path, body);
            if (r.statusCode() != expect) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
