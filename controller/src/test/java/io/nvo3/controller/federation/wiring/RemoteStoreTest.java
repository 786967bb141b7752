package io.nvo3.controller.federation.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteStoreTest {
    static final RemoteMac MAC = new RemoteMac("net-1", MacAddress.parse("02:00:00:00:00:01"), Optional.empty(),
            RemoteGateTest.v4("198.18.0.3"), 100);
    static final RemoteMac MAC_IP = new RemoteMac("net-1", MacAddress.parse("02:00:00:00:00:01"),
            Optional.of(RemoteGateTest.v4("203.0.113.5")), RemoteGateTest.v4("198.18.0.3"), 100);
    static final RemoteFloodMember FLOOD = new RemoteFloodMember("net-1", RemoteGateTest.v4("198.18.0.3"), 100);

    @Test
    void whatWasAppliedBeforeARestartIsRememberedAsFibAdditions() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            assertThat(new RemoteStore(store).load()).isEqualTo(RemoteStore.Remembered.NONE);
            RemoteStore rs = new RemoteStore(store);
            rs.record(List.of(new FibChange.RemoteMacAdded(MAC), new FibChange.RemoteMacAdded(MAC_IP),
                    new FibChange.FloodMemberAdded(FLOOD)));
            assertThat(store.range(RemoteStore.PREFIX)).as("nothing written before flush").isEmpty();
            rs.flush();
            await().until(() -> store.range(RemoteStore.PREFIX).size() == 3);
            RemoteStore.Remembered r = new RemoteStore(store).load();
            assertThat(r.macs()).containsExactlyInAnyOrder(MAC, MAC_IP);
            assertThat(r.floods()).containsExactly(FLOOD);
            assertThat(r.asChanges()).containsExactlyInAnyOrder(new FibChange.RemoteMacAdded(MAC),
                    new FibChange.RemoteMacAdded(MAC_IP), new FibChange.FloodMemberAdded(FLOOD));
        }
    }

    @Test
    void aRemovalDeletesOnlyItsEntryAndTheLastChangeOfAnEntryWins() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            RemoteStore rs = new RemoteStore(store);
            rs.record(List.of(new FibChange.RemoteMacAdded(MAC), new FibChange.RemoteMacAdded(MAC_IP),
                    new FibChange.FloodMemberAdded(FLOOD)));
            rs.flush();
            await().until(() -> store.range(RemoteStore.PREFIX).size() == 3);
            long before = store.get(RemoteStore.key(MAC_IP)).orElseThrow().modRevision();
            // Removed, added back, removed again before one flush: only the last counts.
            rs.record(List.of(new FibChange.RemoteMacRemoved(MAC), new FibChange.FloodMemberRemoved(FLOOD),
                    new FibChange.FloodMemberAdded(FLOOD), new FibChange.FloodMemberRemoved(FLOOD)));
            rs.flush();
            await().until(() -> store.range(RemoteStore.PREFIX).size() == 1);
            assertThat(store.get(RemoteStore.key(MAC_IP)).orElseThrow().modRevision()).as("untouched").isEqualTo(before);
            RemoteStore.Remembered r = new RemoteStore(store).load();
            assertThat(r.macs()).containsExactly(MAC_IP);
            assertThat(r.floods()).isEmpty();
        }
    }

    /** 20,000 entries: more than one store transaction takes (ops and bytes), written and read back whole. */
    @Test
    void tensOfThousandsOfEntriesAreWrittenInSeveralTransactions() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            RemoteStore rs = new RemoteStore(store);
            List<FibChange> adds = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                adds.add(new FibChange.RemoteMacAdded(new RemoteMac("net-1", MacAddress.parse(String.format(
                        "02:fe:00:%02x:%02x:%02x", i >> 16, (i >> 8) & 0xff, i & 0xff)), Optional.empty(),
                        RemoteGateTest.v4("198.18.0.3"), 100)));
            }
            rs.record(adds);
            rs.flush();
            await().until(() -> store.range(RemoteStore.PREFIX).size() == 20_000);
            assertThat(new RemoteStore(store).load().macs()).hasSize(20_000);
        }
    }

    @Test
    void theFormerSingleDocumentIsReadAndMovedToOneKeyPerEntry() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            store.put(RemoteStore.LEGACY_KEY, """
                    {"macs":[{"vn":"net-1","mac":"02:00:00:00:00:01","ip":null,"vtep":"198.18.0.3","vni":100},
                             {"vn":"net-1","mac":"zz","ip":null,"vtep":"198.18.0.3","vni":100},
                             {"vn":"net-1","mac":"02:00:00:00:00:02","ip":null,"vtep":"example.org","vni":100}],
                     "floods":[{"vn":"net-1","vtep":"198.18.0.3","vni":100},{"vn":"net-1","vtep":"198.18.0.3","vni":0}]}
                    """.getBytes(StandardCharsets.UTF_8)).get();
            RemoteStore.Remembered r = new RemoteStore(store).load();
            assertThat(r.macs()).containsExactly(MAC); // the bad MAC and the host name are skipped alone
            assertThat(r.floods()).containsExactly(FLOOD); // VNI 0 is refused by RemoteFloodMember
            assertThat(store.get(RemoteStore.LEGACY_KEY)).isEmpty();
            assertThat(store.range(RemoteStore.PREFIX)).hasSize(2);
            assertThat(new RemoteStore(store).load()).isEqualTo(r);
        }
    }

    @Test
    void anUnreadableLegacyDocumentOrEntryIsIgnoredAlone() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            store.put(RemoteStore.LEGACY_KEY, "not json".getBytes(StandardCharsets.US_ASCII)).get();
            store.put(RemoteStore.key(MAC), "{".getBytes(StandardCharsets.US_ASCII)).get();
            store.put(RemoteStore.PREFIX + "other/x", "{}".getBytes(StandardCharsets.US_ASCII)).get();
            RemoteStore rs = new RemoteStore(store);
            rs.record(List.of(new FibChange.FloodMemberAdded(FLOOD)));
            rs.flush();
            await().until(() -> store.get(RemoteStore.key(FLOOD)).isPresent());
            RemoteStore.Remembered r = new RemoteStore(store).load();
            assertThat(r.macs()).isEmpty();
            assertThat(r.floods()).containsExactly(FLOOD);
            assertThat(store.get(RemoteStore.LEGACY_KEY)).isEmpty();
        }
    }
}
