package io.nvo3.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.RootReference;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded backend on H2's MVStore. Three maps: {@code kv} (key → create/mod/version +
 * value), {@code history} (revision → the events of that revision, the last
 * {@link KvStores.Options#historyRevisions()} of them) and {@code meta} (revision, compacted
 * revision, format). One {@link GroupCommitter} thread is the only writer; readers and watchers
 * read the immutable MVMap roots it publishes after each durable commit, so they never see a
 * half-applied or not yet durable transaction.
 */
final class MvKvStore implements KvStore {
    private static final Logger LOG = LoggerFactory.getLogger(MvKvStore.class);
    static final long FORMAT = 1;
    /**
     * Leaf pages split above this size. Every commit rewrites each leaf it touches, so with
     * 1-2 KB values H2's default (16 KB for a file store) multiplies the bytes written per put.
     */
    static final int PAGE_SPLIT_BYTES = 4096;
    /**
     * How long a chunk no longer used stays untouched before its space is reused. Readers pin
     * the versions they read ({@link #pinned}), and every commit is fsynced, so this only
     * bounds the space a burst of writes leaves behind (H2's default is 45 s).
     */
    static final int RETENTION_MILLIS = 2000;

    /**
     * What readers see: the state after the last durable group commit. {@code openVersion} is
     * the MVStore version opened by that commit: no page of this state is dropped before that
     * version, which is what a reader pins (see {@link #pinned}).
     */
    record Snapshot(long revision, long compacted, RootReference<String, byte[]> kv,
                    RootReference<Long, byte[]> history, long openVersion) {}

    /** A slice of the history read from one snapshot. */
    record HistoryRead(long revision, long compacted, List<Map.Entry<Long, List<WatchEvent>>> entries) {}

    private final String name;
    private final MVStore mv;
    private final boolean persistent;
    private final MVMap<String, byte[]> kv;
    private final MVMap<Long, byte[]> history;
    private final GroupCommitter committer;
    private final Set<WatchTask> watches = ConcurrentHashMap.newKeySet();
    private volatile Snapshot snapshot;
    private volatile boolean closed;

    private MvKvStore(String name, MVStore mv, KvStores.Options options) {
        this.name = name;
        this.mv = mv;
        this.persistent = mv.getFileStore() != null;
        this.kv = mv.openMap("kv", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.history = mv.openMap("history", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        MVMap<String, Long> meta = mv.openMap("meta", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        Long format = meta.get("format");
        if (format == null && (!kv.isEmpty() || !history.isEmpty())) {
            throw new StoreException(StoreException.Code.CORRUPT, name + " has data but no format marker");
        }
        if (format != null && format != FORMAT) {
            throw new StoreException(StoreException.Code.CORRUPT,
                    name + " has store format " + format + ", this version reads format " + FORMAT);
        }
        meta.putIfAbsent("format", FORMAT);
        long revision = meta.getOrDefault("revision", 0L);
        long compacted = meta.getOrDefault("compacted", 1L);
        mv.commit();
        this.snapshot = new Snapshot(revision, compacted, kv.getRoot(), history.getRoot(), mv.getCurrentVersion());
        this.committer = new GroupCommitter(this, mv, kv, history, meta, options, revision, compacted);
    }

    static MvKvStore open(Path file, KvStores.Options options) {
        String name = file == null ? "in-memory store" : file.toString();
        MVStore.Builder builder = new MVStore.Builder().autoCommitDisabled().pageSplitSize(PAGE_SPLIT_BYTES);
        if (file != null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new StoreException(StoreException.Code.IO, "cannot create data directory of " + name + ": " + e, e);
            }
            builder.fileName(file.toString());
        }
        MVStore mv;
        try {
            mv = builder.open();
        } catch (MVStoreException e) {
            throw translateOpenError(name, e);
        } catch (IllegalStateException e) {
            // MVStore wraps some failures of a foreign file in a plain IllegalStateException.
            throw new StoreException(StoreException.Code.CORRUPT, name + " is not a readable store: " + e.getMessage(), e);
        }
        MvKvStore store;
        try {
            if (file != null) {
                mv.setRetentionTime(RETENTION_MILLIS);
            }
            store = new MvKvStore(name, mv, options);
        } catch (RuntimeException e) {
            mv.closeImmediately();
            throw e instanceof MVStoreException me ? translateOpenError(name, me) : e;
        }
        store.committer.start();
        LOG.info("store opened: {}, revision {}, {} keys, history from revision {}, fsync {}",
                name, store.snapshot.revision(), store.kv.sizeAsLong(), store.snapshot.compacted(), options.fsync());
        return store;
    }

    private static StoreException translateOpenError(String name, MVStoreException e) {
        return switch (e.getErrorCode()) {
            case DataUtils.ERROR_FILE_LOCKED -> new StoreException(StoreException.Code.LOCKED,
                    name + " is locked: already open in this or another process (" + e.getMessage() + ")", e);
            case DataUtils.ERROR_READING_FAILED, DataUtils.ERROR_WRITING_FAILED -> new StoreException(
                    StoreException.Code.IO, "cannot read/write " + name + ": " + e.getMessage(), e);
            default -> new StoreException(StoreException.Code.CORRUPT,
                    name + " is corrupt or not a store file: " + e.getMessage(), e);
        };
    }

    String name() {
        return name;
    }

    /** Called by the writer after a durable commit, before any future of that group completes. */
    void publish(Snapshot s) {
        snapshot = s;
        for (WatchTask w : watches) {
            w.wake();
        }
    }

    @Override
    public long revision() {
        return snapshot.revision();
    }

    @Override
    public long compactedRevision() {
        return snapshot.compacted();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        Objects.requireNonNull(key, "key");
        return pinned(s -> {
            byte[] raw = kv.get(s.kv().root, key);
            return raw == null ? Optional.empty() : Optional.of(Codec.decodeKv(key, raw));
        });
    }

    @Override
    public List<KeyValue> range(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return pinned(s -> {
            List<KeyValue> out = new ArrayList<>();
            Cursor<String, byte[]> c = kv.cursor(s.kv(), prefix, null, false);
            while (c.hasNext()) {
                String k = c.next();
                if (!k.startsWith(prefix)) {
                    break;
                }
                out.add(Codec.decodeKv(k, c.getValue()));
            }
            return out;
        });
    }

    /** History entries from revision {@code from} on, at most {@code limit}, of the current snapshot. */
    HistoryRead history(long from, int limit) {
        return pinned(s -> {
            List<Map.Entry<Long, List<WatchEvent>>> out = new ArrayList<>();
            if (from <= s.revision()) {
                Cursor<Long, byte[]> c = history.cursor(s.history(), from, s.revision(), false);
                while (c.hasNext() && out.size() < limit) {
                    Long rev = c.next();
                    out.add(Map.entry(rev, Codec.decodeEvents(rev, c.getValue())));
                }
            }
            return new HistoryRead(s.revision(), s.compacted(), out);
        });
    }

    /**
     * Runs a read on the current snapshot while its pages are pinned. Pages the snapshot can
     * reach may already be replaced by newer commits and unloaded from memory; MVStore frees a
     * chunk only once it has been unused since a version older than every registered reader
     * ({@code MVStore.registerVersionUsage}), so a reader registers a version no newer than the
     * snapshot's {@code openVersion} before it follows any page reference.
     */
    private <T> T pinned(Function<Snapshot, T> read) {
        checkOpen();
        try {
            if (!persistent) {
                return read.apply(snapshot);
            }
            for (int attempt = 0; ; attempt++) {
                MVStore.TxCounter pin = mv.registerVersionUsage();
                try {
                    Snapshot s = snapshot;
                    // Between a commit and the publication of its snapshot the pin may be one
                    // version too new: retry; after a few tries MVStore's versionsToKeep and
                    // retention time still cover the gap.
                    if (pin.version <= s.openVersion() || attempt >= 16) {
                        return read.apply(s);
                    }
                } finally {
                    mv.deregisterVersionUsage(pin);
                }
                Thread.onSpinWait();
            }
        } catch (MVStoreException e) {
            throw readError(e);
        }
    }

    private StoreException readError(MVStoreException e) {
        if (closed) {
            return new StoreException(StoreException.Code.CLOSED, name + " is closed", e);
        }
        return new StoreException(e.getErrorCode() == DataUtils.ERROR_READING_FAILED
                ? StoreException.Code.IO : StoreException.Code.CORRUPT, "reading " + name + " failed: " + e.getMessage(), e);
    }

    @Override
    public CompletableFuture<TxnResult> txn(Txn txn) {
        try {
            TxnChecks.validate(txn);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return committer.submit(txn);
    }

    /**
     * {@code fromRevision <= 0} means "from now" (etcd's revision 0): only changes after the
     * current revision. Each watch runs on its own virtual thread and reads the durable history,
     * so it buffers nothing of its own; see {@link WatchTask}.
     */
    @Override
    public WatchResult watch(String prefix, long fromRevision, Consumer<WatchEvent> listener) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        Snapshot s = snapshot;
        long from = fromRevision <= 0 ? s.revision() + 1 : fromRevision;
        if (from < s.compacted()) {
            return new WatchResult.Compacted(s.compacted());
        }
        WatchTask task = new WatchTask(this, prefix, from, listener);
        watches.add(task);
        task.ended().whenComplete((end, err) -> watches.remove(task));
        task.start();
        return task;
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException(StoreException.Code.CLOSED, name + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        committer.shutdown();
        for (WatchTask w : List.copyOf(watches)) {
            w.end(new WatchEnd.StoreClosed());
        }
        for (WatchTask w : List.copyOf(watches)) {
            w.join();
        }
        try {
            mv.close();
        } catch (MVStoreException e) {
            LOG.warn("closing {} failed: {}", name, e.toString());
            mv.closeImmediately();
        }
        LOG.info("store closed: {}, revision {}", name, snapshot.revision());
    }
}
