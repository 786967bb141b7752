package io.nvo3.bench.nve;

import io.nvo3.controller.reconcile.NveReconciler;
import io.nvo3.controller.reconcile.ReconcileObserver;
import io.nvo3.controller.reconcile.ReconcileReport;
import io.nvo3.controller.reconcile.SwitchConnectionFlowSwitch;
import io.nvo3.fib.flow.NveState;
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
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * About {@code n} L2 flows (one local port, {@code n} remote MACs in one VN) into one real OVS: programmed by the
 * reconciler through bundles (read back + diff + bundles + barrier), reconciled unchanged after a real reconnect, and
 * the very same flows (OVS's own dump of them) loaded with {@code ovs-ofctl --bundle add-flows} on the same box.
 */
final class FlowProgrammingBench {
    private static final Logger LOG = LoggerFactory.getLogger(FlowProgrammingBench.class);
    private static final Duration WAIT = Duration.ofSeconds(300);

    /**
     * @param coldMs        first programming after the JVM started (codec and diff code not yet compiled)
     * @param warmMs        the same programming again into an emptied switch, after a reconnect
     * @param reconcileMs   attach after a reconnect to the report of an unchanged switch (full read back + diff)
     * @param reconcileMods flow and group mods handed to the switch by that reconcile
     * @param ofctlMs       {@code ovs-ofctl --bundle add-flows} of the same flows, process start to exit
     */
    record Figures(int flows, double coldMs, double warmMs, double reconcileMs, long reconcileMods, double ofctlMs,
                   CpuClock.Reading warmCpu, CpuClock.Reading ofctlCpu, double ofctlClientMs) {
        /** Without CPU figures (tests of the result table). */
        Figures(int flows, double coldMs, double warmMs, double reconcileMs, long reconcileMods, double ofctlMs) {
            this(flows, coldMs, warmMs, reconcileMs, reconcileMods, ofctlMs, null, null, Double.NaN);
        }

        double rate(double ms) {
            return flows / (ms / 1000);
        }
    }

    private final Testbed tb;
    private final String ovsCpu;
    private final LinkedBlockingQueue<SwitchConnection> connections = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<ReconcileReport> reports = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    private NveReconciler reconciler;
    private CpuClock cpu;
    private CpuClock.Reading lastCpu;

    private FlowProgrammingBench(Testbed tb, String ovsCpu) {
        this.tb = tb;
        this.ovsCpu = ovsCpu;
    }

    static Figures run(Testbed tb, int remoteMacs, String ovsCpu) throws Exception {
        FlowProgrammingBench b = new FlowProgrammingBench(tb, ovsCpu);
        try {
            return b.measure(remoteMacs);
        } finally {
            b.exec.shutdownNow();
        }
    }

    private Figures measure(int remoteMacs) throws Exception {
        long c0 = System.nanoTime();
        NveState desired = ReconcileDiffBench.remoteHeavy(remoteMacs);
        LOG.info("desired state of hv1 ({} flows) computed in {} ms", desired.flows().size(),
                Math.round((System.nanoTime() - c0) / 1e6));
        SwitchListener listener = new SwitchListener() {
            @Override
            public void switchConnected(SwitchConnection conn, FeaturesReply features) {
                connections.add(conn);
            }

            @Override
            public void switchDisconnected(SwitchConnection conn, String reason) {
            }
        };
        ReconcileObserver observer = new ReconcileObserver() {
            @Override
            public void reconciled(ReconcileReport report) {
                reports.add(report);
            }

            @Override
            public void failed(String systemId, boolean fullRead, Throwable cause) {
                LOG.error("reconcile of {} failed", systemId, cause);
            }
        };
        try (OpenFlowServer of = OpenFlowServer.start(new InetSocketAddress(tb.managementAddress(), 0), listener,
                ConnectionConfig.defaults())) {
            Hypervisor hv = tb.addHypervisor("hv1");
            if (ovsCpu != null) {
                OvsPinning.pin(hv, ovsCpu);
            }
            String controller = "tcp:" + tb.managementAddress() + ":" + of.localAddress().getPort();
            hv.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev", "fail_mode=secure",
                    "protocols=OpenFlow13", "other_config:disable-in-band=true", "--", "add-port", "br-int", "vxlan-nvo3",
                    "--", "set", "interface", "vxlan-nvo3", "type=vxlan", "options:remote_ip=flow", "options:key=flow",
                    "options:local_ip=" + hv.vtep(), "ofport_request=1", "--", "set-controller", "br-int", controller);
            SwitchConnection conn = nextConnection();
            int flows = desired.flows().size();
            reconciler = new NveReconciler("hv1", exec, observer, Clock.systemUTC(), Duration.ofSeconds(1));
            exec.submit(() -> reconciler.desired(desired)).get();

            // 1. Empty switch: read back, diff, everything in bundles, then a barrier.
            cpu = new CpuClock(hv);
            double coldMs = program(conn, flows, hv, "first programming");

            // 2. A real reconnect (fail_mode=secure keeps the flows): read back and diff, nothing to send.
            conn = reconnect(hv, conn, flows);
            CountingFlowSwitch counting = new CountingFlowSwitch(new SwitchConnectionFlowSwitch(conn));
            long t1 = System.nanoTime();
            exec.submit(() -> reconciler.attach(counting)).get();
            ReconcileReport unchanged = nextReport();
            double reconcileMs = (System.nanoTime() - t1) / 1e6;
            long mods = counting.flowMods() + counting.groupMods();
            check(unchanged.fullRead() && unchanged.plan().isEmpty(), "reconcile of unchanged flows planned " + unchanged.plan());
            check(hv.dumpFlows().size() == flows, "flows changed during an unchanged reconcile");

            // 3. The peer, with no controller connected: the same flows, as OVS itself dumps them, through
            //    ovs-ofctl --bundle add-flows into the emptied bridge.
            //    The flows output to groups, which go in first, untimed (they are a handful).
            Path file = Files.createTempFile(tb.stateDir(), "flows", ".txt");
            Files.write(file, hv.dumpFlows());
            Path groupFile = Files.createTempFile(tb.stateDir(), "groups", ".txt");
            Files.write(groupFile, hv.ofctl("dump-groups").lines().filter(l -> l.strip().startsWith("group_id=")).toList());
            disconnect(hv, conn);
            hv.exec("ovs-ofctl", "-O", "OpenFlow13", "del-flows", "br-int");
            check(hv.dumpFlows().isEmpty(), "del-flows left flows");
            hv.exec("ovs-ofctl", "-O", "OpenFlow13", "del-groups", "br-int");
            hv.exec("ovs-ofctl", "-O", "OpenFlow13", "add-groups", "br-int", groupFile.toString());
            Path rusage = Files.createTempFile(tb.stateDir(), "ofctl", ".time");
            CpuClock.Reading c2 = cpu.now();
            long t2 = System.nanoTime();
            // /usr/bin/time (a few hundred microseconds more) reports ovs-ofctl's own CPU time.
            hv.exec("/usr/bin/time", "-o", rusage.toString(), "-f", "%U %S", "ovs-ofctl", "-O", "OpenFlow13", "--bundle",
                    "add-flows", "br-int", file.toString());
            double ofctlMs = (System.nanoTime() - t2) / 1e6;
            CpuClock.Reading ofctlCpu = cpu.now().minus(c2);
            String[] us = Files.readString(rusage).strip().split("\\s+");
            double ofctlClientMs =
                    (Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1])) * 1000;
            LOG.info("ovs-ofctl --bundle add-flows: {} flows in {} ms; CPU: ovs-ofctl {} ms, ovs-vswitchd {} ms", flows,
                    Math.round(ofctlMs), Math.round(ofctlClientMs), Math.round(ofctlCpu.ovsMs()));
            check(hv.dumpFlows().size() == flows, "ovs-ofctl --bundle add-flows did not load " + flows + " flows");

            // 4. Programming again with compiled code: empty the switch, connect, program.
            hv.exec("ovs-ofctl", "-O", "OpenFlow13", "del-flows", "br-int");
            check(hv.dumpFlows().isEmpty(), "del-flows left flows");
            conn = connect(hv, controller);
            double warmMs = program(conn, flows, hv, "second programming");
            return new Figures(flows, coldMs, warmMs, reconcileMs, mods, ofctlMs, lastCpu, ofctlCpu, ofctlClientMs);
        }
    }

    /** Attach to an empty switch and wait for the report and a barrier; returns the elapsed milliseconds. */
    private double program(SwitchConnection conn, int flows, Hypervisor hv, String what) throws Exception {
        CountingFlowSwitch counting = new CountingFlowSwitch(new SwitchConnectionFlowSwitch(conn));
        var threads0 = CpuClock.threads();
        CpuClock.Reading c0 = cpu.now();
        long t0 = System.nanoTime();
        exec.submit(() -> reconciler.attach(counting)).get();
        ReconcileReport report = nextReport();
        long t1 = System.nanoTime();
        conn.barrier().get(60, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t0) / 1e6;
        lastCpu = cpu.now().minus(c0);
        LOG.info("{}: busiest JVM threads: {}", what, CpuClock.busiest(threads0, CpuClock.threads()));
        check(report.plan().flowAdds() == flows && counting.flowMods() == flows,
                what + ": planned " + report.plan().flowAdds() + " adds, sent " + counting.flowMods() + " flow mods, want " + flows);
        int installed = hv.dumpFlows().size();
        check(installed == flows, what + ": switch holds " + installed + " flows, want " + flows);
        LOG.info("{}: {} flows in {} ms (committed after {} ms); CPU: JVM {} ms, ovs-vswitchd {} ms", what, flows,
                Math.round(ms), Math.round((t1 - t0) / 1e6), Math.round(lastCpu.jvmMs()), Math.round(lastCpu.ovsMs()));
        return ms;
    }

    /**
     * Closes the OpenFlow connection from the controller's side and waits for the switch to connect again. With
     * fail_mode=secure and an unchanged controller setting the switch keeps its flows meanwhile.
     */
    private SwitchConnection reconnect(Hypervisor hv, SwitchConnection old, int expectFlows) throws Exception {
        exec.submit(() -> reconciler.detach()).get();
        old.close();
        Poll.until("the old OpenFlow connection to close", Duration.ofSeconds(30), () -> !old.isActive());
        int kept = hv.dumpFlows().size();
        check(kept == expectFlows, "switch holds " + kept + " flows after losing its controller, want " + expectFlows);
        return nextConnection();
    }

    /** Removes the controller from the bridge (OVS then flushes the bridge's flows). */
    private void disconnect(Hypervisor hv, SwitchConnection old) throws Exception {
        exec.submit(() -> reconciler.detach()).get();
        hv.vsctl("del-controller", "br-int");
        Poll.until("the old OpenFlow connection to close", Duration.ofSeconds(30), () -> !old.isActive());
    }

    private SwitchConnection connect(Hypervisor hv, String controller) throws Exception {
        hv.vsctl("set-controller", "br-int", controller);
        return nextConnection();
    }

    private SwitchConnection nextConnection() throws InterruptedException {
        SwitchConnection c = connections.poll(60, TimeUnit.SECONDS);
        check(c != null, "the switch did not connect within 60 s");
        return c;
    }

    private ReconcileReport nextReport() throws InterruptedException {
        ReconcileReport r = reports.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        check(r != null, "no reconcile report within " + WAIT);
        return r;
    }

    static void check(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException(failure);
        }
    }
}
