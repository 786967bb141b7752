package io.nvo3.ovsdb;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway ovsdb-server with the Open_vSwitch schema in a temp dir, in the root namespace, listening only on a
 * unix socket in that dir and connecting out to whatever Manager rows say
 * ({@code --remote=db:Open_vSwitch,Open_vSwitch,manager_options}). No ovs-vswitchd: use {@link #vsctl} (which
 * adds {@code --no-wait}). {@link #close()} kills it and removes the dir.
 */
public final class OvsdbServerProcess implements AutoCloseable {
    public static final Path SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    private final Path dir;
    private Process process;

    private OvsdbServerProcess(Path dir) {
        this.dir = dir;
    }

    /** Creates the database ({@code ovsdb-tool create}), starts the server and runs {@code ovs-vsctl init}. */
    public static OvsdbServerProcess start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("nvo3-ovsdb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OvsdbServerProcess p = new OvsdbServerProcess(dir);
        try {
            run(List.of("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA.toString()));
            p.launch();
            p.vsctl("init");
            return p;
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    private void launch() {
        Path sock = socket();
        try {
            Files.deleteIfExists(sock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder pb = new ProcessBuilder("ovsdb-server", dir.resolve("conf.db").toString(),
                "--remote=punix:" + sock,
                "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                "--pidfile=" + dir.resolve("p.pid"),
                "--unixctl=" + dir.resolve("ctl"),
                "--log-file=" + dir.resolve("ovsdb-server.log"),
                "-vconsole:off")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ovsdb-server.out").toFile());
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ovsdb-server", e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(sock) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("ovsdb-server exited: " + log());
        }
    }

    public Path dir() {
        return dir;
    }

    public Path socket() {
        return dir.resolve("db.sock");
    }

    public UnixDomainSocketAddress socketAddress() {
        return UnixDomainSocketAddress.of(socket());
    }

    public long pid() {
        return process.pid();
    }

    /** {@code ovs-vsctl --db=unix:SOCK --no-wait --timeout=10 ARGS}; returns stdout, throws on failure. */
    public String vsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + socket(), "--no-wait", "--timeout=10"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** SIGKILL, as a crashed hypervisor would look. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same database (Manager rows and all). */
    public void restart() {
        kill();
        launch();
    }

    public String log() {
        try {
            Path f = dir.resolve("ovsdb-server.log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
