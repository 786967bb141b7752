package io.nvo3.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A `nvo3 controller` child process, as an operator starts it, for end-to-end benchmarks. */
final class ControllerProcess implements AutoCloseable {
    final Process process;
    final String api;
    final String adminToken;

    private ControllerProcess(Process process, String api, String adminToken) {
        this.process = process;
        this.api = api;
        this.adminToken = adminToken;
    }

    /** Starts the launcher of the repository at {@code repo}, optionally pinned to one CPU with taskset. */
    static ControllerProcess start(Path repo, Path dataDir, int apiPort, String cpu, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (cpu != null) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        cmd.addAll(List.of(repo.resolve("nvo3").toString(), "controller", "--data-dir", dataDir.toString(),
                "--api", "127.0.0.1:" + apiPort, "--openflow", "127.0.0.1:0", "--ovsdb", "127.0.0.1:0"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.contains(" ready")) {
                        ready.complete(null);
                    }
                    if (line.contains("ERROR") || line.contains("WARN") || !ready.isDone()) {
                        System.err.println("[controller] " + line);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("controller exited before ready"));
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, "controller-log");
        pump.setDaemon(true);
        pump.start();
        ready.get(120, TimeUnit.SECONDS);
        String token = Files.readAllLines(dataDir.resolve("admin-token")).get(0).trim().split("\\s+")[0];
        return new ControllerProcess(p, "http://127.0.0.1:" + apiPort, token);
    }

    /** Resident set size of the controller JVM, from /proc. */
    long rssBytes() throws IOException {
        long pid = process.pid();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
