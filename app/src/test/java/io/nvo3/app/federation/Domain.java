package io.nvo3.app.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.testbed.ControllerProcess;
import io.nvo3.testbed.JsonRest;
import io.nvo3.testbed.LoopbackPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One controller domain: {@code ./nvo3 controller} as a child process with its own data dir, API/OVSDB/OpenFlow ports
 * (OVSDB and OpenFlow on 0.0.0.0 so the testbed's hypervisors reach it on 198.19.0.254) and a {@code bgp:} section,
 * plus a small REST client. {@link #restart()} stops it with SIGTERM and starts it again on the same ports and data.
 * Needs {@code mvn -o install -DskipTests} of the app first (the launcher runs app/target/nvo3.jar).
 */
final class Domain implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration UP = Duration.ofSeconds(60);

    final String name;
    final String bgpAddress;
    final int bgpPort;
    final int apiPort;
    final int ovsdbPort;
    final int openflowPort;
    final Path dir;
    private String bgpSection = "";
    private final List<String> earlier = new ArrayList<>();
    private ControllerProcess process;
    private JsonRest rest;

    Domain(String name, String bgpAddress) throws IOException {
        this.name = name;
        this.bgpAddress = bgpAddress;
        this.bgpPort = LoopbackPorts.freePort(bgpAddress);
        this.apiPort = LoopbackPorts.freePort("127.0.0.1");
        this.ovsdbPort = LoopbackPorts.freePort("127.0.0.1");
        this.openflowPort = LoopbackPorts.freePort("127.0.0.1");
        this.dir = Files.createTempDirectory("nvo3-fed-" + name + "-");
    }

    /** The YAML {@code bgp:} section; {@code %ADDR%} and {@code %PORT%} stand for this domain's BGP listener. */
    Domain bgp(String section) {
        this.bgpSection = section;
        return this;
    }

    /** Fills in this domain's own BGP listen address and port. */
    String bgpYaml() {
        return bgpSection.replace("%ADDR%", bgpAddress).replace("%PORT%", Integer.toString(bgpPort));
    }

    void start() throws IOException {
        Path cfg = dir.resolve("nvo3.yaml");
        Files.writeString(cfg, bgpYaml());
        if (process != null) {
            earlier.addAll(process.output());
            earlier.add("=== nvo3 controller " + name + " restarting");
        }
        process = ControllerProcess.start(REPO, name, List.of("--config", cfg.toString(),
                "--data-dir", dir.resolve("data").toString(), "--api", "127.0.0.1:" + apiPort,
                "--openflow", "0.0.0.0:" + openflowPort, "--ovsdb", "0.0.0.0:" + ovsdbPort), null, false, null, UP);
        rest = JsonRest.local(name, apiPort, ControllerProcess.adminToken(dir.resolve("data")));
    }

    /** SIGTERM (the shutdown hook closes the runtime), then the same command again. */
    void restart() throws IOException {
        stop();
        start();
    }

    void stop() {
        if (process != null) {
            process.close();
        }
    }

    boolean saw(String text) {
        return process != null && process.saw(text);
    }

    String log() {
        return process == null ? "" : process.tail(200);
    }

    // ------------------------------------------------------------------ REST

    JsonNode network(String name, int vni) {
        return send("POST", "/v2.0/networks", Map.of("network", Map.of("name", name, "project_id", "tenant-a",
                "provider:network_type", "vxlan", "provider:segmentation_id", vni)), 201).get("network");
    }

    JsonNode subnet(String networkId, String cidr) {
        return send("POST", "/v2.0/subnets", Map.of("subnet", Map.of("network_id", networkId, "project_id", "tenant-a",
                "ip_version", 4, "cidr", cidr)), 201).get("subnet");
    }

    JsonNode port(String networkId, String subnetId, String ip) {
        return send("POST", "/v2.0/ports", Map.of("port", Map.of("network_id", networkId, "project_id", "tenant-a",
                "fixed_ips", List.of(Map.of("subnet_id", subnetId, "ip_address", ip)))), 201).get("port");
    }

    String portStatus(String id) {
        return send("GET", "/v2.0/ports/" + id, null, 200).get("port").get("status").asText();
    }

    void deletePort(String id) {
        send("DELETE", "/v2.0/ports/" + id, null, 204);
    }

    JsonNode get(String path) {
        return rest.get(path);
    }

    /** A GET answering text (e.g. /metrics). */
    String text(String path) {
        return rest.text(path);
    }

    /** {@code nvo3 bgp ARGS --api .. --token ..} in this JVM; its standard output (exit code must be 0). */
    synchronized String bgpCli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", "127.0.0.1:" + apiPort, "--token", rest.token()));
        java.io.PrintStream before = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int exit;
        try (java.io.PrintStream capture = new java.io.PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = new picocli.CommandLine(new io.nvo3.app.cli.BgpCommands()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(before);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException("nvo3 bgp " + String.join(" ", args) + " exited " + exit + ": " + out);
        }
        return out;
    }

    JsonNode post(String path, Object body) {
        return rest.post(path, body);
    }

    JsonNode send(String method, String path, Object body, int expect) {
        return rest.send(method, path, body, expect);
    }

    /** The Established state of every neighbor, from {@code GET /api/v1/bgp/neighbors}. */
    boolean allNeighborsEstablished() {
        JsonNode ns = get("/api/v1/bgp/neighbors").get("neighbors");
        if (ns.isEmpty()) {
            return false;
        }
        for (JsonNode n : ns) {
            if (!"Established".equals(n.get("state").asText())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        Path logs = REPO.resolve("app/target/federation-logs");
        Files.createDirectories(logs);
        List<String> all = new ArrayList<>(earlier);
        if (process != null) {
            all.addAll(process.output());
        }
        Files.write(logs.resolve(dir.getFileName() + ".log"), all);
        try {
            stop();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
