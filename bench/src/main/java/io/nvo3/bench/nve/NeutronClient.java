package io.nvo3.bench.nve;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.JsonRest;
import java.util.List;
import java.util.Map;

/** The three Neutron v2.0 calls the plug benchmark makes, over java.net.http, as a cloud would make them. */
final class NeutronClient {
    private final JsonRest rest;

    NeutronClient(int port, String token) {
        this.rest = JsonRest.local("NeutronClient", port, token);
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

    private JsonNode post(String path, Object body) {
        return rest.post(path, body);
    }
}
