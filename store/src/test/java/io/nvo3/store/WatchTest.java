package io.nvo3.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static WatchResult.Watching watching(WatchResult r) {
        assertThat(r).isInstanceOf(WatchResult.Watching.class);
        return (WatchResult.Watching) r;
    }

    @Test
    void deliversHistoryThenLiveChangesInRevisionOrderWithoutGapsOrDuplicates() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            for (int i = 0; i < 300; i++) {
                store.put("p/" + i, b("h" + i)).join();
            }
            List<WatchEvent> got = new CopyOnWriteArrayList<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 300; i++) {
                    store.put("p/" + (i % 7), b("live" + i)).join();
                }
            });
            try (var w = watching(store.watch("p/", 1, got::add))) {
                writer.join();
                await().atMost(WAIT).until(() -> got.size() == 600);
                assertThat(got).extracting(WatchEvent::revision)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 600).boxed().toList());
                assertThat(got.get(599).kv().value()).isEqualTo(b("live299"));
                assertThat(w.ended()).isNotDone();
            }
        }
    }

    @Test
    void revisionZeroWatchesOnlyChangesAfterNow() {
        try (KvStore store = KvStores.inMemory()) {
            store.put("a", b("old")).join();
            List<WatchEvent> got = new CopyOnWriteArrayList<>();
            try (var w = watching(store.watch("a", 0, got::add))) {
                store.put("a", b("new")).join();
                await().atMost(WAIT).until(() -> got.size() == 1);
                assertThat(got.getFirst().kv().value()).isEqualTo(b("new"));
                assertThat(got.getFirst().prevKv().value()).isEqualTo(b("old"));
            }
        }
    }

    @Test
    void deliversOnlyKeysUnderPrefixIncludingDeletesOfAPrefixDelete() {
        try (KvStore store = KvStores.inMemory()) {
            List<WatchEvent> got = new CopyOnWriteArrayList<>();
            try (var w = watching(store.watch("net/", 1, got::add))) {
                store.txn(Txn.of(new Op.Put("net/1", b("a")), new Op.Put("port/1", b("x")),
                        new Op.Put("net/2", b("b")))).join();
                store.txn(Txn.of(new Op.DeletePrefix(""))).join();
                store.put("port/2", b("y")).join();
                store.put("net/3", b("c")).join();
                await().atMost(WAIT).until(() -> got.size() == 5);
                assertThat(got).extracting(e -> e.type() + " " + e.kv().key() + "@" + e.revision())
                        .containsExactly("PUT net/1@1", "PUT net/2@1", "DELETE net/1@2", "DELETE net/2@2", "PUT net/3@4");
            }
        }
    }

    @Test
    void resumesFromPastRevisionAfterReopen() {
        try (KvStore store = KvStores.embedded(dir)) {
            store.put("k/a", b("1")).join();
            store.put("k/b", b("2")).join();
            store.put("k/a", b("3")).join();
            store.delete("k/b").join();
        }
        try (KvStore store = KvStores.embedded(dir)) {
            List<WatchEvent> got = new CopyOnWriteArrayList<>();
            try (var w = watching(store.watch("k/", 3, got::add))) {
                store.put("k/c", b("5")).join();
                await().atMost(WAIT).until(() -> got.size() == 3);
                assertThat(got).extracting(e -> e.type() + " " + e.kv().key() + "@" + e.revision())
                        .containsExactly("PUT k/a@3", "DELETE k/b@4", "PUT k/c@5");
                assertThat(got.get(1).prevKv()).isEqualTo(new KeyValue("k/b", b("2"), 2, 2, 1));
            }
        }
    }

    @Test
    void watchFromPrunedRevisionAnswersCompactedWithOldestKept() {
        try (KvStore store = KvStores.inMemory(KvStores.Options.DEFAULT.withHistoryRevisions(10))) {
            for (int i = 0; i < 30; i++) {
                store.put("k", b("" + i)).join();
            }
            assertThat(store.compactedRevision()).isEqualTo(21);
            assertThat(store.watch("k", 5, e -> { })).isEqualTo(new WatchResult.Compacted(21));
            assertThat(store.watch("k", 20, e -> { })).isEqualTo(new WatchResult.Compacted(21));
            List<WatchEvent> got = new CopyOnWriteArrayList<>();
            try (var w = watching(store.watch("k", 21, got::add))) {
                await().atMost(WAIT).until(() -> got.size() == 10);
                assertThat(got.getFirst().revision()).isEqualTo(21);
            }
        }
    }

    @Test
    void prunedHistoryStaysPrunedAfterReopen() {
        KvStores.Options small = KvStores.Options.DEFAULT.withHistoryRevisions(5);
        try (KvStore store = KvStores.embedded(dir, small)) {
            for (int i = 0; i < 12; i++) {
                store.put("k" + i, b("" + i)).join();
            }
        }
        try (KvStore store = KvStores.embedded(dir, small)) {
            assertThat(store.compactedRevision()).isEqualTo(8);
            assertThat(store.watch("", 7, e -> { })).isEqualTo(new WatchResult.Compacted(8));
        }
    }

    @Test
    void slowWatcherDoesNotBlockWritersAndEndsCompactedWhenHistoryOutrunsIt() throws Exception {
        try (KvStore store = KvStores.inMemory(KvStores.Options.DEFAULT.withHistoryRevisions(50))) {
            CountDownLatch release = new CountDownLatch(1);
            List<Long> got = new CopyOnWriteArrayList<>();
            var w = watching(store.watch("", 1, e -> {
                got.add(e.revision());
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }));
            store.put("k", b("0")).join();
            await().atMost(WAIT).until(() -> got.size() == 1);
            // The listener is stuck on revision 1: writers must still be acknowledged.
            for (int i = 1; i < 200; i++) {
                store.put("k", b("" + i)).get(10, TimeUnit.SECONDS);
            }
            release.countDown();
            WatchEnd end = w.ended().get(20, TimeUnit.SECONDS);
            assertThat(end).isEqualTo(new WatchEnd.Compacted(151, 2));
            assertThat(got).containsExactly(1L);
        }
    }

    @Test
    void throwingListenerEndsOnlyItsOwnWatch() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            RuntimeException boom = new IllegalStateException("boom");
            var bad = watching(store.watch("", 1, e -> {
                if (e.revision() == 2) {
                    throw boom;
                }
            }));
            List<WatchEvent> good = new CopyOnWriteArrayList<>();
            var ok = watching(store.watch("", 1, good::add));
            for (int i = 0; i < 5; i++) {
                store.put("k", b("" + i)).join();
            }
            assertThat(bad.ended().get(20, TimeUnit.SECONDS)).isEqualTo(new WatchEnd.ListenerFailed(boom));
            await().atMost(WAIT).until(() -> good.size() == 5);
            assertThat(ok.ended()).isNotDone();
            ok.close();
        }
    }

    @Test
    void closedWatchReceivesNothingMoreAndEndsClosed() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            List<WatchEvent> closed = new CopyOnWriteArrayList<>();
            List<WatchEvent> open = new CopyOnWriteArrayList<>();
            var w = watching(store.watch("", 1, closed::add));
            var witness = watching(store.watch("", 1, open::add));
            store.put("k", b("1")).join();
            await().atMost(WAIT).until(() -> closed.size() == 1);
            w.close();
            assertThat(w.ended().get(20, TimeUnit.SECONDS)).isEqualTo(new WatchEnd.Closed());
            store.put("k", b("2")).join();
            await().atMost(WAIT).until(() -> open.size() == 2);
            assertThat(closed).hasSize(1);
            witness.close();
        }
    }

    @Test
    void closingStoreEndsItsWatchesWithStoreClosed() throws Exception {
        List<WatchResult.Watching> ws = new ArrayList<>();
        try (KvStore store = KvStores.inMemory()) {
            for (int i = 0; i < 3; i++) {
                ws.add(watching(store.watch("", 0, e -> { })));
            }
        }
        for (var w : ws) {
            assertThat(w.ended().get(20, TimeUnit.SECONDS)).isEqualTo(new WatchEnd.StoreClosed());
        }
    }
}
