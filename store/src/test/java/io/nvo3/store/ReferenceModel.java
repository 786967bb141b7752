package io.nvo3.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** The obvious in-memory etcd, to compare the store against. */
final class ReferenceModel {
    final TreeMap<String, KeyValue> keys = new TreeMap<>();
    final List<WatchEvent> history = new ArrayList<>();
    long revision;

    /** The result the store must give, or null when etcd would reject the txn. */
    TxnResult apply(Txn txn) {
        if (!valid(txn.success()) || !valid(txn.failure())) {
            return null;
        }
        boolean ok = true;
        for (Compare c : txn.compares()) {
            KeyValue kv = keys.get(c.key());
            long actual = kv == null ? 0 : switch (c.target()) {
                case MOD_REVISION -> kv.modRevision();
                case VERSION -> kv.version();
                case CREATE_REVISION -> kv.createRevision();
            };
            ok &= actual == c.expected();
        }
        long rev = revision + 1;
        List<WatchEvent> events = new ArrayList<>();
        for (Op op : ok ? txn.success() : txn.failure()) {
            switch (op) {
                case Op.Put p -> {
                    KeyValue prev = keys.get(p.key());
                    KeyValue next = new KeyValue(p.key(), p.value(), prev == null ? rev : prev.createRevision(), rev,
                            prev == null ? 1 : prev.version() + 1);
                    keys.put(p.key(), next);
                    events.add(new WatchEvent(WatchEvent.Type.PUT, next, prev));
                }
                case Op.Delete d -> remove(d.key(), rev, events);
                case Op.DeletePrefix dp -> {
                    for (String k : List.copyOf(keys.keySet())) {
                        if (k.startsWith(dp.prefix())) {
                            remove(k, rev, events);
                        }
                    }
                }
            }
        }
        if (!events.isEmpty()) {
            revision = rev;
            history.addAll(events);
        }
        return new TxnResult(ok, revision, events);
    }

    private void remove(String key, long rev, List<WatchEvent> events) {
        KeyValue prev = keys.remove(key);
        if (prev != null) {
            events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, new byte[0], 0, rev, 0), prev));
        }
    }

    private static boolean valid(List<Op> ops) {
        Set<String> puts = new HashSet<>();
        for (Op op : ops) {
            if (op instanceof Op.Put p && !puts.add(p.key())) {
                return false;
            }
        }
        for (Op op : ops) {
            if (op instanceof Op.Delete d && puts.contains(d.key())) {
                return false;
            }
            if (op instanceof Op.DeletePrefix dp && puts.stream().anyMatch(k -> k.startsWith(dp.prefix()))) {
                return false;
            }
        }
        return true;
    }
}
