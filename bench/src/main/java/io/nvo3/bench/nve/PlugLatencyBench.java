package io.nvo3.bench.nve;

import io.nvo3.app.ControllerRuntime;
import io.nvo3.app.config.ControllerConfig;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.nve.NveStatus;
import io.nvo3.fib.flow.NveState;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.Testbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plug latency: an OVS port with {@code external_ids:iface-id} appears on one of three real hypervisors (as os-vif
 * plugs a VM), and the clock stops when every NVE's desired state carries the port's MAC and every NVE reports its
 * switch in sync (the last bundle committed). Then the port is unplugged and the next plug waits until no NVE
 * carries it any more. Every plug uses a fresh port created beforehand through the Neutron API (230 per network),
 * plugged round-robin on hv1..hv3.
 */
final class PlugLatencyBench {
    private static final List<String> NVES = List.of("hv1", "hv2", "hv3");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Ports per network, 198.51.100.20–249: the subnet's other addresses go to the seed ports and the gateway. */
    private static final int MAX_PORTS = 230;

    /** Milliseconds from {@code ovs-vsctl add-port} (included) to flows installed on all three NVEs. */
    record Figures(int plugs, double p50, double p99, double max) {
    }

    private PlugLatencyBench() {
    }

    static Figures run(Testbed tb, int plugs, String ovsCpu) throws Exception {
        // Inside the testbed's directory, so that the testbed removes it also when the JVM is killed.
        Path data = Files.createDirectories(tb.stateDir().resolve("controller"));
        try (ControllerRuntime ctl = ControllerRuntime.start(ControllerConfig.embedded(data, tb.managementAddress()))) {
            NeutronClient api = new NeutronClient(ctl.apiAddress().getPort(), ctl.adminToken().orElseThrow());
            List<Hypervisor> hvs = new ArrayList<>();
            for (String name : NVES) {
                Hypervisor hv = tb.addHypervisor(name);
                if (ovsCpu != null) {
                    OvsPinning.pin(hv, ovsCpu);
                }
                hv.joinController(tb.managementAddress(), ctl.ovsdbAddress().getPort());
                hv.awaitBrInt(WAIT);
                hvs.add(hv);
            }
            // Every plug gets a fresh port: one network per 230 ports (198.51.100.20-249 in each, overlapping as
            // tenants' subnets do), with a seed port on every NVE so that every NVE carries every VN.
            int networks = (plugs + MAX_PORTS - 1) / MAX_PORTS;
            List<String> seed = new ArrayList<>();
            List<JsonNode> ports = new ArrayList<>();
            for (int n = 0; n < networks; n++) {
                String net = api.network("bench", "bench" + n).get("id").asText();
                String sub = api.subnet("bench", net, "198.51.100.0/24").get("id").asText();
                for (int i = 0; i < hvs.size(); i++) {
                    JsonNode p = api.port("bench", net, sub, "198.51.100." + (10 + i));
                    String iface = "seed" + n + "x" + i;
                    hvs.get(i).vsctl("add-port", "br-int", iface, "--", "set", "Interface", iface, "type=internal",
                            "external_ids:iface-id=" + p.get("id").asText());
                    seed.add(p.get("mac_address").asText());
                }
                for (int i = 0; i < MAX_PORTS && ports.size() < plugs; i++) {
                    ports.add(api.port("bench", net, sub, "198.51.100." + (20 + i)));
                }
            }
            Poll.until("the seed ports on all NVEs", Duration.ofSeconds(60), () -> allCarry(ctl, seed));
            double[] ms = new double[plugs];
            for (int k = 0; k < plugs; k++) {
                // A port is plugged once: replugging a port unplugged moments ago, or on another NVE (a VM move,
                // whose redirect lasts a grace time), is not what this measures.
                JsonNode p = ports.get(k);
                Hypervisor hv = hvs.get(k % hvs.size());
                String iface = "b" + k;
                String mac = p.get("mac_address").asText();
                long t0 = System.nanoTime();
                hv.vsctl("add-port", "br-int", iface, "--", "set", "Interface", iface, "type=internal",
                        "external_ids:iface-id=" + p.get("id").asText());
                Poll.until(mac + " on all NVEs", WAIT, () -> allCarry(ctl, List.of(mac)));
                ms[k] = (System.nanoTime() - t0) / 1e6;
                hv.vsctl("del-port", "br-int", iface);
                Poll.until(mac + " gone from all NVEs", WAIT, () -> noneCarries(ctl, mac));
            }
            Arrays.sort(ms);
            return new Figures(plugs, ms[plugs / 2], ms[(int) Math.ceil(plugs * 0.99) - 1], ms[plugs - 1]);
        } finally {
            try (Stream<Path> s = Files.walk(data)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    /** Every NVE wants a flow for each MAC and has installed everything it wants. */
    static boolean allCarry(ControllerRuntime ctl, List<String> macs) {
        for (String sid : NVES) {
            NveState d = ctl.nve().desired(sid).orElse(null);
            if (d == null || !macs.stream().allMatch(m -> mentions(d, m))) {
                return false;
            }
        }
        return allInSync(ctl);
    }

    static boolean noneCarries(ControllerRuntime ctl, String mac) {
        for (String sid : NVES) {
            NveState d = ctl.nve().desired(sid).orElse(null);
            if (d != null && mentions(d, mac)) {
                return false;
            }
        }
        return allInSync(ctl);
    }

    private static boolean allInSync(ControllerRuntime ctl) {
        List<NveStatus> nves = ctl.nve().nves().stream().filter(s -> s.systemId() != null).toList();
        return nves.size() == NVES.size() && nves.stream().allMatch(NveStatus::inSync);
    }

    static boolean mentions(NveState d, String mac) {
        return d.flows().keySet().stream().anyMatch(k -> k.match().toString().contains(mac));
    }
}
