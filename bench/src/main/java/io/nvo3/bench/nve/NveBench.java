package io.nvo3.bench.nve;

import io.nvo3.testbed.Testbed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NVE figures against real Open vSwitch (userspace datapath, one hypervisor per network namespace, see
 * TESTBED.md): plug latency on three hypervisors, programming of about 100k flows into one OVS next to
 * {@code ovs-ofctl --bundle add-flows} of the same flows, and reconcile of those flows unchanged after a reconnect.
 * Prints one result table (Markdown) on stdout; progress and logs go to stderr.
 *
 * <p>Usage: {@code NveBench [--only plug|flows] [--plugs 500] [--flows 100000] [--ovs-cpu 0]
 * [--management 198.19.77.254]}. {@code --ovs-cpu} moves every ovsdb-server and ovs-vswitchd to that CPU (run this
 * JVM on another one with taskset; {@code bench/run.sh nve} does both). {@code --flows} is the number of remote MACs;
 * the flow count is what the FIB makes of them (a few more). The testbed's management /24 must not be in use by
 * another testbed on this machine (integration tests use 198.19.0.0/24). Needs root.
 */
public final class NveBench {
    /** Goals from the issue. */
    static final double PROGRAM_RATIO_GOAL = 0.9;
    static final double RECONCILE_GOAL_MS = 5_000;

    private NveBench() {
    }

    public static void main(String[] args) throws Exception {
        String only = null;
        int plugs = 500;
        int flows = 100_000;
        String ovsCpu = null;
        String management = "198.19.77.254";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--only" -> only = value(a, v);
                case "--plugs" -> plugs = Integer.parseInt(value(a, v));
                case "--flows" -> flows = Integer.parseInt(value(a, v));
                case "--ovs-cpu" -> ovsCpu = value(a, v);
                case "--management" -> management = value(a, v);
                default -> throw usage("unknown argument " + a);
            }
            i++;
        }
        if (only != null && !only.equals("plug") && !only.equals("flows")) {
            throw usage("--only takes plug or flows, not " + only);
        }
        if (plugs < 1 || flows < 1) {
            throw usage("--plugs and --flows must be positive");
        }
        PlugLatencyBench.Figures plug = null;
        FlowProgrammingBench.Figures prog = null;
        if (only == null || only.equals("plug")) {
            try (Testbed tb = testbed(management)) {
                plug = PlugLatencyBench.run(tb, plugs, ovsCpu);
            }
        }
        if (only == null || only.equals("flows")) {
            try (Testbed tb = testbed(management)) {
                prog = FlowProgrammingBench.run(tb, flows, ovsCpu);
            }
        }
        System.out.print(table(plug, prog, ovsCpu));
    }

    private static Testbed testbed(String management) {
        return Testbed.builder().managementAddress(management).timeout(Duration.ofSeconds(120)).build();
    }

    static String table(PlugLatencyBench.Figures plug, FlowProgrammingBench.Figures prog, String ovsCpu) {
        List<String> rows = new ArrayList<>();
        rows.add("| figure | nvo3 | peer, same run | goal |");
        rows.add("|---|---|---|---|");
        if (plug != null) {
            rows.add(String.format(Locale.ROOT, "| plug → flows on all 3 NVEs, %d plugs (incl. ovs-vsctl add-port) "
                    + "| p50 %.1f ms, p99 %.1f ms, max %.1f ms | — | — |", plug.plugs(), plug.p50(), plug.p99(), plug.max()));
        }
        if (prog != null) {
            double best = Math.min(prog.coldMs(), prog.warmMs());
            double ratio = prog.rate(best) / prog.rate(prog.ofctlMs());
            rows.add(String.format(Locale.ROOT, "| program %d flows into 1 OVS, first (cold JVM) | %.0f ms = %.0f flows/s "
                    + "| ovs-ofctl --bundle add-flows: %.0f ms = %.0f flows/s | ≥ %.1f× ovs-ofctl |", prog.flows(),
                    prog.coldMs(), prog.rate(prog.coldMs()), prog.ofctlMs(), prog.rate(prog.ofctlMs()), PROGRAM_RATIO_GOAL));
            rows.add(String.format(Locale.ROOT, "| program %d flows into 1 OVS, second (warm JVM) | %.0f ms = %.0f flows/s "
                    + "| (same) | ≥ %.1f× ovs-ofctl |", prog.flows(), prog.warmMs(), prog.rate(prog.warmMs()), PROGRAM_RATIO_GOAL));
            rows.add(String.format(Locale.ROOT, "| program rate / ovs-ofctl rate (cold, warm) | %.2f×, %.2f× | — | ≥ %.1f× (%s) |",
                    prog.rate(prog.coldMs()) / prog.rate(prog.ofctlMs()), prog.rate(prog.warmMs()) / prog.rate(prog.ofctlMs()),
                    PROGRAM_RATIO_GOAL, ratio >= PROGRAM_RATIO_GOAL ? "met" : "missed"));
            if (prog.warmCpu() != null) {
                rows.add(String.format(Locale.ROOT, "| CPU time of the second programming / of ovs-ofctl's | JVM %.0f ms, "
                    + "ovs-vswitchd %.0f ms | ovs-ofctl %.0f ms, ovs-vswitchd %.0f ms | — |", prog.warmCpu().jvmMs(),
                    prog.warmCpu().ovsMs(), prog.ofctlClientMs(), prog.ofctlCpu().ovsMs()));
            }
            rows.add(String.format(Locale.ROOT, "| reconcile %d unchanged flows after a reconnect | %.0f ms, %d flow/group mods "
                    + "| — | ≤ %.0f ms, 0 mods (%s) |", prog.flows(), prog.reconcileMs(), prog.reconcileMods(), RECONCILE_GOAL_MS,
                    prog.reconcileMs() <= RECONCILE_GOAL_MS && prog.reconcileMods() == 0 ? "met" : "missed"));
        }
        rows.add("");
        rows.add("OVS daemons pinned to CPU " + (ovsCpu == null ? "(not pinned)" : ovsCpu) + ", "
                + Runtime.getRuntime().availableProcessors() + " CPU(s) visible to the controller JVM.");
        return String.join("\n", rows) + "\n";
    }

    private static String value(String arg, String v) {
        if (v == null) {
            throw usage(arg + " needs a value");
        }
        return v;
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "; usage: NveBench [--only plug|flows] [--plugs N] [--flows N] "
                + "[--ovs-cpu CPU] [--management 198.19.K.254]");
    }
}
