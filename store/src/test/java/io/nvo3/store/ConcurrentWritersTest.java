package io.nvo3.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 400;

    @TempDir
    Path dir;

    private static byte[] value(int thread, int i) {
        byte[] v = new byte[1024];
        Arrays.fill(v, (byte) (thread * 31 + i));
        ByteBuffer.wrap(v).putInt(thread).putInt(i);
        return v;
    }

    @Test
    void everyAcknowledgedWriteIsVisibleAndAcksCompleteInStrictRevisionOrder() throws Exception {
        try (KvStore store = KvStores.embedded(dir)) {
            ConcurrentLinkedQueue<Long> ackOrder = new ConcurrentLinkedQueue<>();
            AtomicReference<Throwable> readerError = new AtomicReference<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            // A reader checks atomicity: every txn writes pair/a and pair/b together.
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    while (writing.get()) {
                        List<KeyValue> pair = store.range("pair/");
                        if (!pair.isEmpty()) {
                            assertThat(pair).hasSize(2);
                            assertThat(pair.get(0).modRevision()).isEqualTo(pair.get(1).modRevision());
                            assertThat(pair.get(0).value()).isEqualTo(pair.get(1).value());
                        }
                    }
                } catch (Throwable t) {
                    readerError.set(t);
                }
            });
            List<Thread> writers = new ArrayList<>();
            List<List<Long>> perThread = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                List<Long> mine = new ArrayList<>();
                perThread.add(mine);
                writers.add(Thread.ofPlatform().start(() -> {
                    List<CompletableFuture<TxnResult>> inflight = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        byte[] v = value(thread, i);
                        String key = "t" + thread + "/" + i;
                        CompletableFuture<TxnResult> f = store.txn(Txn.of(new Op.Put(key, v),
                                new Op.Put("pair/a", v), new Op.Put("pair/b", v)));
                        // Callbacks that run on the completion thread observe the completion order
                        // (a callback added after completion runs on this thread instead: skipped).
                        f.thenAccept(r -> {
                            if (Thread.currentThread().getName().equals("nvo3-store-complete")) {
                                ackOrder.add(r.revision());
                            }
                        });
                        inflight.add(f);
                        if (inflight.size() == 4) { // a few in flight per thread, like an API worker
                            for (var g : inflight) {
                                TxnResult r = g.join();
                                mine.add(r.revision());
                            }
                            inflight.clear();
                            // Read-your-acknowledged-write from any thread.
                            assertThat(store.get(key).orElseThrow().value()).isEqualTo(v);
                            assertThat(store.revision()).isGreaterThanOrEqualTo(mine.getLast());
                        }
                    }
                    inflight.forEach(g -> mine.add(g.join().revision()));
                }));
            }
            for (Thread w : writers) {
                w.join();
            }
            writing.set(false);
            reader.join();
            assertThat(readerError.get()).isNull();
            int total = THREADS * PER_THREAD;
            assertThat(store.revision()).isEqualTo(total);
            for (List<Long> mine : perThread) {
                assertThat(mine).hasSize(PER_THREAD).isSorted().doesNotHaveDuplicates();
            }
            assertThat(ackOrder).hasSizeGreaterThan(100);
            assertThat(new ArrayList<>(ackOrder)).isSorted().doesNotHaveDuplicates();
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < PER_THREAD; i++) {
                    assertThat(store.get("t" + t + "/" + i).orElseThrow().value()).isEqualTo(value(t, i));
                }
            }
        }
    }
}
