package io.nvo3.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nvo3.controller.model.ModelException;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import io.nvo3.store.Op;
import io.nvo3.store.Txn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgpVpnServiceTest {
    private static final Set<String> NETWORKS = Set.of("net-1", "net-2");

    private KvStore store;
    private BgpVpnService service;

    @BeforeEach
    void open() {
        store = KvStores.inMemory();
        service = BgpVpnService.open(store, NETWORKS::contains);
    }

    @AfterEach
    void close() {
        service.close();
        store.close();
    }

    private static BgpVpnCreate l2(String... rts) {
        return BgpVpnCreate.of("alice", "blue", BgpVpnType.L2, List.of(rts));
    }

    @Test
    void createsReadsUpdatesAndDeletesABgpvpn() {
        BgpVpn b = service.create(new BgpVpnCreate("alice", "blue", null, List.of("65000:1"), null,
                List.of("65000:3"), List.of("198.19.0.1:5"), 5000L, 120L));
        assertThat(b.type()).as("neutron-lib default type").isEqualTo(BgpVpnType.L3);
        assertThat(b.importTargets()).isEmpty();
        assertThat(service.bgpvpn(b.id())).contains(b);
        assertThat(service.bgpvpns()).containsExactly(b);

        BgpVpn u = service.update(b.id(), new BgpVpnUpdate("green", null, List.of("65000:2"), null, null,
                Optional.empty()));
        assertThat(u.name()).isEqualTo("green");
        assertThat(u.routeTargets()).containsExactly("65000:1");
        assertThat(u.importTargets()).containsExactly("65000:2");
        assertThat(u.localPref()).as("cleared").isNull();
        assertThat(u.vni()).isEqualTo(5000);
        assertThat(u.revisionNumber()).isEqualTo(1);
        assertThat(service.bgpvpn(b.id())).contains(u);

        service.delete(b.id());
        assertThat(service.bgpvpn(b.id())).isEmpty();
        assertThat(store.get("/nvo3/bgpvpns/" + b.id())).isEmpty();
    }

    @Test
    void refusesBadTargetsNamingTheField() {
        assertThatThrownBy(() -> service.create(new BgpVpnCreate("alice", "x", BgpVpnType.L2, List.of("65000:1"),
                List.of("nope"), null, null, null, null)))
                .isInstanceOfSatisfying(ModelException.BadRequest.class,
                        e -> assertThat(e.field()).isEqualTo("import_targets"));
        assertThat(service.bgpvpns()).isEmpty();
    }

    @Test
    void unknownIdsAreNeutronNotFounds() {
        assertThatThrownBy(() -> service.update("missing", BgpVpnUpdate.name("x")))
                .isInstanceOfSatisfying(ModelException.NotFound.class,
                        e -> assertThat(e.type()).isEqualTo("BGPVPNNotFound"));
        assertThatThrownBy(() -> service.delete("missing")).isInstanceOf(ModelException.NotFound.class);
        BgpVpn b = service.create(l2("65000:1"));
        assertThatThrownBy(() -> service.dissociate(b.id(), "missing"))
                .isInstanceOfSatisfying(ModelException.NotFound.class,
                        e -> assertThat(e.type()).isEqualTo("BGPVPNNetAssocNotFound"));
        assertThatThrownBy(() -> service.associate(b.id(), "net-9", "alice"))
                .isInstanceOfSatisfying(ModelException.NotFound.class,
                        e -> assertThat(e.type()).isEqualTo("NetworkNotFound"));
    }

    @Test
    void associatesNetworksOnceAndReportsThem() {
        BgpVpn b = service.create(l2("65000:1"));
        BgpVpn c = service.create(l2("65000:2"));
        NetworkAssociation a1 = service.associate(b.id(), "net-1", "alice");
        service.associate(b.id(), "net-2", "alice");
        service.associate(c.id(), "net-1", "alice");
        assertThatThrownBy(() -> service.associate(b.id(), "net-1", "alice"))
                .isInstanceOfSatisfying(ModelException.BadRequest.class,
                        e -> assertThat(e.type()).isEqualTo("BGPVPNNetAssocAlreadyExists"));
        assertThat(service.networkIdsOf(b.id())).containsExactly("net-1", "net-2");
        assertThat(service.bgpvpnsOfNetwork("net-1")).extracting(BgpVpn::id)
                .containsExactlyElementsOf(List.of(b.id(), c.id()).stream().sorted().toList());
        assertThat(service.association(a1.id())).contains(a1);

        assertThatThrownBy(() -> service.dissociate(c.id(), a1.id()))
                .as("an association is found only under its own BGPVPN").isInstanceOf(ModelException.NotFound.class);
        service.dissociate(b.id(), a1.id());
        assertThat(service.networkIdsOf(b.id())).containsExactly("net-2");
    }

    @Test
    void deletingABgpvpnDeletesItsAssociationsAndDeletingANetworkToo() {
        BgpVpn b = service.create(l2("65000:1"));
        BgpVpn c = service.create(l2("65000:2"));
        service.associate(b.id(), "net-1", "alice");
        service.associate(c.id(), "net-2", "alice");
        service.associate(c.id(), "net-1", "alice");
        service.delete(b.id());
        assertThat(service.associationsOfNetwork("net-1")).extracting(NetworkAssociation::bgpvpnId)
                .containsExactly(c.id());
        assertThat(store.range("/nvo3/bgpvpn-assocs/")).hasSize(2);

        assertThat(service.networkDeleted("net-1")).hasSize(1);
        assertThat(service.networkDeleted("net-1")).as("idempotent").isEmpty();
        assertThat(service.networkIdsOf(c.id())).containsExactly("net-2");
    }

    @Test
    void listenersSeeEachChangeOnceWithItsBeforeAndAfter() {
        List<BgpVpnEvent> seen = new CopyOnWriteArrayList<>();
        service.subscribe(seen::add);
        BgpVpn b = service.create(l2("65000:1"));
        BgpVpn u = service.update(b.id(), BgpVpnUpdate.name("n2"));
        NetworkAssociation a = service.associate(b.id(), "net-1", "alice");
        service.delete(b.id());
        // the watch delivers the same revisions again; they must not show up twice
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 5);
        assertThat(seen).containsExactly(
                new BgpVpnEvent.BgpVpnChanged(seen.get(0).revision(), null, b),
                new BgpVpnEvent.BgpVpnChanged(seen.get(1).revision(), b, u),
                new BgpVpnEvent.AssociationChanged(seen.get(2).revision(), null, a),
                // one transaction: the BGPVPN and its association go at the same revision
                new BgpVpnEvent.BgpVpnChanged(seen.get(3).revision(), u, null),
                new BgpVpnEvent.AssociationChanged(seen.get(3).revision(), a, null));
        assertThat(((BgpVpnEvent.AssociationChanged) seen.get(2)).networkId()).isEqualTo("net-1");
    }

    @Test
    void seesChangesWrittenByAnotherControllerThroughTheStore() throws Exception {
        try (BgpVpnService other = BgpVpnService.open(store, NETWORKS::contains)) {
            BgpVpn b = other.create(l2("65000:7"));
            await().atMost(Duration.ofSeconds(5)).until(() -> service.bgpvpn(b.id()).isPresent());
            other.delete(b.id());
            await().atMost(Duration.ofSeconds(5)).until(() -> service.bgpvpn(b.id()).isEmpty());
        }
    }

    @Test
    void aStaleWriteIsAConflict() throws Exception {
        BgpVpn b = service.create(l2("65000:1"));
        // another writer changes the value behind this service's back, and the watch is not there yet
        try (BgpVpnService other = BgpVpnService.open(store, NETWORKS::contains)) {
            service.close(); // stop following, so the view stays stale
            other.update(b.id(), BgpVpnUpdate.name("theirs"));
            assertThatThrownBy(() -> service.update(b.id(), BgpVpnUpdate.name("mine")))
                    .isInstanceOfSatisfying(ModelException.Conflict.class,
                            e -> assertThat(e.getMessage()).contains("changed concurrently"));
            assertThat(other.bgpvpn(b.id()).orElseThrow().name()).isEqualTo("theirs");
        }
    }

    @Test
    void survivesARestartOfTheDurableStore(@TempDir Path dir) {
        String id;
        try (KvStore s = KvStores.embedded(dir); BgpVpnService one = BgpVpnService.open(s, NETWORKS::contains)) {
            BgpVpn b = one.create(l2("65000:1"));
            one.associate(b.id(), "net-2", "alice");
            id = b.id();
        }
        try (KvStore s = KvStores.embedded(dir); BgpVpnService two = BgpVpnService.open(s, NETWORKS::contains)) {
            assertThat(two.bgpvpn(id)).get().extracting(BgpVpn::routeTargets).isEqualTo(List.of("65000:1"));
            assertThat(two.networkIdsOf(id)).containsExactly("net-2");
        }
    }

    @Test
    void theRoutingTableJoinsTwoDomainsVnsWithDifferentVnisThroughOneBgpvpn() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        io.nvo3.model.Network n1 = new io.nvo3.model.Network("net-1", "alice", "a", "", true, false, 1450, 1000, true,
                t, t, 0);
        io.nvo3.model.Network n2 = new io.nvo3.model.Network("net-2", "alice", "b", "", true, false, 1450, 2000, true,
                t, t, 0);
        BgpVpn b = service.create(l2("65000:77"));
        service.associate(b.id(), "net-1", "alice");
        RdAllocator rds = RdAllocator.of(store);
        List<VnRouting> table = VnRoutingTable.compute(List.of(n2, n1), service, rds, Fixtures.DOMAIN_A);
        assertThat(table).extracting(VnRouting::networkId).containsExactly("net-1", "net-2");
        assertThat(table.get(0).importTargets()).extracting(Object::toString)
                .containsExactly("RT:65000:77", "RT:65001:1000");
        assertThat(table.get(1).importTargets()).extracting(Object::toString).containsExactly("RT:65001:2000");
        assertThat(table.get(0).rd()).isNotEqualTo(table.get(1).rd());
        assertThat(VnRoutingTable.compute(List.of(n1, n2), service, rds, Fixtures.DOMAIN_A))
                .as("stable: the RD numbers are kept").isEqualTo(table);
    }

    @Test
    void ignoresKeysOfOtherFeaturesUnderTheSamePrefix() throws Exception {
        store.txn(Txn.of(new Op.Put("/nvo3/bgpvpn-other/x", new byte[] {1}))).get();
        assertThat(service.bgpvpns()).isEmpty();
    }
}
