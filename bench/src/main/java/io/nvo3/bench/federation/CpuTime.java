package io.nvo3.bench.federation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process used so far, from {@code /proc/PID/stat} (utime + stime, and with {@code children} also the
 * reaped children's cutime + cstime: the OVS command-line tools the benchmark JVM runs). In milliseconds; the kernel
 * counts in clock ticks (100 per second here), so a figure is good to about 10 ms.
 */
final class CpuTime {
    private static final double MS_PER_TICK = 10.0;

    private CpuTime() {
    }

    static double ms(long pid, boolean children) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name (which may contain spaces) start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (children) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks * MS_PER_TICK;
    }
}
