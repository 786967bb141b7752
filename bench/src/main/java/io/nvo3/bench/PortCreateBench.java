package io.nvo3.bench;

import io.nvo3.testbed.ControllerProcess;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Port creation through the Neutron API with the embedded store: the controller as a child process
 * pinned to CPU 0, this load generator on CPU 1 (run it with taskset -c 1).
 *
 * <p>Usage: {@code PortCreateBench REPO_DIR [PORTS=20000] [CONCURRENCY=32] [CONTROLLER_FLAG...]}, e.g. a trailing
 * {@code --store-fsync false}. Reports ports/s, p50/p99/max
 * latency, and the controller's RSS and heap.
 */
public final class PortCreateBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int ports = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path dataDir = Files.createTempDirectory("nvo3-bench-ports");
        int apiPort = 19_696;
        List<String> ctlArgs = new java.util.ArrayList<>(List.of("--data-dir", dataDir.toString(),
                "--api", "127.0.0.1:" + apiPort, "--openflow", "127.0.0.1:0", "--ovsdb", "127.0.0.1:0"));
        ctlArgs.addAll(List.of(args).subList(Math.min(3, args.length), args.length));
        try (ControllerProcess process = ControllerProcess.start(repo, "controller", ctlArgs,
                // -Dctl.cpu=none runs the controller on both cores (the whole 2-core machine), default: CPU 0 only
                "none".equals(System.getProperty("ctl.cpu", "0")) ? null : System.getProperty("ctl.cpu", "0"),
                true, null, Duration.ofSeconds(120))) {
            Target ctl = new Target("http://127.0.0.1:" + apiPort, ControllerProcess.adminToken(dataDir));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            // Tenant subnets come from the documentation range 203.0.113.0/24 (overlapping across networks, as
            // tenants do), 240 ports per network so no pool runs out.
            int warmup = Math.min(2_000, Math.max(1, ports / 10));
            int networks = (ports + warmup + 239) / 240;
            String[] netIds = new String[networks];
            for (int i = 0; i < networks; i++) {
                JsonNode net = post(http, ctl, "/v2.0/networks", "{\"network\":{\"name\":\"bench" + i + "\"}}");
                netIds[i] = net.path("network").path("id").asText();
                post(http, ctl, "/v2.0/subnets", "{\"subnet\":{\"network_id\":\"" + netIds[i]
                        + "\",\"ip_version\":4,\"cidr\":\"203.0.113.0/24\"}}");
            }
            // warm-up
            run(http, ctl, netIds, warmup, concurrency);
            long heapBefore = heap(http, ctl);
            Result r = run(http, ctl, netIds, ports, concurrency);
            long rss = process.rssBytes();
            long heap = heap(http, ctl);
            System.out.printf("port-create: %d ports, concurrency %d: %.0f ports/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d%n",
                    ports, concurrency, r.rate, r.p50, r.p99, r.max, r.errors);
            System.out.printf("controller: RSS %d MB, heap used %d MB (before run %d MB)%n",
                    rss >> 20, heap >> 20, heapBefore >> 20);
        } finally {
            try (var s = Files.walk(dataDir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Result(double rate, double p50, double p99, double max, int errors) {}

    /** Where the controller's API is and the admin token it generated. */
    record Target(String api, String adminToken) {}

    static Result run(HttpClient http, Target ctl, String[] netIds, int n, int concurrency) throws Exception {
        long[] lat = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstError = new AtomicLong();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        String body = "{\"port\":{\"network_id\":\"" + netIds[i % netIds.length] + "\",\"name\":\"p" + i
                                + "\",\"device_owner\":\"compute:nova\",\"device_id\":\"vm-" + i + "\"}}";
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> res = http.send(request(ctl, "/v2.0/ports")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            if (res.statusCode() != 201) {
                                if (errors.getAndIncrement() == 0) {
                                    System.err.println("first error: " + res.statusCode() + " " + res.body());
                                }
                            }
                        } catch (Exception e) {
                            if (errors.getAndIncrement() == 0) {
                                firstError.set(1);
                                System.err.println("first error: " + e);
                            }
                        }
                        lat[i] = System.nanoTime() - s;
                    }
                    return null;
                });
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(lat);
        return new Result(n / secs, lat[n / 2] / 1e6, lat[(int) (n * 0.99)] / 1e6, lat[n - 1] / 1e6, errors.get());
    }

    static HttpRequest.Builder request(Target ctl, String path) {
        return HttpRequest.newBuilder(URI.create(ctl.api() + path)).header("X-Auth-Token", ctl.adminToken())
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
    }

    static JsonNode post(HttpClient http, Target ctl, String path, String body) throws Exception {
        HttpResponse<String> res = http.send(request(ctl, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() >= 300) {
            throw new IllegalStateException(path + " -> " + res.statusCode() + " " + res.body());
        }
        return JSON.readTree(res.body());
    }

    /** Heap in use, from the controller's Prometheus endpoint (jvm_memory_used_bytes, area heap). */
    static long heap(HttpClient http, Target ctl) throws Exception {
        HttpResponse<String> res = http.send(request(ctl, "/metrics").GET().build(), HttpResponse.BodyHandlers.ofString());
        long sum = 0;
        for (String line : res.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
