package io.nvo3.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.reconcile.NveReconciler;
import io.nvo3.controller.reconcile.ReconcileObserver;
import io.nvo3.controller.reconcile.ReconcileReport;
import io.nvo3.controller.reconcile.SwitchConnectionFlowSwitch;
import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.openflow.channel.ConnectionConfig;
import io.nvo3.openflow.channel.OpenFlowServer;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.channel.SwitchListener;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.Testbed;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures against real OVS (run on demand: {@code -Dit.test=NveBenchIT}; sizes with -Dnvo3.bench.flows
 * and -Dnvo3.bench.plugs). Prints one "BENCH" line per figure.
 */
class NveBenchIT {
    static final Logger LOG = LoggerFactory.getLogger(NveBenchIT.class);

    static {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    }

    @Test
    void programsAndReconcilesOneHundredThousandFlows() throws Exception {
        int n = Integer.getInteger("nvo3.bench.flows", 100_000);
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        LinkedBlockingQueue<SwitchConnection> conns = new LinkedBlockingQueue<>();
        try (Testbed tb = Testbed.create();
             OpenFlowServer of = OpenFlowServer.start(new InetSocketAddress(tb.managementAddress(), 0),
                     new SwitchListener() {
                         @Override
                         public void switchConnected(SwitchConnection conn, FeaturesReply features) {
                             conns.add(conn);
                         }

                         @Override
                         public void switchDisconnected(SwitchConnection conn, String reason) {
                         }
                     }, ConnectionConfig.defaults())) {
            Hypervisor hv = tb.addHypervisor("hv1");
            hv.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev", "fail_mode=secure",
                    "protocols=OpenFlow13", "other_config:disable-in-band=true", "--", "add-port", "br-int", "vxlan-nvo3",
                    "--", "set", "interface", "vxlan-nvo3", "type=vxlan", "options:remote_ip=flow", "options:key=flow",
                    "options:local_ip=" + hv.vtep(), "ofport_request=1", "--", "set-controller", "br-int",
                    "tcp:" + tb.managementAddress() + ":" + of.localAddress().getPort());
            SwitchConnection conn = conns.poll(30, TimeUnit.SECONDS);
            assertThat(conn).isNotNull();
            NveState desired = remoteHeavy(n);
            int flows = desired.flows().size();

            LinkedBlockingQueue<ReconcileReport> reports = new LinkedBlockingQueue<>();
            ReconcileObserver obs = new ReconcileObserver() {
                @Override
                public void reconciled(ReconcileReport report) {
                    reports.add(report);
                }

                @Override
                public void failed(String systemId, boolean fullRead, Throwable cause) {
                    LOG.error("reconcile failed", cause);
                }
            };
            NveReconciler r = new NveReconciler("hv1", exec, obs, Clock.systemUTC(), Duration.ofSeconds(1));
            long t0 = System.nanoTime();
            exec.submit(() -> {
                r.desired(desired);
                r.attach(new SwitchConnectionFlowSwitch(conn));
            }).get();
            ReconcileReport first = reports.poll(300, TimeUnit.SECONDS);
            conn.barrier().get(60, TimeUnit.SECONDS);
            double programMs = (System.nanoTime() - t0) / 1e6;
            assertThat(first).isNotNull();
            assertThat(first.plan().flowAdds()).isEqualTo(flows);
            assertThat(countFlows(hv)).isEqualTo(flows);
            System.out.printf("BENCH program %d flows (read back + diff + bundles): %.0f ms = %.0f flows/s%n", flows,
                    programMs, flows / (programMs / 1000));

            // Reconcile of the same, unchanged flows after a "reconnect".
            NveReconciler again = new NveReconciler("hv1", exec, obs, Clock.systemUTC(), Duration.ofSeconds(1));
            long t1 = System.nanoTime();
            exec.submit(() -> {
                again.desired(desired);
                again.attach(new SwitchConnectionFlowSwitch(conn));
            }).get();
            ReconcileReport unchanged = reports.poll(300, TimeUnit.SECONDS);
            double reconcileMs = (System.nanoTime() - t1) / 1e6;
            assertThat(unchanged).isNotNull();
            assertThat(unchanged.plan().isEmpty()).isTrue();
            System.out.printf("BENCH reconcile %d unchanged flows: %.0f ms, 0 flow mods%n", flows, reconcileMs);

            // The same flows through ovs-ofctl --bundle add-flows, from its own dump.
            Path file = Files.createTempFile(tb.stateDir(), "flows", ".txt");
            Files.write(file, hv.dumpFlows());
            hv.exec("ovs-ofctl", "-O", "OpenFlow13", "del-flows", "br-int");
            assertThat(countFlows(hv)).isZero();
            long t2 = System.nanoTime();
            hv.exec("ovs-ofctl", "-O", "OpenFlow13", "--bundle", "add-flows", "br-int", file.toString());
            double ofctlMs = (System.nanoTime() - t2) / 1e6;
            assertThat(countFlows(hv)).isEqualTo(flows);
            System.out.printf("BENCH ovs-ofctl --bundle add-flows %d flows: %.0f ms = %.0f flows/s%n", flows, ofctlMs,
                    flows / (ofctlMs / 1000));
        } finally {
            exec.shutdownNow();
        }
    }

    /** One local port and {@code n} remote MACs in one VN: about {@code n} L2 flows on hv1. */
    static NveState remoteHeavy(int n) {
        List<TenantSystem> tss = new ArrayList<>();
        tss.add(new TenantSystem("local", "vn", new MacAddress(0xfa163e000001L), List.of(IpAddresses.parse("203.0.113.1")),
                List.of(), true, TsState.RUNNING, new TsLocation.Bound("hv1", 2)));
        for (int i = 0; i < n; i++) {
            tss.add(new TenantSystem("r" + i, "vn", new MacAddress(0xfa163f000000L + i), List.of(), List.of(), false,
                    TsState.RUNNING, new TsLocation.Bound("hv2", 10 + i)));
        }
        FibInput in = FibInput.of(List.of(new Nve("hv1", IpAddresses.parseV4("198.18.0.1"), 1),
                        new Nve("hv2", IpAddresses.parseV4("198.18.0.2"), 1)), List.of(new VirtualNetwork("vn", 1000)),
                tss, Set.of(), Set.of());
        return Fib.compute(in).get("hv1");
    }

    static int countFlows(Hypervisor hv) {
        return hv.dumpFlows().size();
    }

    @Test
    void plugToFlowsOnAllNves() throws Exception {
        int plugs = Integer.getInteger("nvo3.bench.plugs", 500);
        Path data = Files.createTempDirectory("nvo3-bench-");
        try (Testbed tb = Testbed.create();
             InProcessController ctl = InProcessController.start(data, tb.managementAddress(), 0, 0, 0)) {
            Neutron api = new Neutron(ctl.apiPort(), InProcessController.TOKEN);
            List<Hypervisor> hvs = List.of(tb.addHypervisor("hv1"), tb.addHypervisor("hv2"), tb.addHypervisor("hv3"));
            for (Hypervisor hv : hvs) {
                hv.joinController(tb.managementAddress(), ctl.ovsdbPort());
                hv.awaitBrInt(Duration.ofSeconds(30));
            }
            String net = api.network("bench", "bench").get("id").asText();
            String sub = api.subnet("bench", net, "198.51.100.0/24").get("id").asText();
            // A VM on each NVE so that every NVE carries the VN.
            List<String> seed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode p = api.port("bench", net, sub, "198.51.100." + (10 + i));
                hvs.get(i).vsctl("add-port", "br-int", "seed" + i, "--", "set", "Interface", "seed" + i, "type=internal",
                        "external_ids:iface-id=" + p.get("id").asText());
                seed.add(p.get("mac_address").asText());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> allCarry(ctl, seed));
            List<JsonNode> ports = new ArrayList<>();
            for (int i = 0; i < plugs; i++) {
                ports.add(api.port("bench", net, sub, "198.51.100." + (20 + i % 230)).deepCopy());
                if (i % 230 == 229) {
                    break; // one /24 holds at most 230 more addresses here
                }
            }
            List<Double> ms = new ArrayList<>();
            int k = 0;
            while (ms.size() < plugs) {
                JsonNode p = ports.get(k % ports.size());
                Hypervisor hv = hvs.get(k % 3);
                String iface = "b" + k;
                long t0 = System.nanoTime();
                hv.vsctl("add-port", "br-int", iface, "--", "set", "Interface", iface, "type=internal",
                        "external_ids:iface-id=" + p.get("id").asText());
                String mac = p.get("mac_address").asText();
                await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(30))
                        .until(() -> allCarry(ctl, List.of(mac)));
                ms.add((System.nanoTime() - t0) / 1e6);
                hv.vsctl("del-port", "br-int", iface);
                await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(30))
                        .until(() -> !anyCarries(ctl, mac));
                k++;
            }
            Collections.sort(ms);
            System.out.printf("BENCH plug -> flows installed on all 3 NVEs over %d plugs: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                    + " (includes ovs-vsctl add-port)%n", ms.size(), ms.get(ms.size() / 2),
                    ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.getLast());
        } finally {
            try (Stream<Path> s = Files.walk(data)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    /** Every NVE wants a flow for each MAC and has installed everything it wants. */
    static boolean allCarry(InProcessController ctl, List<String> macs) {
        for (String sid : List.of("hv1", "hv2", "hv3")) {
            NveState d = ctl.nve().desired(sid).orElse(null);
            if (d == null || !macs.stream().allMatch(m -> mentions(d, m))) {
                return false;
            }
        }
        return ctl.nve().nves().stream().filter(s -> s.systemId() != null).allMatch(s -> s.inSync());
    }

    static boolean anyCarries(InProcessController ctl, String mac) {
        for (String sid : List.of("hv1", "hv2", "hv3")) {
            NveState d = ctl.nve().desired(sid).orElse(null);
            if (d != null && mentions(d, mac)) {
                return true;
            }
        }
        return !ctl.nve().nves().stream().filter(s -> s.systemId() != null).allMatch(s -> s.inSync());
    }

    static boolean mentions(NveState d, String mac) {
        return d.flows().keySet().stream().anyMatch(k -> k.match().toString().contains(mac));
    }

}
