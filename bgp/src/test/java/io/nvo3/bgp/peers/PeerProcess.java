package io.nvo3.bgp.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real daemon (gobgpd, bgpd, bird, exabgp) started by a test: its own temp dir, its own
 * 127.0.0.x address and port, killed with its whole process tree on {@link #close()} and, as a
 * backstop, when the JVM exits.
 */
public abstract class PeerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerProcess.class);

    protected final String name;
    protected final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook;
    private volatile boolean closed;

    protected PeerProcess(String name) {
        this.name = name;
        try {
            this.dir = Files.createTempDirectory("nvo3-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.shutdownHook = new Thread(this::killAll, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public Path dir() {
        return dir;
    }

    /** Starts a long-running process whose stdout and stderr go to {@code dir/<logName>}. */
    protected Process spawn(String logName, List<String> command) {
        try {
            var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(logName).toFile());
            Process p = pb.start();
            processes.add(p);
            LOG.info("{}: started pid {}: {}", name, p.pid(), String.join(" ", command));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    /** Runs a short command to completion and returns its stdout; fails on a non-zero exit. */
    protected String run(List<String> command) {
        Result r = tryRun(command);
        if (r.exit() != 0) {
            throw new IllegalStateException(name + ": " + String.join(" ", command) + " exited " + r.exit()
                    + ": " + r.output());
        }
        return r.output();
    }

    public record Result(int exit, String output) {}

    protected Result tryRun(List<String> command) {
        try {
            Path out = Files.createTempFile(dir, "cmd", ".out");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + ": timeout: " + String.join(" ", command));
            }
            String s = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            return new Result(p.exitValue(), s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected void write(String file, String content) {
        try {
            Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The daemon's log so far, for assertion messages. */
    public String log(String logName) {
        try {
            Path p = dir.resolve(logName);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    /**
     * Waits until {@code ready} holds (e.g. the control socket answers), failing early with the log
     * when the daemon exits.
     */
    protected void awaitReady(String what, String logName, java.util.function.BooleanSupplier ready) {
        try {
            org.awaitility.Awaitility.await(name + " " + what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!alive()) {
                            throw new IllegalStateException(name + " exited: " + log(logName));
                        }
                        return ready.getAsBoolean();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException(name + ": " + what + " did not happen: " + log(logName), e);
        }
    }

    public boolean alive() {
        return !processes.isEmpty() && processes.stream().allMatch(Process::isAlive);
    }

    /** Kills the daemons (SIGTERM, then SIGKILL after 5 s) but keeps the temp dir, for restarts. */
    protected void stopProcesses() {
        for (Process p : processes) {
            kill(p.toHandle(), Duration.ofSeconds(5));
        }
        processes.clear();
    }

    /** Kills hard (SIGKILL), as a crash would. */
    protected void crashProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static void kill(ProcessHandle h, Duration grace) {
        List<ProcessHandle> children = h.descendants().toList();
        h.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private synchronized void killAll() {
        stopProcesses();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already in the hook
        }
        if (!Boolean.getBoolean("nvo3.keepPeerDirs")) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("{}: cannot delete {}: {}", name, dir, e.toString());
            }
        }
    }
}
