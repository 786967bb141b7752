package io.nvo3.bench.federation;

import io.nvo3.testbed.Testbed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 5 speed figures with two controller domains ({@code REPO/nvo3 controller} child processes peering over iBGP
 * on loopback) and real OVS hypervisors in one testbed (see {@link Federation}): plug in A → flows on both of B's
 * NVEs (p50/p99/max over N plugs, see {@link PlugAcross}) and an N-MAC add/withdraw churn into B (see
 * {@link MacChurn}). Prints one Markdown table on stdout and appends it, with date and load, to
 * {@code REPO/bench/RESULTS-federation.md}.
 *
 * <p>Usage: {@code FederationBench [--repo DIR] [--only plug|churn] [--plugs 500] [--warmup 50] [--series CSV] [--background-macs 0] [--macs 10000] [--ctl-cpu 1]
 * [--ovs-cpu 0] [--bench-cpu 0] [--management 198.19.78.254] [--results FILE | --no-results]}. {@code --repo} holds the
 * {@code nvo3} launcher and {@code app/target/nvo3.jar}; the results file defaults to
 * {@code REPO/bench/RESULTS-federation.md}. Needs root and a built {@code app/target/nvo3.jar}.
 */
public final class FederationBench {
    static final double PLUG_P99_GOAL_MS = 50;

