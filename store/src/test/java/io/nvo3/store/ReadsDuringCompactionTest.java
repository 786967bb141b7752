package io.nvo3.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers and a watcher run against a file store whose writers overwrite the same keys while
 * the history is pruned and chunks are rewritten and reused: every read must decode to the
 * value written for that key, and the watcher must see every revision once, in order.
 */
class ReadsDuringCompactionTest {
    private static final int KEYS = 300;
    private static final int PUTS_PER_WRITER = 1500;

    @TempDir
    Path dir;

    private static byte[] value(String key, int i) {
        String head = key + "#" + i + "#";
        byte[] v = new byte[1000];
        byte[] h = head.getBytes(UTF_8);
        System.arraycopy(h, 0, v, 0, h.length);
        for (int j = h.length; j < v.length; j++) {
            v[j] = (byte) (key.hashCode() + j);
        }
        return v;
    }

    private static void checkValue(KeyValue kv) {
        String head = new String(kv.value(), 0, 40, UTF_8);
        String[] parts = head.split("#", 3);
        assertThat(parts[0]).isEqualTo(kv.key());
        assertThat(kv.value()).isEqualTo(value(kv.key(), Integer.parseInt(parts[1])));
    }

    @Test
    void readsAndWatchStayConsistentWhileHistoryIsPrunedAndChunksReused() throws Exception {
        KvStores.Options options = KvStores.Options.DEFAULT.withHistoryRevisions(1000).withFsync(false);
        try (KvStore store = KvStores.embedded(dir, options)) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<Throwable> error = new AtomicReference<>();
            AtomicLong watched = new AtomicLong();
            AtomicLong lastSeen = new AtomicLong();
            var w = (WatchResult.Watching) store.watch("k/", 1, e -> {
                if (e.revision() < lastSeen.get()) {
                    error.compareAndSet(null, new AssertionError("revision went back: " + e.revision()));
                }
                lastSeen.set(e.revision());
                watched.incrementAndGet();
            });
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (running.get()) {
                            store.range("k/").forEach(ReadsDuringCompactionTest::checkValue);
                            store.get("k/7").ifPresent(ReadsDuringCompactionTest::checkValue);
                        }
                    } catch (Throwable t) {
                        error.compareAndSet(null, t);
                    }
                }));
            }
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int me = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < PUTS_PER_WRITER; i++) {
                        String key = "k/" + ((me * 131 + i * 7) % KEYS);
                        store.put(key, value(key, i)).join();
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(error.get()).isNull();
            assertThat(store.revision()).isEqualTo(4L * PUTS_PER_WRITER);
            assertThat(store.compactedRevision()).isEqualTo(4L * PUTS_PER_WRITER - 1000 + 1);
            assertThat(store.range("k/")).hasSize(KEYS).allSatisfy(ReadsDuringCompactionTest::checkValue);
            // The watcher either kept up (saw every revision) or fell behind the kept history.
            var end = w.ended();
            if (end.isDone()) {
                assertThat(end.get()).isInstanceOf(WatchEnd.Compacted.class);
            } else {
                org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS)
                        .until(() -> watched.get() == 4L * PUTS_PER_WRITER || end.isDone());
                if (!end.isDone()) {
                    assertThat(lastSeen.get()).isEqualTo(4L * PUTS_PER_WRITER);
                }
            }
            w.close();
        }
    }
}
