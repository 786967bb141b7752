package io.nvo3.app.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.testbed.LoopbackPorts;
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
import org.awaitility.Awaitility;

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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final String bgpAddress;
    final int bgpPort;
    final int apiPort;
    final int ovsdbPort;
    final int openflowPort;
    final Path dir;
    private String bgpSection = "";
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;
    private String token;

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
        output.add("=== nvo3 controller " + name + " starting");
        int from = output.size();
        Process p = new ProcessBuilder(REPO.resolve("nvo3").toString(), "controller", "--config", cfg.toString(),
                "--data-dir", dir.resolve("data").toString(), "--api", "127.0.0.1:" + apiPort,
                "--openflow", "0.0.0.0:" + openflowPort, "--ovsdb", "0.0.0.0:" + ovsdbPort)
                .redirectErrorStream(true).start();
        process = p;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    output.add(l);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "nvo3-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        Awaitility.await().atMost(UP).until(() -> output.subList(from, output.size()).stream()
                .anyMatch(l -> l.contains("nvo3 controller ready")) || !p.isAlive());
        if (!p.isAlive()) {
            throw new IllegalStateException(name + " did not start:\n" + String.join("\n", output));
        }
        token = Files.readAllLines(dir.resolve("data").resolve("admin-token")).get(0).split("\\s+")[0];
    }

    /** SIGTERM (the shutdown hook closes the runtime), then the same command again. */
    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    boolean saw(String text) {
        return output.stream().anyMatch(l -> l.contains(text));
    }

    String log() {
        List<String> l = new ArrayList<>(output);
        return String.join("\n", l.subList(Math.max(0, l.size() - 200), l.size()));
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
        return send("GET", path, null, 200);
    }

    /** A GET answering text (e.g. /metrics). */
    String text(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                    .timeout(Duration.ofSeconds(30)).header("X-Auth-Token", token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + ": GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code nvo3 bgp ARGS --api .. --token ..} in this JVM; its standard output (exit code must be 0). */
    synchronized String bgpCli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api", "127.0.0.1:" + apiPort, "--token", token));
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
        return send("POST", path, body, 201);
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
    public void close() throws InterruptedException, IOException {
        Path logs = REPO.resolve("app/target/federation-logs");
        Files.createDirectories(logs);
        Files.write(logs.resolve(dir.getFileName() + ".log"), output);
        try {
            if (process != null) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
