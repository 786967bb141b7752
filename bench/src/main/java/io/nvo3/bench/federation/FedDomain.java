package io.nvo3.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.ControllerProcess;
import io.nvo3.testbed.JsonRest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One controller domain of the federation benchmark: {@code REPO/nvo3 controller} as a child process (optionally
 * under {@code taskset -c CPU}) with its own data dir, a {@code bgp:} YAML section, OVSDB/OpenFlow listeners on the
 * testbed's management address, plus the few REST calls the benchmark makes.
 */
final class FedDomain implements AutoCloseable {
    static final String PROJECT = "tenant-fed";

    final String name;
    final int apiPort;
    final int ovsdbPort;
    private final Path dir;
    private final ControllerProcess process;
    private final JsonRest rest;

    private FedDomain(String name, int apiPort, int ovsdbPort, Path dir, ControllerProcess process, JsonRest rest) {
        this.name = name;
        this.apiPort = apiPort;
        this.ovsdbPort = ovsdbPort;
        this.dir = dir;
        this.process = process;
        this.rest = rest;
    }

    /**
     * Starts {@code nvo3 controller} and waits for "nvo3 controller ready". {@code nb} is the NVE-facing address
     * (OVSDB and OpenFlow listeners), {@code cpu} a taskset CPU list or null. {@code FED_LOG_DIR=/some/dir} keeps
     * each controller's whole output there ({@code name.log}), for per-stage timing.
     */
    static FedDomain start(Path repo, String name, String bgpYaml, int apiPort, String nb, int ovsdbPort,
            int openflowPort, String cpu) throws IOException {
        Path dir = Files.createTempDirectory("nvo3-fedbench-" + name + "-");
        Path cfg = dir.resolve("nvo3.yaml");
        Files.writeString(cfg, bgpYaml);
        String logDir = System.getenv("FED_LOG_DIR");
        ControllerProcess p;
        try {
            p = ControllerProcess.start(repo, name, List.of("--config", cfg.toString(),
                    "--data-dir", dir.resolve("data").toString(), "--api", "127.0.0.1:" + apiPort,
                    "--openflow", nb + ":" + openflowPort, "--ovsdb", nb + ":" + ovsdbPort), cpu, true,
                    logDir == null ? null : Path.of(logDir).resolve(name + ".log"), Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
        return new FedDomain(name, apiPort, ovsdbPort, dir, p,
                JsonRest.local(name, apiPort, ControllerProcess.adminToken(dir.resolve("data"))));
    }

    JsonNode network(String netName, int vni) {
        return send("POST", "/v2.0/networks", Map.of("network", Map.of("name", netName, "project_id", PROJECT,
                "provider:network_type", "vxlan", "provider:segmentation_id", vni)), 201).get("network");
    }

    JsonNode subnet(String networkId, String cidr) {
        return send("POST", "/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "project_id", PROJECT,
                "ip_version", 4, "cidr", cidr)), 201).get("subnet");
    }

    JsonNode port(String networkId, String subnetId, String ip) {
        return send("POST", "/v2.0/ports", Map.of("port", Map.of("network_id", networkId, "project_id", PROJECT,
                "fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip)))), 201).get("port");
    }

    void deletePort(String id) {
        send("DELETE", "/v2.0/ports/" + id, null, 204);
    }

    String portStatus(String id) {
        return send("GET", "/v2.0/ports/" + id, null, 200).get("port").get("status").asText();
    }

    /** The Established state of every configured neighbor. */
    boolean allNeighborsEstablished() {
        JsonNode ns = send("GET", "/api/v1/bgp/neighbors", null, 200).get("neighbors");
        if (ns == null || ns.isEmpty()) {
            return false;
        }
        for (JsonNode n : ns) {
            if (!"Established".equals(n.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the neighbor at {@code address} is Established. */
    boolean neighborEstablished(String address) {
        for (JsonNode n : send("GET", "/api/v1/bgp/neighbors", null, 200).path("neighbors")) {
            if (address.equals(n.path("address").asText()) && "Established".equals(n.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    JsonNode send(String method, String path, Object body, int expect) {
        return rest.send(method, path, body, expect);
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the controller's output (for failure messages). */
    String logTail() {
        return process.tail(60);
    }

    @Override
    public void close() throws IOException {
        try {
            process.close();
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
