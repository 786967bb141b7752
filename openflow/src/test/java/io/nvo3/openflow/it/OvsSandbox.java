package io.nvo3.openflow.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private ovsdb-server + ovs-vswitchd (userspace datapath) in a temp dir of the root namespace, started
 * with src/test/scripts/ovs-sandbox.sh. {@link #close()} kills both daemons and deletes the dir.
 */
@SuppressWarnings("try")
final class OvsSandbox implements AutoCloseable {
    final Path dir;
    private final List<String> bridges = new ArrayList<>();

    OvsSandbox() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("nvo3-ovs-");
        try {
            run("sh", "src/test/scripts/ovs-sandbox.sh", "start", dir.toString());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String vsctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--timeout=20", "--db=unix:" + dir.resolve("db.sock")));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    String ofctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** A secure-mode netdev bridge with the flow-based VXLAN port as OpenFlow port 2. */
    void addBridge(String br, int controllerPort) throws IOException, InterruptedException {
        bridges.add(br);
        vsctl("add-br", br, "--", "set", "bridge", br, "datapath_type=netdev", "fail_mode=secure",
                "other-config:disable-in-band=true", "other-config:datapath-id=00000000000000b1",
                "--", "add-port", br, "vxlan0", "--", "set", "interface", "vxlan0", "type=vxlan",
                "options:remote_ip=flow", "options:key=flow", "options:local_ip=198.18.0.1", "ofport_request=2",
                "--", "set-controller", br, "tcp:127.0.0.1:" + controllerPort);
    }

    /** The same bridge without a controller (for ovs-ofctl). */
    void addBridgeWithoutController(String br) throws IOException, InterruptedException {
        bridges.add(br);
        vsctl("add-br", br, "--", "set", "bridge", br, "datapath_type=netdev", "fail_mode=secure",
                "other-config:disable-in-band=true", "--", "add-port", br, "vxlan0", "--", "set", "interface", "vxlan0",
                "type=vxlan", "options:remote_ip=flow", "options:key=flow", "options:local_ip=198.18.0.1",
                "ofport_request=2");
    }

    String run(String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timeout: " + String.join(" ", cmd));
        }
        String s = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + s);
        }
        return s;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // The pids first: a daemon told to stop removes its pid file as it exits, so reading the file afterwards
        // races with that exit (it did, in CI: NoSuchFileException between exists() and read).
        List<ProcessHandle> daemons = new java.util.ArrayList<>();
        for (String pidFile : List.of("ovs-vswitchd.pid", "ovsdb-server.pid")) {
            try {
                ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve(pidFile)).trim())).ifPresent(daemons::add);
            } catch (java.nio.file.NoSuchFileException | NumberFormatException e) {
                // not started (or already gone): nothing to wait for
            }
        }
        try {
            // ovs-vswitchd leaves its tap devices (bridge internal port, ovs-netdev) in the namespace unless
            // the bridge is deleted first.
            for (String br : bridges) {
                try {
                    vsctl("--if-exists", "del-br", br);
                } catch (IOException e) {
                    // the daemon may already be gone; stopping below is still needed
                }
            }
            run("sh", "src/test/scripts/ovs-sandbox.sh", "stop", dir.toString());
        } finally {
            for (ProcessHandle h : daemons) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
