package io.nvo3.bench.pull;

import io.nvo3.app.ControllerRuntime;
import io.nvo3.app.config.ControllerConfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.mobility.LifecycleOptions;
import io.nvo3.controller.nve.pull.PullService;
import io.nvo3.fib.PullPolicy;
import io.nvo3.testbed.Await;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.ProcessResult;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 6 benchmark 2b: first-packet latency in a pull network on real OVS, against a pushed network.
 *
 * <p>Two OVS hypervisors (testbed), an embedded controller (store + model + NVE manager + API, as the runtime wires
 * them). A pull network and a push network, each with {@code pairs} VMs on hv1 and {@code pairs} on hv2; pair i is
 * (hv1 VM i, hv2 VM i). A round flushes every VM's ARP cache, waits until no pulled (idle-timeout) flow is left on
 * either NVE, then sends ONE ping (-c 1 -W 2) per pair, one pair after the other: in the pull network that first
 * packet needs ARP answered by the controller on both sides and an L2-miss packet-in on both NVEs before the reply
 * comes back; in the push network ARP floods and everything else is pre-installed. The figure is ping's own RTT
 * ({@code time=}) of that first echo, which includes the requester's ARP resolution.
 *
 * <pre>java ... io.nvo3.bench.pull.FirstPacketBench [--pairs 20] [--rounds 5] [--idle 2]</pre>
 */
public final class FirstPacketBench {
    private static final Pattern TIME = Pattern.compile("time=([0-9.]+) ms");

    private FirstPacketBench() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = 20;
        int rounds = 5;
        int idle = 2;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--pairs" -> pairs = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--idle" -> idle = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--pairs N --rounds N --idle SECONDS)");
            }
        }
        if (pairs < 1 || pairs > 80 || rounds < 1 || idle < 1) {
            throw new IllegalArgumentException("--pairs 1..80, --rounds and --idle positive");
        }
        Path dir = Files.createTempDirectory("nvo3-bench-pull-");
        try (Testbed tb = Testbed.builder().timeout(Duration.ofSeconds(120)).build()) {
            LifecycleOptions lifecycle = LifecycleOptions.defaults().withPull(PullService.Options.defaults()
                    .withPolicy(new PullPolicy(idle, PullPolicy.Unknown.FLOOD)).withRate(10_000, 1_000));
            try (ControllerRuntime ctl = ControllerRuntime.start(ControllerConfig.embedded(dir, tb.managementAddress())
                    .withLifecycle(lifecycle))) {
                run(tb, ctl, pairs, rounds, idle);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Testbed tb, ControllerRuntime ctl, int pairs, int rounds, int idle) {
        Rest api = new Rest(ctl.apiAddress().getPort(), ctl.adminToken().orElseThrow());
        Hypervisor hv1 = tb.addHypervisor("hv1");
        Hypervisor hv2 = tb.addHypervisor("hv2");
        hv1.joinController(tb.managementAddress(), ctl.ovsdbAddress().getPort());
        hv2.joinController(tb.managementAddress(), ctl.ovsdbAddress().getPort());
        String pull = api.network("bench", "pull");
        api.fibPolicy(pull, "pull");
        String pullSubnet = api.subnet("bench", pull, "198.51.100.0/24");
        String push = api.network("bench", "push");
        String pushSubnet = api.subnet("bench", push, "203.0.113.0/24");
        List<Vm> pullA = new ArrayList<>();
        List<Vm> pullB = new ArrayList<>();
        List<Vm> pushA = new ArrayList<>();
        List<Vm> pushB = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            pullA.add(vm(api, hv1, "qa" + i, pull, pullSubnet, "198.51.100." + (10 + i)));
            pullB.add(vm(api, hv2, "qb" + i, pull, pullSubnet, "198.51.100." + (110 + i)));
            pushA.add(vm(api, hv1, "pa" + i, push, pushSubnet, "203.0.113." + (10 + i)));
            pushB.add(vm(api, hv2, "pb" + i, push, pushSubnet, "203.0.113." + (110 + i)));
        }
        List<Vm> all = new ArrayList<>();
        Stream.of(pullA, pullB, pushA, pushB).forEach(all::addAll);
        for (Vm v : all) {
            Await.until(v.name() + " ACTIVE", Duration.ofSeconds(60), () -> api.portStatus(v.portId()).equals("ACTIVE"));
        }
        // Everything reachable once (also proves the pull path works) before measuring.
        for (int i = 0; i < pairs; i++) {
            pullA.get(i).awaitReachable(pullB.get(i).ip(), Duration.ofSeconds(30));
            pushA.get(i).awaitReachable(pushB.get(i).ip(), Duration.ofSeconds(30));
        }
        List<Double> pullRtt = new ArrayList<>();
        List<Double> pushRtt = new ArrayList<>();
        int pullLost = 0;
        int pushLost = 0;
        long pulledBefore = pulledInstalled(api);
        for (int r = 0; r < rounds; r++) {
            for (Vm v : all) {
                v.exec("ip", "neigh", "flush", "dev", Vm.IFACE);
            }
            Await.until("pulled flows expired", Duration.ofSeconds(idle + 30),
                    () -> pulledFlows(hv1) == 0 && pulledFlows(hv2) == 0);
            for (int i = 0; i < pairs; i++) {
                Double t = firstPing(pullA.get(i), pullB.get(i));
                if (t == null) {
                    pullLost++;
                } else {
                    pullRtt.add(t);
                }
                t = firstPing(pushA.get(i), pushB.get(i));
                if (t == null) {
                    pushLost++;
                } else {
                    pushRtt.add(t);
                }
            }
        }
        long pulled = pulledInstalled(api) - pulledBefore;
        System.out.printf(Locale.ROOT, "| pair kind | samples | lost | p50 ms | p90 ms | p99 ms | max ms |%n"
                + "|---|---|---|---|---|---|---|%n");
        System.out.print(row("pull (new pair)", pullRtt, pullLost));
        System.out.print(row("push", pushRtt, pushLost));
        System.out.printf(Locale.ROOT, "%npairs %d x rounds %d, idle timeout %d s; pulled flows installed while measuring: %d%n",
                pairs, rounds, idle, pulled);
    }

    private static Vm vm(Rest api, Hypervisor hv, String name, String net, String subnet, String ip) {
        JsonNode p = api.port("bench", net, subnet, ip);
        return hv.addVm(name, p.get("mac_address").asText(), ip + "/24", p.get("id").asText());
    }

    private static long pulledFlows(Hypervisor hv) {
        return hv.dumpFlows().stream().filter(l -> l.contains("idle_timeout=")).count();
    }

    private static long pulledInstalled(Rest api) {
        long n = 0;
        for (JsonNode nve : api.nves()) {
            n += nve.path("packet_in").path("pulled_flows_installed").asLong();
        }
        return n;
    }

    /** ping's RTT of one echo from {@code a} to {@code b}, null when no reply came within 2 s. */
    private static Double firstPing(Vm a, Vm b) {
        ProcessResult r = a.execUnchecked("ping", "-n", "-c", "1", "-W", "2", b.ip());
        Matcher m = TIME.matcher(r.stdout());
        return r.succeeded() && m.find() ? Double.parseDouble(m.group(1)) : null;
    }

    private static String row(String kind, List<Double> rtt, int lost) {
        List<Double> s = rtt.stream().sorted().toList();
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s |%n", kind, s.size(), lost,
                pct(s, 50), pct(s, 90), pct(s, 99), s.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", s.getLast()));
    }

    private static String pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return String.format(Locale.ROOT, "%.2f", sorted.get(Math.max(0, idx)));
    }
}
