package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ovsdb-server and ovs-vswitchd of one hypervisor, each with its rundir, dbdir and logdir in
 * {@code dir} (a shared default rundir would make their control sockets collide).
 */
final class OvsDaemons {
    static final String SCHEMA_PROPERTY = "nvo3.testbed.ovsSchema";
    private static final Path DEFAULT_SCHEMA = Path.of("/usr/share/openvswitch/vswitch.ovsschema");

    private final String ns;
    private final Path dir;
    private final Map<String, String> env;

    OvsDaemons(String ns, Path dir) {
        this.ns = ns;
        this.dir = dir;
        this.env = Map.of("OVS_RUNDIR", dir.toString(), "OVS_DBDIR", dir.toString(), "OVS_LOGDIR",
                dir.toString());
    }

    Map<String, String> env() {
        return env;
    }

    Path dir() {
        return dir;
    }

    String dbSocket() {
        return "unix:" + dir.resolve("db.sock");
    }

    static Path schema() {
        Path p = Path.of(System.getProperty(SCHEMA_PROPERTY, DEFAULT_SCHEMA.toString()));
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no OVS schema at " + p + " (install openvswitch-switch, or set -D"
                    + SCHEMA_PROPERTY + " to the path `dpkg -L openvswitch-switch | grep vswitch.ovsschema` shows)");
        }
        return p;
    }

    void createDatabase() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessRunner.check("ovsdb-tool", "create", dir.resolve("conf.db").toString(), schema().toString());
    }

    void startOvsdbServer() {
        // --detach returns once the server listens; the pidfile lets close() and cleanupStale() find it.
        run(Netns.exec(ns, "ovsdb-server", dir.resolve("conf.db").toString(),
                "--remote=punix:" + dir.resolve("db.sock"),
                "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
                "--pidfile=" + pidfile("ovsdb-server"), "--log-file=" + dir.resolve("ovsdb-server.log"),
                "--unixctl=" + dir.resolve("ovsdb-server.ctl"),
                "--detach", "--no-chdir"));
        run(List.of("ovs-vsctl", "--db=" + dbSocket(), "--no-wait", "init"));
    }

    void startVswitchd() {
        run(Netns.exec(ns, "ovs-vswitchd", dbSocket(),
                "--pidfile=" + pidfile("ovs-vswitchd"), "--log-file=" + dir.resolve("ovs-vswitchd.log"),
                "--detach", "--no-chdir"));
    }

    void stopVswitchd(Duration timeout) {
        stop("ovs-vswitchd", timeout);
    }

    /**
     * For teardown: sends SIGKILL to both daemons and returns their handles without waiting; a netdev
     * ovs-vswitchd needs seconds to die (its tap devices are torn down), so the testbed kills all
     * hypervisors first and waits once.
     */
    List<ProcessHandle> killAll() {
        List<ProcessHandle> dying = new ArrayList<>();
        for (String daemon : List.of("ovs-vswitchd", "ovsdb-server")) {
            pid(daemon).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
                p.destroyForcibly();
                dying.add(p);
            });
        }
        return dying;
    }

    boolean vswitchdRunning() {
        return pid("ovs-vswitchd").flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    Optional<Long> pid(String daemon) {
        Path f = pidfile(daemon);
        try {
            return Files.isRegularFile(f) ? Optional.of(Long.parseLong(Files.readString(f).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stop(String daemon, Duration timeout) {
        Optional<ProcessHandle> h = pid(daemon).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return;
        }
        ProcessHandle p = h.get();
        p.destroy();
        try {
            Await.until(daemon + " (pid " + p.pid() + ") to exit", timeout, () -> !p.isAlive());
        } catch (ConditionTimeoutException e) {
            p.destroyForcibly();
            Await.until(daemon + " (pid " + p.pid() + ") to die", timeout, () -> !p.isAlive());
        }
        try {
            Files.deleteIfExists(pidfile(daemon));
        } catch (IOException ignored) {
            // stale pidfiles are overwritten at the next start
        }
    }

    private Path pidfile(String daemon) {
        return dir.resolve(daemon + ".pid");
    }

    ProcessResult run(List<String> command) {
        return ProcessRunner.check(ProcessRunner.DEFAULT_TIMEOUT, env, command);
    }

    ProcessResult run(String... command) {
        return run(new ArrayList<>(List.of(command)));
    }
}
