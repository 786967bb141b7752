package io.nvo3.bench.bgp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Side-by-side BGP ingest benchmark: the same pre-encoded feed, from the same feeder (this JVM, to be
 * pinned to one CPU by the caller), into nvo3's speaker, FRR, BIRD and GoBGP in turn (each pinned to
 * {@code --sut-cpu}). Prints one Markdown table.
 *
 * <pre>
 * BgpIngestBench [--routes N] [--gobgp-routes N] [--gobgp-evpn-routes N] [--feeds ipv4,vpnv4,evpn] [--suts nvo3,frr,bird,gobgp]
 *                [--readvertise nvo3,frr,bird,gobgp] [--repeat 1] [--sut-cpu 0] [--workdir DIR] [--nvo3-jvm "-Xmx4g ..."]
 * </pre>
 */
public final class BgpIngestBench {
    private BgpIngestBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("routes", "1000000", "gobgp-routes", "200000", "feeds", "ipv4",
                "suts", "nvo3,frr,bird,gobgp", "readvertise", "nvo3,frr,bird,gobgp", "sut-cpu", "0",
                "workdir", System.getProperty("java.io.tmpdir") + "/nvo3-bgp-bench", "nvo3-jvm", "-Xms64m -Xmx4g"));
        o.put("gobgp-evpn-routes", "20000");
        o.put("repeat", "1");
        for (int i = 0; i < args.length; i++) {
            String k = args[i].replaceFirst("^--", "");
            if (!o.containsKey(k) || i + 1 >= args.length) {
                System.err.println("unknown or incomplete option " + args[i] + "; options: " + o.keySet());
                System.exit(2);
            }
            o.put(k, args[++i]);
        }
        int routes = Integer.parseInt(o.get("routes"));
        int gobgpRoutes = Math.min(routes, Integer.parseInt(o.get("gobgp-routes")));
        Set<String> readv = Set.of(o.get("readvertise").split(","));
        Path work = Path.of(o.get("workdir"));
        List<String> jvm = List.of(o.get("nvo3-jvm").trim().split("\\s+"));
        AtomicReference<Sut> current = new AtomicReference<>();
        // A SIGTERM from the script's trap must not leave a daemon behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Sut s = current.get();
            if (s != null) {
                s.close();
            }
        }));
        List<IngestRun.Result> results = new ArrayList<>();
        Map<IngestRun.Result, String> repeats = new java.util.IdentityHashMap<>();
        int base = 40;
        for (String f : o.get("feeds").split(",")) {
            FeedKind kind = FeedKind.parse(f);
            Map<Integer, Feed> feeds = new LinkedHashMap<>();
            for (String s : o.get("suts").split(",")) {
                java.util.function.Supplier<Sut> fresh = () -> switch (s) {
                    case "nvo3" -> new NvoSut(jvm);
                    case "frr" -> new FrrSut();
                    case "bird" -> new BirdSut();
                    case "gobgp" -> new GoBgpSut();
                    default -> throw new IllegalArgumentException("sut: nvo3, frr, bird or gobgp, got " + s);
                };
                Sut sut = fresh.get();
                if (!sut.supports(kind)) {
                    System.err.printf("%s: no %s support, skipped%n", sut.name(), kind.label);
                    continue;
                }
                // GoBGP is slow on large tables (and quadratic on EVPN MAC routes): it gets a smaller feed, labelled in the table.
                int n = !s.equals("gobgp") ? routes
                        : kind == FeedKind.EVPN ? Math.min(routes, Integer.parseInt(o.get("gobgp-evpn-routes"))) : gobgpRoutes;
                Feed feed = feeds.computeIfAbsent(n, k -> Feed.build(kind, k));
                System.err.printf(Locale.ROOT, "== %s, %s feed: %d routes in %d UPDATEs (%d per UPDATE, %.1f MB)%n", sut.name(),
                        kind.label, feed.routes(), feed.updates().size(), feed.perUpdate(), feed.octets() / 1e6);
                int repeat = Integer.parseInt(o.get("repeat"));
                List<IngestRun.Result> runs = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    sut = i == 0 ? sut : fresh.get();
                    current.set(sut);
                    runs.add(IngestRun.measure(sut, feed, readv.contains(s), o.get("sut-cpu"),
                            work.resolve(s + "-" + kind.label + "-" + i), base));
                    current.set(null);
                    base = 40 + (base - 40 + 4) % 200; // 127.0.0.40 .. 127.0.0.242
                    System.err.println(row(runs.getLast(), ""));
                }
                IngestRun.Result r = median(runs);
                results.add(r);
                repeats.put(r, spread(runs));
            }
        }
        System.out.println(table(results, repeats));
        Files.writeString(work.resolve("table.md"), table(results, repeats));
    }

    /** The run with the median ingest time (failed runs count as slowest). */
    static IngestRun.Result median(List<IngestRun.Result> runs) {
        List<IngestRun.Result> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(r -> r.failure().isPresent() ? Double.MAX_VALUE : r.ingestNanos()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    static String spread(List<IngestRun.Result> runs) {
        if (runs.size() < 2) {
            return "";
        }
        return "median of " + runs.size() + " runs, ingest s: " + runs.stream()
                .map(r -> r.failure().isPresent() ? "failed" : String.format(Locale.ROOT, "%.2f", r.ingestSeconds()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static String table(List<IngestRun.Result> rs, Map<IngestRun.Result, String> repeats) {
        StringBuilder b = new StringBuilder();
        b.append("| SUT | feed | routes | ingest s | routes/s | SUT CPU s | RSS before MB | RSS after MB | B/route (ΔRSS) "
                + "| re-adv s | re-adv routes/s | notes |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        rs.forEach(r -> b.append(row(r, repeats.getOrDefault(r, ""))).append('\n'));
        return b.toString();
    }

    static String row(IngestRun.Result r, String spread) {
        List<String> notes = new ArrayList<>();
        if (!spread.isEmpty()) {
            notes.add(spread);
        }
        r.failure().ifPresent(f -> notes.add("FAILED: " + f.replace('|', '/')));
        r.memoryNote().ifPresent(notes::add);
        if (r.otherCpuNanos() >= 0) {
            notes.add(String.format(Locale.ROOT, "other processes on the SUT's CPU during ingest %.2f s", r.otherCpuNanos() / 1e9));
        }
        if (r.pollNanos() >= 0) {
            notes.add(String.format(Locale.ROOT, "last count poll %.0f ms", r.pollNanos() / 1e6));
        }
        if (r.readvNanos() >= 0) {
            notes.add(String.format(Locale.ROOT, "re-adv %d NLRI%s, session set-up %.2f s, first UPDATE %.2f s after Established",
                    r.readvRoutes(), r.readvEndOfRib() ? " + EoR" : ", no EoR", r.readvSetupNanos() / 1e9, r.readvFirstUpdateNanos() / 1e9));
        }
        boolean ok = r.failure().isEmpty();
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |", r.sut(), r.feed().label,
                r.routes(),
                ok ? String.format(Locale.ROOT, "%.2f", r.ingestSeconds()) : "—",
                ok ? String.format(Locale.ROOT, "%.0f", r.routesPerSecond()) : "—",
                ok ? String.format(Locale.ROOT, "%.2f", r.cpuNanos() / 1e9) : "—",
                r.rssBefore() >= 0 ? String.format(Locale.ROOT, "%.1f", r.rssBefore() / 1048576.0) : "—",
                r.rssAfter() >= 0 ? String.format(Locale.ROOT, "%.1f", r.rssAfter() / 1048576.0) : "—",
                ok ? String.format(Locale.ROOT, "%.0f", r.bytesPerRoute()) : "—",
                r.readvNanos() >= 0 ? String.format(Locale.ROOT, "%.2f", r.readvNanos() / 1e9) : "—",
                r.readvNanos() >= 0 ? String.format(Locale.ROOT, "%.0f", r.readvRoutes() / (r.readvNanos() / 1e9)) : "—",
                String.join("; ", notes));
    }
}
