package io.nvo3.bench.federation;

import io.nvo3.testbed.Hypervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Moves a hypervisor's ovsdb-server and ovs-vswitchd, all threads, to one CPU ({@code taskset -a -p -c}). */
final class OvsCpu {
    private OvsCpu() {
    }

    static void pin(Hypervisor hv, String cpu) throws IOException, InterruptedException {
        for (String daemon : new String[] {"ovsdb-server", "ovs-vswitchd"}) {
            String pid = Files.readString(hv.ovsDir().resolve(daemon + ".pid")).strip();
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpu, pid).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("taskset -a -p -c " + cpu + " " + pid + " (" + daemon + ") failed: " + out);
            }
        }
    }
}
