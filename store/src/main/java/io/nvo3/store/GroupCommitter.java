package io.nvo3.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: takes every queued transaction, applies them in order, makes them durable
 * with one MVStore commit (and one fsync), publishes the new snapshot, then completes the futures
 * in order on a separate completion thread (so a slow callback cannot stall the next group).
 *
 * <p>Durability, checked against H2 2.5.252's bytecode: with {@code autoCommitDisabled()} the
 * store has no background writer and no serialization/buffer-save executors, so
 * {@code MVStore.commit()} serializes the changed pages and writes the chunk and its footer with
 * {@code FileChannel.write} before it returns: the bytes are in the OS page cache and survive a
 * kill -9 of the process. {@code MVStore.sync()} then calls {@code FileChannel.force(true)}, which
 * makes them survive a power loss too ({@link KvStores.Options#fsync()}, on by default).
 */
final class GroupCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /*
     * Measured with StoreChurnMain (8 writers overwriting 2,000 keys of ~840 B JSON, 20,000
     * revisions of history): the file levels off at 130-220 MB for ~40 MB of live data (history included), where
     * H2's 16 KB pages and no housekeeping grew it past 3.9 GB within a minute.
     */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int TARGET_FILL_PERCENT = 60;
    private static final int REWRITE_BYTES = 1 << 20;

    private record Pending(Txn txn, CompletableFuture<TxnResult> future) {}

    private static final Pending STOP = new Pending(Txn.of(), new CompletableFuture<>());

    private final MvKvStore store;
    private final MVStore mv;
    private final MVMap<Long, byte[]> history;
    private final MVMap<String, Long> meta;
    private final MVMap<String, byte[]> kv;
    private final TxnApplier applier;
    private final KvStores.Options options;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService completer;
    private final Thread thread;
    private volatile Thread completerThread;
    private final Object submitLock = new Object();
    private boolean stopping;
    private volatile StoreException failed;
    private long revision;
    private long compacted;
    private long lastHousekeeping = System.nanoTime();
    private final boolean persistent;

    GroupCommitter(MvKvStore store, MVStore mv, MVMap<String, byte[]> kv, MVMap<Long, byte[]> history,
                   MVMap<String, Long> meta, KvStores.Options options, long revision, long compacted) {
        this.store = store;
        this.mv = mv;
        this.kv = kv;
        this.history = history;
        this.meta = meta;
        this.applier = new TxnApplier(kv);
        this.persistent = mv.getFileStore() != null;
        this.options = options;
        this.revision = revision;
        this.compacted = compacted;
        this.completer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nvo3-store-complete");
            t.setDaemon(true);
            completerThread = t;
            return t;
        });
        this.thread = new Thread(this::run, "nvo3-store-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<TxnResult> submit(Txn txn) {
        var future = new CompletableFuture<TxnResult>();
        synchronized (submitLock) {
            if (stopping) {
                return CompletableFuture.failedFuture(
                        new StoreException(StoreException.Code.CLOSED, store.name() + " is closed"));
            }
            StoreException f = failed;
            if (f != null) {
                return CompletableFuture.failedFuture(f);
            }
            queue.add(new Pending(txn, future));
        }
        return future;
    }

    /** Commits what was queued before, then stops the writer and the completion thread. */
    void shutdown() {
        synchronized (submitLock) {
            if (stopping) {
                return;
            }
            stopping = true;
            queue.add(STOP);
        }
        try {
            thread.join();
            completer.shutdown();
            if (Thread.currentThread() != completerThread) { // close() from a txn callback
                completer.awaitTermination(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean stop = false;
        while (!stop) {
            try {
                Pending first = queue.poll(HOUSEKEEPING_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    housekeep();
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, options.maxBatch() - 1);
                int stopAt = batch.indexOf(STOP);
                if (stopAt >= 0) {
                    stop = true;
                    batch.subList(stopAt, batch.size()).clear();
                }
                if (!batch.isEmpty()) {
                    commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("store writer of {} failed", store.name(), e);
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (failed != null) {
            fail(batch, failed);
            return;
        }
        long rev = revision;
        long oldest = compacted;
        List<TxnResult> results = new ArrayList<>(batch.size());
        try {
            for (Pending p : batch) {
                TxnApplier.Applied a = applier.apply(p.txn(), rev + 1);
                if (!a.events().isEmpty()) {
                    rev++;
                    history.put(rev, Codec.encodeEvents(a.events()));
                }
                results.add(new TxnResult(a.succeeded(), rev, a.events()));
            }
            if (rev != revision) {
                meta.put("revision", rev);
                oldest = prune(rev);
                mv.commit();
                if (options.fsync() && persistent) {
                    mv.sync();
                }
            }
        } catch (RuntimeException e) {
            StoreException err = new StoreException(StoreException.Code.IO,
                    "commit to " + store.name() + " failed: " + e.getMessage(), e);
            LOG.error("group commit of {} txns to {} failed", batch.size(), store.name(), e);
            try {
                mv.rollback();
            } catch (RuntimeException re) {
                e.addSuppressed(re);
            }
            if (mv.getPanicException() != null || mv.isClosed()) {
                failed = err;
            }
            fail(batch, err);
            return;
        }
        if (rev != revision) {
            revision = rev;
            compacted = oldest;
            store.publish(new MvKvStore.Snapshot(rev, oldest, kv.getRoot(), history.getRoot(), mv.getCurrentVersion()));
        }
        completer.execute(() -> {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).future().complete(results.get(i));
            }
        });
        housekeep();
    }

    /** Drops history older than the last {@code historyRevisions} revisions; returns the oldest kept. */
    private long prune(long rev) {
        long keepFrom = Math.max(compacted, rev - options.historyRevisions() + 1);
        if (keepFrom > compacted) {
            Long k = history.firstKey();
            while (k != null && k < keepFrom) {
                history.remove(k);
                k = history.higherKey(k);
            }
            meta.put("compacted", keepFrom);
        }
        return keepFrom;
    }

    /**
     * MVStore compacts only from its background thread, which is off here (it would commit
     * half-applied groups). So the writer, between groups and at most every
     * {@link #HOUSEKEEPING_NANOS}, rewrites up to {@link #REWRITE_BYTES} of live pages out of the
     * sparsest chunks when the chunks' fill rate is below {@link #TARGET_FILL_PERCENT}, and
     * commits them; the emptied chunks are then reused.
     */
    private void housekeep() {
        long now = System.nanoTime();
        if (!persistent || failed != null || now - lastHousekeeping < HOUSEKEEPING_NANOS) {
            return;
        }
        lastHousekeeping = now;
        try {
            if (mv.compact(TARGET_FILL_PERCENT, REWRITE_BYTES)) {
                mv.commit();
                if (options.fsync()) {
                    mv.sync();
                }
                store.publish(new MvKvStore.Snapshot(revision, compacted, kv.getRoot(), history.getRoot(),
                        mv.getCurrentVersion()));
            }
        } catch (RuntimeException e) {
            LOG.warn("compaction of {} failed: {}", store.name(), e.toString());
        }
    }

    private void fail(List<Pending> batch, StoreException e) {
        List<Pending> copy = List.copyOf(batch);
        completer.execute(() -> copy.forEach(p -> p.future().completeExceptionally(e)));
    }
}
