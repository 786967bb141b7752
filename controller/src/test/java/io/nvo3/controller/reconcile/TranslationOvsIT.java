package io.nvo3.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibMode;
import io.nvo3.openflow.channel.ConnectionConfig;
import io.nvo3.openflow.channel.OpenFlowServer;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.channel.SwitchListener;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.Testbed;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Against real OVS 3.1: whatever the FIB writes (push, pull and hybrid pipelines: tunnels, groups, port security,
 * ARP responder with reg_move and set_field) reads back from a flow-stats reply as equal to the desired state, so a
 * second reconcile sends nothing.
 */
class TranslationOvsIT {
    static Testbed tb;
    static OpenFlowServer of;
    static Hypervisor hv;
    static SwitchConnection conn;
    static final ScheduledExecutorService EXEC = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void up() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        LinkedBlockingQueue<SwitchConnection> conns = new LinkedBlockingQueue<>();
        tb = Testbed.create();
        of = OpenFlowServer.start(new InetSocketAddress(tb.managementAddress(), 0), new SwitchListener() {
            @Override
            public void switchConnected(SwitchConnection c, FeaturesReply features) {
                conns.add(c);
            }

            @Override
            public void switchDisconnected(SwitchConnection c, String reason) {
            }
        }, ConnectionConfig.defaults());
        hv = tb.addHypervisor("hv1");
        hv.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev", "fail_mode=secure",
                "protocols=OpenFlow13", "other_config:disable-in-band=true", "--", "add-port", "br-int", "vxlan-nvo3",
                "--", "set", "interface", "vxlan-nvo3", "type=vxlan", "options:remote_ip=flow", "options:key=flow",
                "options:local_ip=" + hv.vtep(), "ofport_request=1", "--", "set-controller", "br-int",
                "tcp:" + tb.managementAddress() + ":" + of.localAddress().getPort());
        conn = conns.poll(30, TimeUnit.SECONDS);
        assertThat(conn).isNotNull();
    }

    @AfterAll
    static void down() {
        EXEC.shutdownNow();
        if (of != null) {
            of.close();
        }
        if (tb != null) {
            tb.close();
        }
    }

    @ParameterizedTest
    @EnumSource(FibMode.class)
    void whatTheFibWritesReadsBackEqual(FibMode mode) throws Exception {
        NveState desired = Fib.compute(Samples.input(mode)).get("hv1");
        LinkedBlockingQueue<ReconcileReport> reports = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        ReconcileObserver obs = new ReconcileObserver() {
            @Override
            public void reconciled(ReconcileReport report) {
                reports.add(report);
            }

            @Override
            public void failed(String systemId, boolean fullRead, Throwable cause) {
                failures.add(cause);
            }
        };
        NveReconciler first = new NveReconciler("hv1", EXEC, obs, Clock.systemUTC(), Duration.ofSeconds(30));
        EXEC.submit(() -> {
            first.desired(desired);
            first.attach(new SwitchConnectionFlowSwitch(conn));
        }).get();
        ReconcileReport programmed = reports.poll(30, TimeUnit.SECONDS);
        assertThat(failures).isEmpty();
        assertThat(programmed).isNotNull();
        EXEC.submit(first::detach).get();
        assertThat(hv.dumpFlows()).hasSize(desired.flows().size());

        NveReconciler second = new NveReconciler("hv1", EXEC, obs, Clock.systemUTC(), Duration.ofSeconds(30));
        EXEC.submit(() -> {
            second.desired(desired);
            second.attach(new SwitchConnectionFlowSwitch(conn));
        }).get();
        ReconcileReport again = reports.poll(30, TimeUnit.SECONDS);
        assertThat(again).isNotNull();
        assertThat(again.fullRead()).isTrue();
        assertThat(again.plan().toString()).isEqualTo(ReconcilePlan.between(desired, InstalledState.of(desired)).toString());
        assertThat(again.plan().isEmpty()).as("%s mode re-reconcile: %s", mode, again.plan()).isTrue();
        EXEC.submit(second::detach).get();
    }
}
