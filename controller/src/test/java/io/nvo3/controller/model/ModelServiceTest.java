package io.nvo3.controller.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nvo3.model.AllocationPool;
import io.nvo3.model.FixedIp;
import io.nvo3.model.ModelEvent;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.Subnet;
import io.nvo3.model.TenantSystemState;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServiceTest {
    private KvStore store;
    private ModelService model;

    @BeforeEach
    void open() {
        store = KvStores.inMemory();
        model = ModelService.open(store, ModelConfig.defaults().withVniRange(5000, 5002));
    }

    @AfterEach
    void close() {
        model.close();
        store.close();
    }

    private Network net(String project) {
        return model.createNetwork(NetworkRequest.named(project, "n"));
    }

    private Subnet subnet(Network n, String cidr) {
        return model.createSubnet(SubnetRequest.of(n.projectId(), n.id(), cidr));
    }

    private static PortRequest withIps(String project, String net, List<PortRequest.FixedIpRequest> ips) {
        return new PortRequest(null, project, net, null, null, null, null, null, null, ips, null, null, null, null, null);
    }

    @Test
    void allocatesVnisFromTheRangeAndRefusesAClashOrExhaustion() {
        assertThat(net("p").vni()).isEqualTo(5000);
        Network asked = model.createNetwork(new NetworkRequest(null, "p", "x", null, null, null, null, 5001L, null));
        assertThat(asked.vni()).isEqualTo(5001);
        assertThatThrownBy(() -> model.createNetwork(new NetworkRequest(null, "p", "y", null, null, null, null, 5001L, null)))
                .isInstanceOfSatisfying(ModelException.Conflict.class, e -> {
                    assertThat(e.type()).isEqualTo("TunnelIdInUse");
                    assertThat(e.field()).isEqualTo("provider:segmentation_id");
                });
        assertThat(net("p").vni()).isEqualTo(5002); // 5001 was taken by hand
        assertThatThrownBy(() -> net("p")).isInstanceOf(ModelException.Unavailable.class);
        // an admin may pick a VNI outside the automatic range
        assertThat(model.createNetwork(new NetworkRequest(null, "p", "z", null, null, null, null, 70000L, null)).vni())
                .isEqualTo(70000);
        model.deleteNetwork(asked.id());
        assertThat(net("p").vni()).isEqualTo(5001);
    }

    @Test
    void allocatesAddressesLowestFirstAndReportsExhaustion() {
        Network n = net("p");
        Subnet s = model.createSubnet(new SubnetRequest(null, "p", n.id(), null, null, 4, "203.0.113.0/24", null,
                List.of(new AllocationPool("203.0.113.10", "203.0.113.11")), null, null, null, null, null));
        Port a = model.createPort(PortRequest.on("p", n.id()));
        Port b = model.createPort(PortRequest.on("p", n.id()));
        assertThat(a.fixedIps()).containsExactly(new FixedIp(s.id(), "203.0.113.10"));
        assertThat(b.fixedIps()).containsExactly(new FixedIp(s.id(), "203.0.113.11"));
        assertThatThrownBy(() -> model.createPort(PortRequest.on("p", n.id())))
                .isInstanceOfSatisfying(ModelException.Conflict.class,
                        e -> assertThat(e.type()).isEqualTo("IpAddressGenerationFailure"));
        // an address outside the pools may still be asked for
        Port c = model.createPort(withIps("p", n.id(), List.of(new PortRequest.FixedIpRequest(null, "203.0.113.200"))));
        assertThat(c.fixedIps()).containsExactly(new FixedIp(s.id(), "203.0.113.200"));
        model.deletePort(a.id());
        assertThat(model.createPort(PortRequest.on("p", n.id())).fixedIps()).containsExactly(new FixedIp(s.id(), "203.0.113.10"));
    }

    @Test
    void refusesADuplicateAddressAndLeavesNothingHalfWritten() {
        Network n = net("p");
        Subnet s = subnet(n, "198.51.100.0/24");
        model.createPort(withIps("p", n.id(), List.of(new PortRequest.FixedIpRequest(s.id(), "198.51.100.5"))));
        long rev = store.revision();
        int ports = model.ports().size();
        assertThatThrownBy(() -> model.createPort(withIps("p", n.id(), List.of(
                new PortRequest.FixedIpRequest(s.id(), "198.51.100.6"),
                new PortRequest.FixedIpRequest(s.id(), "198.51.100.5")))))
                .isInstanceOfSatisfying(ModelException.Conflict.class, e -> {
                    assertThat(e.type()).isEqualTo("IpAddressInUse");
                    assertThat(e.field()).isEqualTo("fixed_ips");
                });
        assertThat(store.revision()).isEqualTo(rev);
        assertThat(model.ports()).hasSize(ports);
        // .6 was reserved during the failed attempt and must be free again
        assertThat(model.createPort(withIps("p", n.id(), List.of(new PortRequest.FixedIpRequest(null, "198.51.100.6"))))
                .fixedIps()).containsExactly(new FixedIp(s.id(), "198.51.100.6"));
    }

    @Test
    void refusesAddressesOutsideTheNetworkAndInvalidOnes() {
        Network n = net("p");
        Subnet s = subnet(n, "198.51.100.0/24");
        assertThatThrownBy(() -> model.createPort(withIps("p", n.id(), List.of(new PortRequest.FixedIpRequest(null, "203.0.113.5")))))
                .isInstanceOfSatisfying(ModelException.BadRequest.class, e -> assertThat(e.type()).isEqualTo("InvalidIpForNetwork"));
        assertThatThrownBy(() -> model.createPort(withIps("p", n.id(), List.of(new PortRequest.FixedIpRequest(s.id(), "198.51.100.0")))))
                .isInstanceOfSatisfying(ModelException.BadRequest.class, e -> assertThat(e.type()).isEqualTo("InvalidIpForSubnet"));
        assertThatThrownBy(() -> model.createPort(withIps("p", n.id(), List.of(new PortRequest.FixedIpRequest(s.id(), "198.51.100.300")))))
                .isInstanceOfSatisfying(ModelException.BadRequest.class, e -> assertThat(e.field()).isEqualTo("fixed_ips"));
        assertThatThrownBy(() -> model.createSubnet(SubnetRequest.of("p", n.id(), "10.0.0.1/8")))
                .isInstanceOfSatisfying(ModelException.BadRequest.class, e -> assertThat(e.field()).isEqualTo("cidr"));
    }

    @Test
    void overlappingCidrsAreFineAcrossNetworksButNotWithinOne() {
        Network a = net("p"), b = net("q");
        subnet(a, "203.0.113.0/24");
        subnet(b, "203.0.113.0/24");
        assertThatThrownBy(() -> subnet(a, "203.0.113.128/25")).isInstanceOf(ModelException.BadRequest.class)
                .hasMessageContaining("overlaps");
        Subnet v6 = subnet(a, "2001:db8::/64");
        assertThat(v6.gatewayIp()).isEqualTo("2001:db8::1");
        Port p = model.createPort(PortRequest.on("p", a.id()));
        assertThat(p.fixedIps()).extracting(FixedIp::ipAddress).containsExactly("203.0.113.2", "2001:db8::2");
    }

    @Test
    void macsAreUniqueAndLocallyAdministered() {
        Network n = net("p");
        Set<String> macs = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Port p = model.createPort(PortRequest.on("p", n.id()));
            assertThat(p.macAddress()).startsWith("fa:16:3e:");
            assertThat(macs.add(p.macAddress())).isTrue();
        }
        String taken = macs.iterator().next();
        PortRequest dup = new PortRequest(null, "p", n.id(), null, null, taken.toUpperCase(), null, null, null, null,
                null, null, null, null, null);
        assertThatThrownBy(() -> model.createPort(dup)).isInstanceOfSatisfying(ModelException.Conflict.class,
                e -> assertThat(e.type()).isEqualTo("MacAddressInUse"));
    }

    @Test
    void aNetworkWithPortsCannotBeDeletedNorASubnetWithAddresses() {
        Network n = net("p");
        Subnet s = subnet(n, "203.0.113.0/24");
        Port p = model.createPort(PortRequest.on("p", n.id()));
        assertThatThrownBy(() -> model.deleteNetwork(n.id())).isInstanceOfSatisfying(ModelException.Conflict.class,
                e -> assertThat(e.type()).isEqualTo("NetworkInUse"));
        assertThatThrownBy(() -> model.deleteSubnet(s.id())).isInstanceOfSatisfying(ModelException.Conflict.class,
                e -> assertThat(e.type()).isEqualTo("SubnetInUse"));
        model.deletePort(p.id());
        model.deleteNetwork(n.id());
        assertThat(model.subnet(s.id())).isEmpty();
        assertThat(store.range(ModelCodec.PREFIX)).isEmpty();
    }

    @Test
    void stateChangesFollowTheTransitionTable() {
        Network n = net("p");
        Port p = model.createPort(PortRequest.on("p", n.id()));
        assertThat(p.state()).isEqualTo(TenantSystemState.NOT_DEPLOYED);
        assertThatThrownBy(() -> model.setState(p.id(), TenantSystemState.MOVING, null))
                .isInstanceOfSatisfying(ModelException.Conflict.class, e -> {
                    assertThat(e.type()).isEqualTo("InvalidStateTransition");
                    assertThat(e.field()).isEqualTo("state");
                });
        assertThat(model.setState(p.id(), TenantSystemState.OTHER, "booting").substate()).isEqualTo("booting");
        assertThatThrownBy(() -> model.setState(p.id(), TenantSystemState.RUNNING, "x"))
                .isInstanceOf(ModelException.BadRequest.class);
        assertThat(model.setState(p.id(), TenantSystemState.RUNNING, null).state()).isEqualTo(TenantSystemState.RUNNING);
    }

    @Test
    void plugMakesThePortRunAndActiveUnplugShutsItOff() {
        Network n = net("p");
        Port p = model.createPort(PortRequest.on("p", n.id()));
        assertThat(p.status()).isEqualTo("DOWN");
        Port up = model.portPlugged(p.id(), "hv1").orElseThrow();
        assertThat(up.state()).isEqualTo(TenantSystemState.RUNNING);
        assertThat(up.status()).isEqualTo("ACTIVE");
        assertThat(up.hostId()).isEqualTo("hv1");
        assertThat(model.portPlugged(p.id(), "hv1")).isEmpty(); // nothing changed
        assertThat(model.portUnplugged(p.id(), "hv2")).isEmpty(); // not where it runs
        Port down = model.portUnplugged(p.id(), "hv1").orElseThrow();
        assertThat(down.state()).isEqualTo(TenantSystemState.SHUT_OFF);
        assertThat(down.status()).isEqualTo("DOWN");
        // a move: the old NVE's unplug keeps MOVING, the new NVE's plug makes it RUNNING there
        model.portPlugged(p.id(), "hv1");
        model.setState(p.id(), TenantSystemState.MOVING, null);
        assertThat(model.portUnplugged(p.id(), "hv1").orElseThrow().state()).isEqualTo(TenantSystemState.MOVING);
        Port moved = model.portPlugged(p.id(), "hv2").orElseThrow();
        assertThat(moved.state()).isEqualTo(TenantSystemState.RUNNING);
        assertThat(moved.attachedNve()).isEqualTo("hv2");
        assertThat(model.portPlugged("no-such-port", "hv1")).isEmpty();
    }

    @Test
    void listenersSeeDurableChangesInRevisionOrderWithBeforeAndAfter() {
        List<ModelEvent> seen = Collections.synchronizedList(new ArrayList<>());
        model.subscribe(seen::add);
        Network n = net("p");
        Network renamed = model.updateNetwork(n.id(), new NetworkRequest(null, null, "r", null, null, null, null, null, null));
        model.deleteNetwork(n.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        assertThat(seen.get(0)).isEqualTo(new ModelEvent.NetworkChanged(seen.get(0).revision(), null, n));
        assertThat(seen.get(1)).isEqualTo(new ModelEvent.NetworkChanged(seen.get(1).revision(), n, renamed));
        assertThat(seen.get(2)).isEqualTo(new ModelEvent.NetworkChanged(seen.get(2).revision(), renamed, null));
        assertThat(seen).extracting(ModelEvent::revision).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void concurrentPortCreationNeverDoubleAllocates() throws Exception {
        Network n = net("p");
        subnet(n, "198.51.100.0/24");
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Optional<Port>>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(pool.submit(() -> {
                try {
                    return Optional.of(model.createPort(PortRequest.on("p", n.id())));
                } catch (ModelException.Conflict e) {
                    return Optional.<Port>empty();
                }
            }));
        }
        List<Port> created = new ArrayList<>();
        for (Future<Optional<Port>> f : futures) {
            f.get().ifPresent(created::add);
        }
        pool.shutdown();
        assertThat(created).hasSize(253); // .2 .. .254
        assertThat(created.stream().map(p -> p.fixedIps().get(0).ipAddress()).distinct()).hasSize(253);
        assertThat(created.stream().map(Port::macAddress).distinct()).hasSize(253);
    }

    @Test
    void reloadsEverythingFromTheStore(@TempDir Path dir) throws Exception {
        try (KvStore durable = KvStores.embedded(dir)) {
            ModelService m = ModelService.open(durable, ModelConfig.defaults());
            Network n = m.createNetwork(NetworkRequest.named("p", "n"));
            Subnet s = m.createSubnet(SubnetRequest.of("p", n.id(), "203.0.113.0/24"));
            Port p = m.createPort(PortRequest.on("p", n.id()));
            m.close();
            durable.close();
        }
        assertThat(Files.list(dir)).isNotEmpty();
        try (KvStore durable = KvStores.embedded(dir)) {
            ModelService m = ModelService.open(durable, ModelConfig.defaults());
            assertThat(m.networks()).hasSize(1);
            Network n = m.networks().get(0);
            assertThat(m.subnetIdsOf(n.id())).hasSize(1);
            // the reloaded IPAM and VNI indexes know what is taken
            assertThat(m.createPort(PortRequest.on("p", n.id())).fixedIps().get(0).ipAddress()).isEqualTo("203.0.113.3");
            assertThat(m.createNetwork(NetworkRequest.named("p", "m")).vni()).isEqualTo(1001);
            m.close();
        }
    }
}
