package io.nvo3.controller.nve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.model.NetworkRequest;
import io.nvo3.controller.model.PortRequest;
import io.nvo3.controller.model.SubnetRequest;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The NVE manager against two real OVS hypervisors: onboarding, plug binding, ping over VXLAN. */
class NveManagerIT {
    static Testbed tb;
    static KvStore store;
    static ModelService model;
    static NveManager manager;
    static Hypervisor hv1;
    static Hypervisor hv2;

    @BeforeAll
    static void up() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        tb = Testbed.create();
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults());
        manager = NveManager.start(NveManager.Options.of(new InetSocketAddress(tb.managementAddress(), 0),
                new InetSocketAddress(tb.managementAddress(), 0)), model, store, new SimpleMeterRegistry());
        hv1 = tb.addHypervisor("hv1");
        hv2 = tb.addHypervisor("hv2");
        hv1.joinController(tb.managementAddress(), manager.ovsdbAddress().getPort());
        hv2.joinController(tb.managementAddress(), manager.ovsdbAddress().getPort());
    }

    @AfterAll
    static void down() {
        if (manager != null) {
            manager.close();
        }
        if (model != null) {
            model.close();
        }
        if (store != null) {
            store.close();
        }
        if (tb != null) {
            tb.close();
        }
    }

    @Test
    void joinsProvisionsBrIntAndCarriesPingBetweenNves() {
        hv1.awaitBrInt(Duration.ofSeconds(20));
        hv2.awaitBrInt(Duration.ofSeconds(20));
        assertThat(hv1.vsctl("get", "bridge", "br-int", "fail_mode")).isEqualTo("secure");
        assertThat(hv1.vsctl("get", "bridge", "br-int", "protocols")).contains("OpenFlow13");
        assertThat(hv1.vsctl("get", "interface", NveFacts.TUNNEL_PORT, "options")).contains("remote_ip=flow")
                .contains("local_ip=\"" + hv1.vtep() + "\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.nves().stream()
                .filter(n -> "connected".equals(n.openflow()) && n.inSync()).count() == 2);

        Network net = model.createNetwork(NetworkRequest.named("p1", "net1"));
        Subnet sub = model.createSubnet(SubnetRequest.of("p1", net.id(), "203.0.113.0/24"));
        Port a = port(net, sub, "203.0.113.11");
        Port b = port(net, sub, "203.0.113.12");
        Vm va = hv1.addVm("va", a.macAddress(), "203.0.113.11/24", a.id());
        Vm vb = hv2.addVm("vb", b.macAddress(), "203.0.113.12/24", b.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> model.port(a.id()).orElseThrow().status().equals("ACTIVE")
                && model.port(b.id()).orElseThrow().status().equals("ACTIVE"));
        assertThat(model.port(a.id()).orElseThrow().hostId()).isEqualTo(hv1.systemId());
        va.awaitReachable(vb.ip(), Duration.ofSeconds(20));
        assertThat(va.ping(vb.ip(), 3, 200, Duration.ofSeconds(5)).allReceived()).isTrue();
    }

    static Port port(Network net, Subnet sub, String ip) {
        return model.createPort(new PortRequest(null, "p1", net.id(), null, null, null, null, null, null,
                List.of(new PortRequest.FixedIpRequest(sub.id(), ip)), null, null, null, null, null));
    }
}
