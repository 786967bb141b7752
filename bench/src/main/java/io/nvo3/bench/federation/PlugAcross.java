package io.nvo3.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.bench.ProcStat;
import io.nvo3.testbed.Hypervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plug in domain A → flows on domain B's NVEs. Per plug: a Neutron port is created in A (clock not yet running),
 * then the clock starts and the interface is added on A's hypervisor as os-vif does ({@code ovs-vsctl add-port br-int
 * … external_ids:iface-id=PORT}, an internal port standing in for the VM's tap); the clock stops at the end of the
 * first read of B's flows for eth_dst=MAC ({@link FlowProbe}, every 1 ms) that shows a flow setting A's VTEP as
 * tunnel destination, on the later of B's two NVEs.
 * Then the interface is removed, the port deleted, and the next plug starts once neither B NVE has a flow for the MAC.
 * The first {@code warmup} plugs (the controllers' JIT compiling the paths for the first time) are measured the same
 * way but reported apart, not in the p50/p99 of the measured plugs.
 */
final class PlugAcross {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Pause between two reads of one NVE's flows. */
    static final Duration POLL = Duration.ofMillis(1);

    /**
     * Milliseconds from {@code ovs-vsctl add-port} in A (included) to the flow on both B NVEs (p50/p99/max) and to
     * the flow on A's own NVE (localP50/localP99).
     */
    record Figures(int plugs, double p50, double p99, double max, double localP50, double localP99, double meanReadMs,
                   int warmup, double warmupP50, double warmupMax, double[] series, double[] localSeries,
                   double cpuA, double cpuB, double cpuBench) {
    }

    private PlugAcross() {
    }

    static Figures run(Federation f, int warmup, int plugs) throws Exception {
        int total = warmup + plugs;
        double[] ms = new double[total];
        String vtepA = f.ha.vtep();
        byte[] tun = FlowProbe.ipv4(vtepA);
        double[] localMs = new double[total];
        List<Hypervisor> nves = new ArrayList<>();
        nves.add(f.ha);
        nves.addAll(f.bNves);
        try (FlowProbe probe = new FlowProbe(nves)) {
            double[] cpu0 = null;
            long self = ProcessHandle.current().pid();
            for (int k = 0; k < total; k++) {
                if (k == warmup) {
                    cpu0 = new double[] {ProcStat.cpuMs(f.a.pid(), false), ProcStat.cpuMs(f.b.pid(), false), ProcStat.cpuMs(self, true)};
                }
                JsonNode p = f.a.port(f.netA, f.subnetA, "203.0.113." + (100 + k % 100));
                String id = p.get("id").asText();
                String mac = p.get("mac_address").asText().toLowerCase();
                String iface = "fp" + k;
                long t0 = System.nanoTime();
                f.ha.vsctl("add-port", "br-int", iface, "--", "set", "Interface", iface, "type=internal",
                        "external_ids:iface-id=" + id, "external_ids:attached-mac=" + mac,
                        "external_ids:iface-status=active");
                // A's own NVE: any flow for the MAC (its local delivery); B's NVEs: a flow tunnelling to A's VTEP.
                long[] t = probe.awaitEach(FlowProbe.mac(mac), null, tun, i -> i == 0 ? flows -> !flows.isEmpty()
                        : flows -> flows.stream().anyMatch(MgmtFlowReader.Flow::setsTunDst), POLL, WAIT);
                localMs[k] = (t[0] - t0) / 1e6;
                ms[k] = (Math.max(t[1], t[2]) - t0) / 1e6;
                // Cross-check with the real ovs-ofctl, outside the clock.
                for (var hv : f.bNves) {
                    if (FlowProbe.ofctl(hv, "dl_dst=" + mac).stream().noneMatch(l -> l.contains(vtepA))) {
                        throw new IllegalStateException(hv.name() + ": ovs-ofctl shows no flow to " + vtepA + " for " + mac);
                    }
                }
                f.ha.vsctl("del-port", "br-int", iface);
                f.a.deletePort(id);
                probe.awaitAll(FlowProbe.mac(mac), null, null, List::isEmpty, POLL, WAIT);
                if ((k + 1) % 50 == 0) {
                    System.err.printf("plug %d/%d%s: %.1f ms%n", k + 1, total, k < warmup ? " (warm-up)" : "", ms[k]);
                }
            }
            double[] cpu = {(ProcStat.cpuMs(f.a.pid(), false) - cpu0[0]) / plugs, (ProcStat.cpuMs(f.b.pid(), false) - cpu0[1]) / plugs,
                (ProcStat.cpuMs(self, true) - cpu0[2]) / plugs};
            double[] warm = Arrays.copyOfRange(ms, 0, warmup);
            double[] measured = Arrays.copyOfRange(ms, warmup, total);
            double[] local = Arrays.copyOfRange(localMs, warmup, total);
            Arrays.sort(warm);
            Arrays.sort(measured);
            Arrays.sort(local);
            return new Figures(plugs, measured[(plugs - 1) / 2], measured[(int) Math.ceil(plugs * 0.99) - 1],
                    measured[plugs - 1], local[(plugs - 1) / 2], local[(int) Math.ceil(plugs * 0.99) - 1],
                    probe.meanReadMs(), warmup, warmup == 0 ? Double.NaN : warm[(warmup - 1) / 2],
                    warmup == 0 ? Double.NaN : warm[warmup - 1], ms, localMs, cpu[0], cpu[1], cpu[2]);
        }
    }
}
