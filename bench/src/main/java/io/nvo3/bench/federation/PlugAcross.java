package io.nvo3.bench.federation;

import com.fasterxml.jackson.databind.JsonNode;
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
 */
final class PlugAcross {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Pause between two reads of one NVE's flows. */
    static final Duration POLL = Duration.ofMillis(1);

    /**
     * Milliseconds from {@code ovs-vsctl add-port} in A (included) to the flow on both B NVEs (p50/p99/max) and to
     * the flow on A's own NVE (localP50/localP99).
     */
    record Figures(int plugs, double p50, double p99, double max, double localP50, double localP99, double meanReadMs) {
    }

    private PlugAcross() {
    }

    static Figures run(Federation f, int plugs) throws Exception {
        double[] ms = new double[plugs];
        String vtepA = f.ha.vtep();
        byte[] tun = FlowProbe.ipv4(vtepA);
        double[] localMs = new double[plugs];
        List<Hypervisor> nves = new ArrayList<>();
        nves.add(f.ha);
        nves.addAll(f.bNves);
        try (FlowProbe probe = new FlowProbe(nves)) {
            for (int k = 0; k < plugs; k++) {
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
                    System.err.printf("plug %d/%d: %.1f ms%n", k + 1, plugs, ms[k]);
                }
            }
            Arrays.sort(ms);
            Arrays.sort(localMs);
            return new Figures(plugs, ms[(plugs - 1) / 2], ms[(int) Math.ceil(plugs * 0.99) - 1], ms[plugs - 1],
                    localMs[(plugs - 1) / 2], localMs[(int) Math.ceil(plugs * 0.99) - 1], probe.meanReadMs());
        }
    }
}
