package io.nvo3.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Not a test: puts/s and latency of ~840 B JSON puts with N writers, each with one put in
 * flight, then an open-loop run at a fixed rate (the API's target: 2,000 ports/s, p99 20 ms).
 * Run: {@code java -cp <test classpath> io.nvo3.store.StoreThroughputMain [seconds] [dir] [rate]}.
 */
public final class StoreThroughputMain {
    private StoreThroughputMain() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path base = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("nvo3-store-bench");
        boolean rateOnly = args.length > 2 && args[2].equals("rate");
        for (boolean fsync : rateOnly ? new boolean[0] : new boolean[] {true, false}) {
            for (int writers : new int[] {1, 8, 64}) {
                Path dir = Files.createTempDirectory(base, "run");
                try (KvStore store = KvStores.embedded(dir, KvStores.Options.DEFAULT.withFsync(fsync))) {
                    run(store, writers, seconds, fsync);
                } finally {
                    delete(dir);
                }
            }
        }
        Path dir = Files.createTempDirectory(base, "rate");
        try (KvStore store = KvStores.embedded(dir)) {
            fixedRate(store, 2000, seconds);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Issues {@code rate} txns/s (a put of the port and of an index key) without waiting for acks. */
    private static void fixedRate(KvStore store, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long[] lat = new long[n];
        var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * 1_000_000_000L / rate;
            while (System.nanoTime() < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            }
            int me = i;
            long t0 = System.nanoTime();
            futures.add(store.txn(Txn.of(new Op.Put("ports/" + i, StoreChurnMain.portJson(i)),
                            new Op.Put("index/mac/" + i, ("ports/" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .thenRun(() -> lat[me] = System.nanoTime() - t0));
        }
        for (var f : futures) {
            f.join();
        }
        double took = (System.nanoTime() - start) / 1e9;
        Arrays.sort(lat);
        System.out.printf("fixed rate %d txn/s (fsync): %8.0f txn/s done  p50=%6.2f ms  p99=%6.2f ms  max=%7.2f ms%n",
                rate, n / took, lat[n / 2] / 1e6, lat[(int) (n * 0.99)] / 1e6, lat[n - 1] / 1e6);
    }

    private static void run(KvStore store, int writers, int seconds, boolean fsync) throws Exception {
        AtomicBoolean go = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        long[][] lat = new long[writers][];
        int[] count = new int[writers];
        Thread[] ts = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int me = w;
            lat[me] = new long[4_000_000 / writers];
            ts[w] = Thread.ofPlatform().start(() -> {
                for (int i = 0; go.get() && count[me] < lat[me].length; i++) {
                    byte[] v = StoreChurnMain.portJson(i);
                    long t0 = System.nanoTime();
                    store.put("ports/" + me + "/" + i, v).join();
                    lat[me][count[me]++] = System.nanoTime() - t0;
                    done.increment();
                }
            });
        }
        Thread.sleep(seconds * 1000L); // a benchmark duration, not a wait for a condition
        go.set(false);
        for (Thread t : ts) {
            t.join();
        }
        long n = done.sum();
        long[] all = new long[(int) n];
        int k = 0;
        for (int w = 0; w < writers; w++) {
            System.arraycopy(lat[w], 0, all, k, count[w]);
            k += count[w];
        }
        Arrays.sort(all);
        System.out.printf("fsync=%-5s writers=%3d  %8.0f puts/s  p50=%6.2f ms  p99=%6.2f ms  max=%7.2f ms%n",
                fsync, writers, n / (double) seconds, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6);
    }
}