    private FederationBench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        String only = null;
        int plugs = 500;
        int warmup = 50;
        int backgroundMacs = 0;
        Path series = null;
        int macs = 10_000;
        String ctlCpu = null;
        String ovsCpu = null;
        String benchCpu = null;
        String management = "198.19.78.254";
        boolean results = true;
        Path resultsFile = null;
        Duration churnTimeout = Duration.ofMinutes(5);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-results")) {
                results = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw usage(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--repo" -> repo = Path.of(v).toAbsolutePath().normalize();
                case "--only" -> only = v;
                case "--plugs" -> plugs = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--background-macs" -> backgroundMacs = Integer.parseInt(v);
                case "--series" -> series = Path.of(v).toAbsolutePath();
                case "--macs" -> macs = Integer.parseInt(v);
                case "--ctl-cpu" -> ctlCpu = v;
                case "--ovs-cpu" -> ovsCpu = v;
                case "--bench-cpu" -> benchCpu = v;
                case "--management" -> management = v;
                case "--churn-timeout-s" -> churnTimeout = Duration.ofSeconds(Long.parseLong(v));
                case "--results" -> resultsFile = Path.of(v).toAbsolutePath();
                default -> throw usage("unknown argument " + a);
            }
        }
        if (only != null && !only.equals("plug") && !only.equals("churn")) {
            throw usage("--only takes plug or churn, not " + only);
        }
        if (plugs < 1 || warmup < 0 || macs < 1 || macs > 1 << 24) {
            throw usage("--plugs must be positive, --warmup not negative, --macs in 1..2^24");
        }
        String loadBefore = uptime();
        PlugAcross.Figures plug = null;
        MacChurn.Figures churn = null;
        String failure = null;
        try (Testbed tb = Testbed.builder().managementAddress(management).timeout(Duration.ofSeconds(120)).build();
             Federation fed = Federation.start(tb, repo, ctlCpu, ovsCpu)) {
            if (only == null || only.equals("plug")) {
                if (backgroundMacs > 0) {
                    try (EvpnFeeder bg = MacChurn.preload(fed, backgroundMacs, churnTimeout)) {
                        plug = PlugAcross.run(fed, warmup, plugs);
                    }
                } else {
                    plug = PlugAcross.run(fed, warmup, plugs);
                }
                if (series != null) {
                    writeSeries(series, plug);
                }
            }
            if (only == null || only.equals("churn")) {
                try {
                    churn = MacChurn.run(fed, macs, churnTimeout);
                } catch (Exception e) {
                    failure = "churn failed: " + e;
                    e.printStackTrace();
                    System.err.println("[b] last output:\n" + fed.b.logTail());
                }
            }
        }
        String table = table(plug, churn, ctlCpu, ovsCpu, benchCpu, backgroundMacs, failure);
        System.out.print(table);
        if (results) {
            Path file = resultsFile != null ? resultsFile : repo.resolve("bench/RESULTS-federation.md");
            String section = "\n## Run of " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm 'UTC'")) + "\n\n`uptime` before: " + loadBefore + "  \n`uptime` after: " + uptime()
                    + "\n\n" + table;
            if (!Files.exists(file)) {
                section = "# Federation benchmarks (issue 5)\n\nWritten by `bench/run.sh fed` "
                        + "(io.nvo3.bench.federation.FederationBench); each run appends a section.\n" + section;
            }
            Files.writeString(file, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** One line per plug, in order: index, warm-up or not, ms to both B NVEs, ms to A's own NVE. */
    private static void writeSeries(Path file, PlugAcross.Figures plug) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("plug,warmup,to_b_ms,to_a_ms\n");
        for (int k = 0; k < plug.series().length; k++) {
            sb.append(String.format(Locale.ROOT, "%d,%b,%.2f,%.2f%n", k, k < plug.warmup(), plug.series()[k],
                    plug.localSeries()[k]));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static String table(PlugAcross.Figures plug, MacChurn.Figures churn, String ctlCpu, String ovsCpu, String benchCpu,
                        int backgroundMacs, String failure) {
        List<String> rows = new ArrayList<>();
        rows.add("| figure | nvo3 | goal |");
        rows.add("|---|---|---|");
        if (plug != null) {
            rows.add(String.format(Locale.ROOT, "| plug in A → flow on both B NVEs, %d plugs (from ovs-vsctl add-port, "
                    + "included)%s | p50 %.1f ms, p99 %.1f ms, max %.1f ms | p99 ≤ %.0f ms (%s) |", plug.plugs(),
                    backgroundMacs > 0 ? ", with " + backgroundMacs + " other remote MACs in the VN at B" : "", plug.p50(),
                    plug.p99(), plug.max(), PLUG_P99_GOAL_MS, plug.p99() <= PLUG_P99_GOAL_MS ? "met" : "missed"));
            rows.add(String.format(Locale.ROOT, "| (same plugs) → flow on A's own NVE | p50 %.1f ms, p99 %.1f ms | — |",
                    plug.localP50(), plug.localP99()));
            rows.add(String.format(Locale.ROOT, "| CPU per measured plug (whole cycle: port create, plug, unplug, delete) |"
                    + " controller A %.1f ms, controller B %.1f ms, benchmark JVM with its OVS tools %.1f ms | — |",
                    plug.cpuA(), plug.cpuB(), plug.cpuBench()));
            if (plug.warmup() > 0) {
                rows.add(String.format(Locale.ROOT, "| the %d warm-up plugs before them (controllers just started, not in the"
                        + " figures above) → flow on both B NVEs | p50 %.1f ms, max %.1f ms | — |", plug.warmup(),
                        plug.warmupP50(), plug.warmupMax()));
            }
        }
        if (churn != null) {
            rows.add(String.format(Locale.ROOT, "| %d MAC routes announced to B → all %d flows on both B NVEs | %.0f ms "
                    + "(%.0f MACs/s) | — |", churn.macs(), churn.macs(), churn.addMs(), churn.macs() / churn.addMs() * 1000));
            rows.add(String.format(Locale.ROOT, "| %d MAC routes withdrawn → none left on both B NVEs | %.0f ms "
                    + "(%.0f MACs/s) | — |", churn.macs(), churn.withdrawMs(), churn.macs() / churn.withdrawMs() * 1000));
        }
        if (failure != null) {
            rows.add("| " + failure.replace('|', '/') + " | — | — |");
        }
        rows.add("");
        rows.add("Controllers A and B (`nvo3 controller` child processes) pinned to CPU "
                + (ctlCpu == null ? "(not pinned)" : ctlCpu) + "; every ovsdb-server/ovs-vswitchd to CPU "
                + (ovsCpu == null ? "(not pinned)" : ovsCpu) + "; the benchmark JVM (the flow probes and the OVS command-line"
                + " tools, i.e. the hypervisors' side of a plug) on CPU " + (benchCpu == null ? "(not said)" : benchCpu) + " ("
                + Runtime.getRuntime().availableProcessors() + " CPU(s) visible to it).");
        if (plug != null) {
            rows.add(String.format(Locale.ROOT, "Plug probe: flow-stats for eth_dst=MAC over a persistent OpenFlow 1.3 "
                    + "connection to each B NVE's br-int.mgmt (what ovs-ofctl dump-flows sends), re-read max(%d ms, "
                    + "3 × read time) after the previous answer, one read took %.2f ms on average; nothing subtracted; "
                    + "ovs-ofctl cross-checks every plug outside the clock.", PlugAcross.POLL.toMillis(), plug.meanReadMs()));
        }
        if (churn != null) {
            rows.add(String.format(Locale.ROOT, "Churn probe: flow-stats for eth_dst=02:fe:00:00:00:00/ff:ff:ff:00:00:00 "
                    + "on each B NVE, re-read max(%d ms, 3 × read time) after the previous answer, one read took %.1f ms on average (%d reads); "
                    + "routes from an iBGP l2vpn-evpn feeder (100 MACs per UPDATE, next hop A's VTEP, RT 65000:VNI).",
                    MacChurn.POLL.toMillis(), churn.meanReadMs(), churn.reads()));
        }
        return String.join("\n", rows) + "\n";
    }

    private static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return s;
        } catch (Exception e) {
            return "uptime unavailable: " + e;
        }
    }

    private static IllegalArgumentException usage(String why) {
        return new IllegalArgumentException(why + "; usage: FederationBench [--repo DIR] [--only plug|churn] [--plugs N] "
                + "[--warmup N] [--series FILE] [--background-macs N] [--macs N] [--ctl-cpu CPU] [--ovs-cpu CPU] [--bench-cpu CPU] [--management 198.19.K.254] [--results FILE | --no-results]");
    }
}
