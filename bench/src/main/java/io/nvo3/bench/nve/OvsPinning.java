package io.nvo3.bench.nve;

import io.nvo3.testbed.Hypervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Moves a hypervisor's ovsdb-server and ovs-vswitchd, with all their threads, to one CPU ({@code taskset -a -p}),
 * so the switches and the controller (with the load generator and the OVS command-line tools it spawns) do not
 * share a core.
 */
final class OvsPinning {
    private OvsPinning() {
    }

    static void pin(Hypervisor hv, String cpu) throws IOException, InterruptedException {
        for (String daemon : new String[] {"ovsdb-server", "ovs-vswitchd"}) {
            Path pidfile = hv.ovsDir().resolve(daemon + ".pid");
            String pid = Files.readString(pidfile).strip();
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpu, pid).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("taskset -a -p -c " + cpu + " " + pid + " (" + daemon + ") failed: " + out);
            }
        }
    }
}
