package io.nvo3.controller.mobility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.controller.model.PortRequest;
import io.nvo3.controller.model.SubnetRequest;
import io.nvo3.controller.nve.NveManager;
import io.nvo3.controller.nve.NveStatus;
import io.nvo3.fib.flow.NveState;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import io.nvo3.model.TenantSystemState;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VM reboot (its port unplugged and plugged again on the same hypervisor, same iface-id), also right after the VM
 * moved there, forwards again within the normal plug latency, not after the mobility grace time (30 s by default).
 */
class ReplugIT {
    private static final Logger LOG = LoggerFactory.getLogger(ReplugIT.class);
    /** Generous for a plug that takes tens of milliseconds, far below the 30 s grace time. */
    static final Duration PLUG = Duration.ofSeconds(5);
    static Testbed tb;
    static KvStore store;
    static ModelService model;
    static NveManager manager;
    static Hypervisor hv1;
    static Hypervisor hv2;
    static Vm vm;
    static Vm peer;

    @BeforeAll
    static void up() throws Exception {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
        tb = Testbed.create();
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
        manager = NveManager.start(NveManager.Options.of(new InetSocketAddress(tb.managementAddress(), 0),
                new InetSocketAddress(tb.managementAddress(), 0)), model, store, new SimpleMeterRegistry());
        hv1 = tb.addHypervisor("hv1");
        hv2 = tb.addHypervisor("hv2");
        hv1.joinController(tb.managementAddress(), manager.ovsdbAddress().getPort());
        hv2.joinController(tb.managementAddress(), manager.ovsdbAddress().getPort());
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.nves().stream()
                .filter(n -> "connected".equals(n.openflow()) && n.inSync()).count() == 2);
        Network net = model.createNetwork(NetworkRequest.named("p1", "net1"));
        Subnet sub = model.createSubnet(SubnetRequest.of("p1", net.id(), "203.0.113.0/24"));
        Port a = port(net, sub, "203.0.113.21");
        Port b = port(net, sub, "203.0.113.22");
        vm = hv1.addVm("r1", a.macAddress(), "203.0.113.21/24", a.id());
        peer = hv2.addVm("r2", b.macAddress(), "203.0.113.22/24", b.id());
        peer.awaitReachable(vm.ip(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void down() {
        Awaitility.reset();
        try {
            if (manager != null) {
                manager.close();
            }
            if (model != null) {
                model.close();
            }
            if (store != null) {
                store.close();
            }
        } finally {
            if (tb != null) {
                tb.close();
            }
        }
    }

    static Port port(Network net, Subnet sub, String ip) {
        return model.createPort(new PortRequest(null, "p1", net.id(), null, null, null, null, null, null,
                List.of(new PortRequest.FixedIpRequest(sub.id(), ip)), null, null, null, null, null));
    }

    static boolean carried(String systemId, String mac) {
        NveState d = manager.desired(systemId).orElse(null);
        return d != null && d.flows().keySet().stream().anyMatch(k -> k.match().toString().contains(mac));
    }

    static boolean allInSync() {
        return manager.nves().stream().filter(s -> s.systemId() != null).allMatch(NveStatus::inSync);
    }

    /** Unplug, wait until the NVEs let go of the MAC, plug again: how long until every NVE forwards to it again. */
    static long reboot(Hypervisor at) {
        long t0 = System.nanoTime();
        vm.unplug();
        await().atMost(PLUG).until(() -> model.port(vm.portId()).orElseThrow().state()
                == TenantSystemState.SHUT_OFF && !carried(hv1.systemId(), vm.mac())
                && !carried(hv2.systemId(), vm.mac()) && allInSync());
        long t1 = System.nanoTime();
        vm.plug();
        await().atMost(PLUG).until(() -> model.port(vm.portId()).orElseThrow().state() == TenantSystemState.RUNNING
                && carried(at.systemId(), vm.mac()) && carried(hv2.systemId(), vm.mac()) && allInSync());
        long ms = (System.nanoTime() - t1) / 1_000_000;
        LOG.info("re-plug of {} on {}: unplugged after {} ms, forwarding again after {} ms", vm.mac(), at.name(),
                (t1 - t0) / 1_000_000, ms);
        peer.execUnchecked("ip", "neigh", "flush", "dev", Vm.IFACE);
        peer.awaitReachable(vm.ip(), PLUG);
        return ms;
    }

    @Test
    void aVmRebootedOnItsHypervisorForwardsAgainWithinThePlugLatencyCycleAfterCycle() {
        for (int i = 0; i < 3; i++) {
            assertThat(reboot(hv1)).isLessThan(PLUG.toMillis());
        }
    }

    @Test
    void anInternalPortPluggedAgainUnderTheSameNameForwardsWithinThePlugLatency() {
        // As the NVE benchmark plugs (os-vif style internal interfaces), re-plugged with the same name and iface-id.
        Port p = model.ports().stream().filter(x -> x.id().equals(peer.portId())).findFirst().orElseThrow();
        Port q = port(model.network(p.networkId()).orElseThrow(), model.subnets().stream()
                .filter(s -> s.networkId().equals(p.networkId())).findFirst().orElseThrow(), "203.0.113.23");
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            hv1.vsctl("add-port", "br-int", "bq", "--", "set", "Interface", "bq", "type=internal",
                    "external_ids:iface-id=" + q.id());
            await().atMost(PLUG).until(() -> model.port(q.id()).orElseThrow().state() == TenantSystemState.RUNNING
                    && carried(hv1.systemId(), q.macAddress()) && carried(hv2.systemId(), q.macAddress())
                    && allInSync());
            long t1 = System.nanoTime();
            hv1.vsctl("del-port", "br-int", "bq");
            await().atMost(PLUG).until(() -> !carried(hv1.systemId(), q.macAddress())
                    && !carried(hv2.systemId(), q.macAddress()) && allInSync());
            LOG.info("internal port {} plugged in {} ms, unplugged in {} ms", q.macAddress(),
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        }
    }

    @Test
    void aVmRebootedRightAfterAMoveForwardsAgainWithinThePlugLatency() {
        // Moved hv1 -> hv2 (the redirect on hv1 lasts the grace time), then rebooted on hv2 within that time.
        model.startMove(vm.portId(), hv2.systemId());
        vm.plugInto(hv2);
        await().atMost(PLUG).until(() -> model.port(vm.portId()).orElseThrow().state() == TenantSystemState.RUNNING
                && hv2.systemId().equals(model.port(vm.portId()).orElseThrow().attachedNve()));
        assertThat(reboot(hv2)).isLessThan(PLUG.toMillis());
        assertThat(reboot(hv2)).isLessThan(PLUG.toMillis());
    }
}
