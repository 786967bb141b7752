package io.nvo3.bench.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The few Neutron and native API calls the pull benchmarks make. */
final class Rest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    Rest(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
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
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("X-Auth-Token", token).header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expect) {
                throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
