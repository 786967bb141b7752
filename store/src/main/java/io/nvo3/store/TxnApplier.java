package io.nvo3.store;

import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/** Applies one transaction to the live key map, on the writer thread only. */
final class TxnApplier {
    private final MVMap<String, byte[]> kv;

    TxnApplier(MVMap<String, byte[]> kv) {
        this.kv = kv;
    }

    record Applied(boolean succeeded, List<WatchEvent> events) {}

    /**
     * Evaluates the compares against the current state and applies one branch; every change
     * carries {@code revision}, the revision this txn takes if it changes anything.
     */
    Applied apply(Txn txn, long revision) {
        boolean ok = txn.compares().stream().allMatch(this::holds);
        List<WatchEvent> events = new ArrayList<>();
        for (Op op : ok ? txn.success() : txn.failure()) {
            switch (op) {
                case Op.Put p -> events.add(put(p.key(), p.value(), revision));
                case Op.Delete d -> delete(d.key(), revision, events);
                case Op.DeletePrefix dp -> deletePrefix(dp.prefix(), revision, events);
            }
        }
        return new Applied(ok, events);
    }

    /** etcd: "the key's ... revision / version; 0 when the key does not exist". */
    private boolean holds(Compare c) {
        byte[] raw = kv.get(c.key());
        KeyValue cur = raw == null ? null : Codec.decodeKv(c.key(), raw);
        long actual = switch (c.target()) {
            case MOD_REVISION -> cur == null ? 0 : cur.modRevision();
            case VERSION -> cur == null ? 0 : cur.version();
            case CREATE_REVISION -> cur == null ? 0 : cur.createRevision();
        };
        return actual == c.expected();
    }

    /**
     * etcd mvcc: a put of an existing key keeps its create revision and increments its version;
     * a put of a missing key (never written or deleted since) starts again at version 1.
     */
    private WatchEvent put(String key, byte[] value, long revision) {
        byte[] raw = kv.get(key);
        KeyValue prev = raw == null ? null : Codec.decodeKv(key, raw);
        KeyValue next = prev == null
                ? new KeyValue(key, value.clone(), revision, revision, 1)
                : new KeyValue(key, value.clone(), prev.createRevision(), revision, prev.version() + 1);
        kv.put(key, Codec.encodeKv(next));
        return new WatchEvent(WatchEvent.Type.PUT, next, prev);
    }

    private void delete(String key, long revision, List<WatchEvent> events) {
        byte[] raw = kv.remove(key);
        if (raw != null) {
            events.add(new WatchEvent(WatchEvent.Type.DELETE, Codec.tombstone(key, revision), Codec.decodeKv(key, raw)));
        }
    }

    private void deletePrefix(String prefix, long revision, List<WatchEvent> events) {
        List<String> keys = new ArrayList<>();
        Cursor<String, byte[]> c = kv.cursor(prefix);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        for (String k : keys) {
            delete(k, revision, events);
        }
    }
}
