package io.nvo3.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./nvo3 controller ARGS} as an operator starts it, in a child process: its output is kept (and optionally
 * written to a file and its WARN/ERROR lines echoed), {@link #start} returns once it logged that it is ready, and
 * {@link #close} stops it with SIGTERM (its shutdown hook closes everything), then SIGKILL if it hangs.
 */
public final class ControllerProcess implements AutoCloseable {
    /** The launcher's line once every listener is up. */
    public static final String READY = "nvo3 controller ready";

    private final String name;
    private final Process process;
    private final List<String> output;

    private ControllerProcess(String name, Process process, List<String> output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * @param repo    the repository whose {@code nvo3} launcher runs (app/target/nvo3.jar must be built)
     * @param name    for messages and echoed lines ({@code [name] ...})
     * @param args    what follows {@code nvo3 controller}
     * @param cpu     a taskset CPU list to pin it to, or null
     * @param echo    echo WARN/ERROR lines (and everything before ready) to stderr
     * @param logFile also write every line there, or null
     */
    public static ControllerProcess start(Path repo, String name, List<String> args, String cpu, boolean echo,
                                          Path logFile, Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (cpu != null) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        cmd.add(repo.resolve("nvo3").toString());
        cmd.add("controller");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // Not a CopyOnWriteArrayList: a controller that logs per request would make every line copy them all.
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer log = logFile == null ? Writer.nullWriter()
                         : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                boolean ready = false;
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    out.add(l);
                    log.write(l);
                    log.write('\n');
                    ready |= l.contains(READY);
                    if (echo && (!ready || l.contains("ERROR") || l.contains("WARN"))) {
                        System.err.println("[" + name + "] " + l);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "nvo3-" + name + "-output");
        pump.setDaemon(true);
        pump.start();
        ControllerProcess c = new ControllerProcess(name, p, out);
        try {
            Await.until(name + " ready", timeout, () -> c.saw(READY) || !p.isAlive());
        } catch (ConditionTimeoutException e) {
            c.close();
            throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + c.tail(200), e);
        }
        if (!p.isAlive()) {
            throw new IllegalStateException(name + " exited (" + p.exitValue() + ") before ready:\n" + c.tail(200));
        }
        return c;
    }

    /** The admin token the controller generated into its data directory. */
    public static String adminToken(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve("admin-token")).get(0).trim().split("\\s+")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean saw(String text) {
        synchronized (output) {
            for (String l : output) {
                if (l.contains(text)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every line so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** The last {@code lines} lines, joined. */
    public String tail(int lines) {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident set size, from /proc. */
    public long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** SIGTERM and wait (20 s), then SIGKILL. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
