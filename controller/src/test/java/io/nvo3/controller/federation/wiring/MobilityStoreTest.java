package io.nvo3.controller.federation.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.controller.federation.export.MobilityMemory;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MobilityStoreTest {
    static final MobilityMemory.Key WITHDRAWN = new MobilityMemory.Key("net-1", MacAddress.parse("fa:16:3e:00:00:01"));
    static final MobilityMemory.Key AWAY = new MobilityMemory.Key("net-1", MacAddress.parse("fa:16:3e:00:00:02"));

    @Test
    void theSequencesChosenAndTheMacsWithdrawnSurviveARestart() throws Exception {
        Map<MobilityMemory.Key, MobilityMemory> m = Map.of(
                WITHDRAWN, new MobilityMemory(3, Optional.of(new MobilityMemory.Attachment("p1",
                        RemoteGateTest.v4("198.18.0.11"), 2)), Optional.of(RemoteGateTest.v4("198.18.0.11")), true,
                        List.of(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(2_000)), true),
                AWAY, new MobilityMemory(7, Optional.empty(), Optional.of(RemoteGateTest.v4("198.18.0.12")), false,
                        List.of(), false));
        try (KvStore store = KvStores.inMemory()) {
            assertThat(new MobilityStore(store).load()).isEmpty();
            new RemoteStore(store).mobility().save(m);
            await().until(() -> store.get(MobilityStore.KEY).isPresent());
            assertThat(new MobilityStore(store).load()).isEqualTo(m);
        }
    }

    @Test
    void aMacAdvertisedWithItsPortsOwnMoveCountIsNotWritten() throws Exception {
        MobilityMemory plain = new MobilityMemory(2, Optional.of(new MobilityMemory.Attachment("p1",
                RemoteGateTest.v4("198.18.0.11"), 2)), Optional.of(RemoteGateTest.v4("198.18.0.11")), false, List.of(),
                false);
        try (KvStore store = KvStores.inMemory()) {
            MobilityStore ms = new MobilityStore(store);
            ms.save(Map.of(WITHDRAWN, plain));
            ms.save(Map.of(AWAY, new MobilityMemory(7, Optional.empty(), Optional.empty(),
                    false, List.of(), false)));
            await().until(() -> store.get(MobilityStore.KEY).isPresent());
            assertThat(new MobilityStore(store).load()).containsOnlyKeys(AWAY);
        }
    }

    @Test
    void anUnreadableRecordIsIgnoredAndABadEntryIsSkippedAlone() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            store.put(MobilityStore.KEY, "[".getBytes(StandardCharsets.US_ASCII)).get();
            assertThat(new MobilityStore(store).load()).isEmpty();
            store.put(MobilityStore.KEY, """
                    {"macs":[{"vn":"net-1","mac":"fa:16:3e:00:00:02","sequence":7,"last_vtep":null,"lastVtep":null},
                             {"vn":"net-1","mac":"zz","sequence":1},
                             {"vn":"net-1","mac":"fa:16:3e:00:00:03","sequence":-1}]}
                    """.getBytes(StandardCharsets.UTF_8)).get();
            assertThat(new MobilityStore(store).load()).containsOnlyKeys(AWAY);
        }
    }
}
