package io.nvo3.bench.bgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child processes of the benchmark: pinned spawning, one-shot commands, RSS from /proc. */
final class Processes {
    private Processes() {}

    /** The output and exit code of a short command. */
    record Result(int exit, String output) {}

    /** Starts {@code command} pinned to {@code cpu} with {@code taskset} (which execs, so the pid is the daemon's). */
    static Process spawnPinned(String cpu, List<String> command, Path log) throws IOException {
        List<String> c = new ArrayList<>(List.of("taskset", "-c", cpu));
        c.addAll(command);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        writePid(log.getParent(), p);
        return p;
    }

    /** Leaves {@code DIR/sut.pid} for the script's clean-up trap, in case this JVM dies without its shutdown hook. */
    static void writePid(Path dir, Process p) throws IOException {
        Files.writeString(dir.resolve("sut.pid"), p.pid() + "\n");
    }

    /** Runs a short command (a vtysh, birdc or gobgp query) on the caller's CPU, waiting at most 60 s. */
    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timeout: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /** VmRSS of a process in bytes, from /proc/PID/status. */
    static long rssBytes(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no /proc entry for pid " + pid + " (it exited)", e);
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    /** User plus system CPU time of a process (all its threads) in nanoseconds, from /proc/PID/stat (USER_HZ = 100). */
    static long cpuNanos(long pid) {
        try {
            return Math.round(io.nvo3.bench.ProcStat.cpuMs(pid, false) * 1_000_000L);
        } catch (IOException e) {
            throw new IllegalStateException("no /proc entry for pid " + pid + " (it exited)", e);
        }
    }

    /** Busy (non-idle, non-iowait) time of one CPU since boot in nanoseconds, from /proc/stat (USER_HZ = 100). */
    static long cpuBusyNanos(String cpu) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/stat"))) {
                String[] f = l.trim().split("\\s+");
                if (f[0].equals("cpu" + cpu)) {
                    // proc(5): user nice system idle iowait irq softirq steal ...
                    long busy = 0;
                    for (int i = 1; i < Math.min(f.length, 9); i++) {
                        if (i != 4 && i != 5) {
                            busy += Long.parseLong(f[i]);
                        }
                    }
                    return busy * 10_000_000L;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
        throw new IllegalArgumentException("no cpu" + cpu + " in /proc/stat");
    }

    /** SIGTERM, then SIGKILL after 5 s; also for the process's descendants. */
    static void stop(Process p) {
        if (p == null) {
            return;
        }
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroy();
        kids.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                kids.forEach(ProcessHandle::destroyForcibly);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }
}
