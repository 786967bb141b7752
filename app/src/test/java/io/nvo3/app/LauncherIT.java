package io.nvo3.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher contract, as an operator uses it: `./nvo3 controller` as a child process. */
class LauncherIT {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Controller> started = new ArrayList<>();

    @TempDir
    Path tmp;

    record Controller(Process process, List<String> output) {
        boolean saw(String text) {
            return output.stream().anyMatch(l -> l.contains(text));
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Controller c : started) {
            c.process.destroyForcibly();
            c.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Controller launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("nvo3").toString(), "controller"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    out.add(l);
                }
            } catch (IOException ignored) {
                // process gone
            }
        });
        pump.setDaemon(true);
        pump.start();
        Controller c = new Controller(p, out);
        started.add(c);
        return c;
    }

    private Controller launchReady(Path dataDir, int port) throws IOException {
        Controller c = launch("--data-dir", dataDir.toString(), "--api", "127.0.0.1:" + port,
                "--openflow", "127.0.0.1:0", "--ovsdb", "127.0.0.1:0");
        await().atMost(Duration.ofSeconds(60)).until(() -> c.saw(" ready") || !c.process.isAlive());
        assertThat(c.saw(" ready")).as("ready line in %s", c.output).isTrue();
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String token(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("admin-token")).get(0).split("\\s+")[0];
    }

    private HttpResponse<String> createNetwork(int port, String token, String name) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2.0/networks"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"network\":{\"name\":\"" + name + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void printsOneReadyLineWithItsAddressesAndStopsCleanlyOnSigterm() throws Exception {
        Path data = tmp.resolve("data");
        int port = freePort();
        Controller c = launchReady(data, port);
        assertThat(c.output.stream().filter(l -> l.contains(" ready")).toList()).singleElement().satisfies(line ->
                assertThat(line).contains("api=http://127.0.0.1:" + port).contains("openflow=").contains("ovsdb="));
        assertThat(token(data)).hasSizeGreaterThan(20);

        // Process.destroy() would also close our end of its output; send SIGTERM as an operator's kill does.
        new ProcessBuilder("kill", "-TERM", Long.toString(c.process.pid())).start().waitFor();
        assertThat(c.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(c.process.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> c.saw("nvo3 controller stopped"));
    }

    @Test
    void reusesTheGeneratedAdminTokenAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        int port = freePort();
        Controller first = launchReady(data, port);
        String token = token(data);
        assertThat(createNetwork(port, token, "before").statusCode()).isEqualTo(201);
        first.process.destroy();
        first.process.waitFor(30, TimeUnit.SECONDS);

        launchReady(data, port);
        assertThat(token(data)).isEqualTo(token);
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2.0/networks?name=before"))
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(list.body()).path("networks")).hasSize(1);
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
        Path data = tmp.resolve("data");
        int port = freePort();
        Controller c = launchReady(data, port);
        String token = token(data);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int id = w;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HttpResponse<String> r = createNetwork(port, token, "w" + id + "-" + i);
                        if (r.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(r.body()).path("network").path("id").asText());
                        }
                    } catch (Exception e) {
                        return; // the controller died under us: the write was not acknowledged
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
        c.process.destroyForcibly(); // SIGKILL while writes are in flight
        c.process.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread t : writers) {
            t.join(10_000);
        }
        Set<String> ackedAtKill = new HashSet<>(acknowledged);

        launchReady(data, port);
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2.0/networks?fields=id"))
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofString());
        Set<String> present = new HashSet<>();
        for (JsonNode n : JSON.readTree(list.body()).path("networks")) {
            present.add(n.path("id").asText());
        }
        assertThat(present).containsAll(ackedAtKill);
    }

    @Test
    void aTakenPortIsOneClearErrorLineAndANonZeroExit() throws Exception {
        int port = freePort();
        launchReady(tmp.resolve("a"), port);
        Controller second = launch("--data-dir", tmp.resolve("b").toString(), "--api", "127.0.0.1:" + port,
                "--openflow", "127.0.0.1:0", "--ovsdb", "127.0.0.1:0");
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isNotZero();
        assertThat(second.output).anySatisfy(l -> assertThat(l).startsWith("nvo3 controller: ")
                .contains("127.0.0.1:" + port).contains("already in use"));
        assertThat(second.output).noneMatch(l -> l.contains("\tat ") || l.contains("Exception in thread"));
    }

    @Test
    void anUnwritableDataDirOrABadConfigIsOneClearErrorLine() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("a-file"), "x");
        Controller c = launch("--data-dir", blocker.resolve("sub").toString());
        assertThat(c.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(c.process.exitValue()).isNotZero();
        assertThat(c.output).singleElement().satisfies(l -> assertThat(l).contains("data dir").contains("a-file/sub"));

        Path cfg = Files.writeString(tmp.resolve("nvo3.yaml"), "api: 127.0.0.1:1\nopenflw: 0.0.0.0:6653\n");
        Controller d = launch("--config", cfg.toString());
        assertThat(d.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(d.process.exitValue()).isNotZero();
        assertThat(d.output).singleElement().satisfies(l -> assertThat(l).contains("unknown key openflw"));
    }
}
