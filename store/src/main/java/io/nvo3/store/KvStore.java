package io.nvo3.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A key-value store with etcd semantics: one global revision that every committed
 * transaction advances by one, per-key create/mod revisions and versions,
 * compare-and-swap transactions, and watches that can resume from a past revision.
 *
 * <p>Writes complete their future only once durable (group-committed), so an
 * acknowledged write survives a crash of the process. Reads see every write whose
 * future has completed. Mutators report what changed: a transaction that changes
 * nothing (e.g. deleting a missing key) yields no events and does not advance the
 * revision.
 */
public interface KvStore extends AutoCloseable {

    /** The revision of the last committed change (0 for an empty store). */
    long revision();

    Optional<KeyValue> get(String key);

    /** Every live key starting with {@code prefix}, in key order. */
    List<KeyValue> range(String prefix);

    /**
     * Applies the transaction atomically; the future completes once it is durable. Futures
     * complete in commit order on one store thread: a callback must not block on another
     * future of this store (compose with {@code thenCompose} or use the {@code *Async} variants).
     * A rejected transaction (empty or duplicate key, too large) completes exceptionally with a
     * {@link StoreException} of code {@code INVALID_ARGUMENT}, a closed store with {@code CLOSED}.
     */
    CompletableFuture<TxnResult> txn(Txn txn);

    default CompletableFuture<TxnResult> put(String key, byte[] value) {
        return txn(Txn.of(new Op.Put(key, value)));
    }

    default CompletableFuture<TxnResult> delete(String key) {
        return txn(Txn.of(new Op.Delete(key)));
    }

    /**
     * Delivers, in revision order, every change under {@code prefix} with a revision
     * {@code >= fromRevision} (history first, then live changes), on one thread per watch.
     * {@code fromRevision <= 0} means "from now": only changes after the current revision.
     * Returns {@link WatchResult.Compacted} when {@code fromRevision} is older than
     * the history the store keeps. A running watch ends (see {@link WatchResult.Watching#ended()})
     * when closed, when the store closes, when the listener throws, or when the watcher falls
     * further behind than the kept history ({@link WatchEnd.Compacted}).
     */
    WatchResult watch(String prefix, long fromRevision, Consumer<WatchEvent> listener);

    /** The oldest revision a watch can still resume from. */
    long compactedRevision();

    @Override
    void close();
}
