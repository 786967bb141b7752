package io.nvo3.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One controller domain of the federation benchmark: {@code REPO/nvo3 controller} as a child process (optionally
 * under {@code taskset -c CPU}) with its own data dir, a {@code bgp:} YAML section, OVSDB/OpenFlow listeners on the
 * testbed's management address, plus the few REST calls the benchmark makes.
 */
final class FedDomain implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String PROJECT = "tenant-fed";

    final String name;
    final int apiPort;
    final int ovsdbPort;
    private final Path dir;
    private final Process process;
    private final List<String> output;
    private final String token;

    private FedDomain(String name, int apiPort, int ovsdbPort, Path dir, Process process, List<String> output,
            String token) {
        this.output = output;
        this.name = name;
        this.apiPort = apiPort;
        this.ovsdbPort = ovsdbPort;
        this.dir = dir;
        this.process = process;
        this.token = token;
    }

    /**
     * Starts {@code nvo3 controller} and waits for "nvo3 controller ready". {@code nb} is the NVE-facing address
     * (OVSDB and OpenFlow listeners), {@code cpu} a taskset CPU list or null.
     */
    static FedDomain start(Path repo, String name, String bgpYaml, int apiPort, String nb, int ovsdbPort,
            int openflowPort, String cpu) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("nvo3-fedbench-" + name + "-");
        Path cfg = dir.resolve("nvo3.yaml");
        Files.writeString(cfg, bgpYaml);
        List<String> cmd = new ArrayList<>();
        if (cpu != null) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        cmd.addAll(List.of(repo.resolve("nvo3").toString(), "controller", "--config", cfg.toString(),
                "--data-dir", dir.resolve("data").toString(), "--api", "127.0.0.1:" + apiPort,
                "--openflow", nb + ":" + openflowPort, "--ovsdb", nb + ":" + ovsdbPort));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new CopyOnWriteArrayList<>();
        // FED_LOG_DIR=/some/dir keeps each controller's whole output there (name.log), for per-stage timing.
        String logDir = System.getenv("FED_LOG_DIR");
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 java.io.Writer log = logDir == null ? java.io.Writer.nullWriter()
                         : Files.newBufferedWriter(Path.of(logDir).resolve(name + ".log"), StandardCharsets.UTF_8)) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    log.write(l);
                    log.write('\n');
                    out.add(l);
                    if (l.contains("ERROR") || l.contains("WARN")) {
                        System.err.println("[" + name + "] " + l);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "nvo3-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (out.stream().noneMatch(l -> l.contains("nvo3 controller ready"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                deleteTree(dir);
                throw new IllegalStateException(name + " did not start:\n" + String.join("\n", out));
            }
            Thread.sleep(50); // startup wait, not part of any figure
        }
        String token = Files.readAllLines(dir.resolve("data").resolve("admin-token")).get(0).trim().split("\\s+")[0];
        return new FedDomain(name, apiPort, ovsdbPort, dir, p, out, token);
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
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                    .timeout(Duration.ofSeconds(30)).header("X-Auth-Token", token).header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expect) {
                throw new IllegalStateException(name + ": " + method + " " + path + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the controller's output (for failure messages). */
    String logTail() {
        List<String> l = new ArrayList<>(output);
        return String.join("\n", l.subList(Math.max(0, l.size() - 60), l.size()));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
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
