package io.nvo3.bench.pull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 6 benchmark 2a, cbench style: {@code switches} emulated OpenFlow 1.3 switches ({@link EmulatedSwitch}) blast
 * PACKET_INs at one controller on loopback and count the FLOW_MODs and PACKET_OUTs that come back. Controllers, one at
 * a time, each pinned with {@code taskset -c SUT_CPU}: nvo3's pull path ({@link PullSutMain}, REMOTE pattern: every
 * packet-in is an L2 miss for a tenant system behind another NVE, answered with a FLOW_MOD + PACKET_OUT),
 * {@code ovs-testcontroller} and os-ken's {@code simple_switch_13} (learning switches, LOCAL pattern: the destination
 * was seen as a source on that switch, so they answer with a FLOW_MOD + PACKET_OUT too). Run this JVM pinned to the
 * other CPU ({@code taskset -c 1 java ...}).
 *
 * <pre>java ... io.nvo3.bench.pull.PacketInBench [--sut nvo3,ovs-testcontroller,os-ken] [--switches 16]
 *      [--hosts 1000] [--warmup 3] [--seconds 10] [--sut-cpu 0] [--window 0]</pre>
 */
public final class PacketInBench {
    private PacketInBench() {
    }

    record Figures(String sut, EmulatedSwitch.Pattern pattern, double flowModsPerSec, double packetOutsPerSec,
                   double minFlowMods, double maxFlowMods, double sentPerSec, long errors) {
    }

    public static void main(String[] args) throws Exception {
        List<String> suts = List.of("nvo3", "ovs-testcontroller", "os-ken");
        int switches = 16;
        int hosts = 1000;
        int warmup = 3;
        int seconds = 10;
        String cpu = "0";
        int window = 0;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--sut" -> suts = List.of(v.split(","));
                case "--switches" -> switches = Integer.parseInt(v);
                case "--hosts" -> hosts = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--sut-cpu" -> cpu = v;
                case "--window" -> window = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        List<Figures> out = new ArrayList<>();
        for (String sut : suts) {
            out.add(run(sut, switches, hosts, warmup, seconds, cpu, window));
        }
        System.out.printf(Locale.ROOT, "| controller (taskset -c %s) | pattern | FLOW_MOD/s avg | min 1 s | max 1 s "
                + "| PACKET_OUT/s avg | PACKET_IN sent/s | OFPT_ERRORs |%n|---|---|---|---|---|---|---|---|%n", cpu);
        for (Figures f : out) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %d |%n", f.sut(),
                    f.pattern().name().toLowerCase(Locale.ROOT), f.flowModsPerSec(), f.minFlowMods(), f.maxFlowMods(),
                    f.packetOutsPerSec(), f.sentPerSec(), f.errors());
        }
        System.out.printf(Locale.ROOT, "%n%d switches x %d hosts, %d s warm-up, %d s measured, %s%n", switches, hosts,
                warmup, seconds, window == 0 ? "no window (blast; TCP pushes back)"
                        : "window " + window + " unanswered PACKET_INs per switch");
    }

    static Figures run(String sut, int switches, int hosts, int warmup, int seconds, String cpu, int window) throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("nvo3-pib-" + sut + "-", ".log");
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cpu));
        EmulatedSwitch.Pattern pattern = EmulatedSwitch.Pattern.LOCAL;
        long cookie = 0;
        switch (sut) {
            case "nvo3" -> {
                pattern = EmulatedSwitch.Pattern.REMOTE;
                cookie = PullLoad.missCookie(PullLoad.input(switches, hosts));
                cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-Dlogback.configurationFile="
                                + System.getProperty("logback.configurationFile", ""),
                        "-cp", System.getProperty("java.class.path"), PullSutMain.class.getName(),
                        Integer.toString(port), Integer.toString(switches), Integer.toString(hosts), "1"));
            }
            case "ovs-testcontroller" -> cmd.addAll(List.of("ovs-testcontroller", "-O", "OpenFlow13",
                    "-vconsole:warn", "ptcp:" + port + ":127.0.0.1"));
            case "os-ken" -> {
                Path app = Files.createTempFile("simple_switch_13-", ".py");
                Files.writeString(app, SimpleSwitch13.SOURCE);
                app.toFile().deleteOnExit();
                cmd.addAll(List.of("osken-manager", "--ofp-listen-host", "127.0.0.1", "--ofp-tcp-listen-port",
                        Integer.toString(port), app.toString()));
            }
            default -> throw new IllegalArgumentException("unknown controller " + sut);
        }
        // ovs-testcontroller puts its control socket in OVS_RUNDIR: a private one, not the system's.
        Path rundir = Files.createTempDirectory("nvo3-pib-run-");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OVS_RUNDIR", rundir.toString());
        Process p = pb.start();
        List<EmulatedSwitch> sws = new ArrayList<>();
        try {
            awaitListening(port, p, log);
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
            for (int s = 1; s <= switches; s++) {
                sws.add(new EmulatedSwitch(addr, s, switches, hosts, pattern, cookie, window));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!sws.stream().allMatch(EmulatedSwitch::ready)) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IllegalStateException(sut + ": not every switch got a FEATURES_REQUEST; log:\n"
                            + Files.readString(log));
                }
                Thread.sleep(10);
            }
            Thread.sleep(500); // let the controller finish its set-up messages (table-miss flow etc.)
            long fmBase = sws.stream().mapToLong(s -> s.flowMods.get()).sum();
            sws.forEach(EmulatedSwitch::blast);
            Thread.sleep(warmup * 1000L);
            double min = Double.MAX_VALUE;
            double max = 0;
            long fm0 = sum(sws, 0);
            long po0 = sum(sws, 1);
            long tx0 = sum(sws, 2);
            long t0 = System.nanoTime();
            long prev = fm0;
            long prevT = t0;
            for (int i = 0; i < seconds; i++) {
                Thread.sleep(1000);
                long now = System.nanoTime();
                long fm = sum(sws, 0);
                double rate = (fm - prev) * 1e9 / (now - prevT);
                min = Math.min(min, rate);
                max = Math.max(max, rate);
                prev = fm;
                prevT = now;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long errors = sws.stream().mapToLong(s -> s.errors.get()).sum();
            if (!p.isAlive()) {
                throw new IllegalStateException(sut + " died; log:\n" + Files.readString(log));
            }
            System.err.printf(Locale.ROOT, "%s: %d set-up FLOW_MODs before the blast%n", sut, fmBase);
            return new Figures(sut, pattern, (sum(sws, 0) - fm0) / secs, (sum(sws, 1) - po0) / secs, min, max,
                    (sum(sws, 2) - tx0) / secs, errors);
        } finally {
            sws.forEach(EmulatedSwitch::close);
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
            try (var files = Files.walk(rundir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long sum(List<EmulatedSwitch> sws, int which) {
        long n = 0;
        for (EmulatedSwitch s : sws) {
            n += switch (which) {
                case 0 -> s.flowMods.get();
                case 1 -> s.packetOuts.get();
                default -> s.sent.get();
            };
        }
        return n;
    }

    private static void awaitListening(int port, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("controller on port " + port + " did not come up; log:\n"
                            + Files.readString(log), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
