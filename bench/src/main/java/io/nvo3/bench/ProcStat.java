package io.nvo3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc/PID/stat} (or {@code /proc/PID/task/TID/stat}), proc(5): utime and stime are fields 14 and
 * 15, the reaped children's cutime and cstime 16 and 17, all in clock ticks (USER_HZ = 100 here, so a figure is good
 * to about 10 ms).
 */
public final class ProcStat {
    public static final double MS_PER_TICK = 10;

    private ProcStat() {}

    /** The fields after the parenthesised command name (which may hold spaces): index 0 is field 3 (state). */
    public static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** The command name of a stat line (a thread's name for a task). */
    public static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime of a stat line in milliseconds, plus cutime + cstime with {@code children}. */
    public static double cpuMs(String stat, boolean children) {
        String[] f = fields(stat);
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (children) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks * MS_PER_TICK;
    }

    /** stime of a stat line in milliseconds. */
    public static double systemMs(String stat) {
        return Long.parseLong(fields(stat)[12]) * MS_PER_TICK;
    }

    public static double cpuMs(Path statFile, boolean children) throws IOException {
        return cpuMs(Files.readString(statFile), children);
    }

    /** CPU milliseconds process {@code pid} used so far (all its threads), with its reaped children's if asked. */
    public static double cpuMs(long pid, boolean children) throws IOException {
        return cpuMs(Path.of("/proc", Long.toString(pid), "stat"), children);
    }
}
