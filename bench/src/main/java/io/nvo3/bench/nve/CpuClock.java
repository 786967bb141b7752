package io.nvo3.bench.nve;

import io.nvo3.bench.ProcStat;
import io.nvo3.testbed.Hypervisor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent, steadier than wall time on a shared machine: this JVM's (all threads) and one hypervisor's
 * ovs-vswitchd's ({@code utime + stime} of /proc/PID/stat, in clock ticks of 10 ms).
 */
final class CpuClock {
    private final Path vswitchdStat;

    CpuClock(Hypervisor hv) throws IOException {
        String pid = Files.readString(hv.ovsDir().resolve("ovs-vswitchd.pid")).strip();
        this.vswitchdStat = Path.of("/proc", pid, "stat");
    }

    /** A reading: milliseconds of CPU used so far by this JVM and by ovs-vswitchd. */
    record Reading(double jvmMs, double ovsMs) {
        Reading minus(Reading earlier) {
            return new Reading(jvmMs - earlier.jvmMs, ovsMs - earlier.ovsMs);
        }
    }

    /**
     * CPU milliseconds ({@code utime + stime}) of each thread of this process by name, JIT compiler and GC threads
     * included (/proc/self/task/TID/stat).
     */
    static java.util.Map<String, Double> threads() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = ProcStat.name(stat);
                    out.merge(name, ProcStat.cpuMs(stat, false), Double::sum);
                    out.merge(name + " (of which system)", ProcStat.systemMs(stat), Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The threads that used at least 10 ms between two {@link #threads()} snapshots, busiest first. */
    static String busiest(java.util.Map<String, Double> before, java.util.Map<String, Double> after) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 10)
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + Math.round(e.getValue()) + " ms")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    Reading now() throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(os.getProcessCpuTime() / 1e6, ProcStat.cpuMs(vswitchdStat, false));
    }
}
