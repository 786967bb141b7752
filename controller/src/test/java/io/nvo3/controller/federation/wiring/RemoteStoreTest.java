package io.nvo3.controller.federation.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
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
            new RemoteStore(store).save(Set.of(MAC, MAC_IP), Set.of(FLOOD));
            await().until(() -> store.get(RemoteStore.KEY).isPresent());
            RemoteStore.Remembered r = new RemoteStore(store).load();
            assertThat(r.macs()).containsExactlyInAnyOrder(MAC, MAC_IP);
            assertThat(r.floods()).containsExactly(FLOOD);
            assertThat(r.asChanges()).containsExactlyInAnyOrder(new FibChange.RemoteMacAdded(MAC),
                    new FibChange.RemoteMacAdded(MAC_IP), new FibChange.FloodMemberAdded(FLOOD));
        }
    }

    @Test
    void anUnreadableRecordIsIgnoredAndABadEntryIsSkippedAlone() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            store.put(RemoteStore.KEY, "not json".getBytes(StandardCharsets.US_ASCII)).get();
            assertThat(new RemoteStore(store).load()).isEqualTo(RemoteStore.Remembered.NONE);
            store.put(RemoteStore.KEY, """
                    {"macs":[{"vn":"net-1","mac":"02:00:00:00:00:01","ip":null,"vtep":"198.18.0.3","vni":100},
                             {"vn":"net-1","mac":"zz","ip":null,"vtep":"198.18.0.3","vni":100},
                             {"vn":"net-1","mac":"02:00:00:00:00:02","ip":null,"vtep":"example.org","vni":100}],
                     "floods":[{"vn":"net-1","vtep":"198.18.0.3","vni":0}]}
                    """.getBytes(StandardCharsets.UTF_8)).get();
            RemoteStore.Remembered r = new RemoteStore(store).load();
            assertThat(r.macs()).containsExactly(MAC);
            assertThat(r.floods()).isEmpty(); // VNI 0 is refused by RemoteFloodMember
        }
    }
}
