package io.nvo3.store;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rejects, before queueing, the transactions etcd would reject. */
final class TxnChecks {
    /** Longest key in UTF-8 bytes (the history encodes keys with writeUTF, limit 65535). */
    static final int MAX_KEY_BYTES = 4096;
    /** etcd's default --max-request-bytes is 1.5 MiB; the same bound applies to one txn here. */
    static final int MAX_TXN_BYTES = 1536 * 1024;
    /** etcd's --max-txn-ops defaults to 128; the controller batches more (a port and its indexes). */
    static final int MAX_TXN_OPS = 1024;

    private TxnChecks() {}

    static void validate(Txn txn) {
        if (txn.compares().size() + txn.success().size() + txn.failure().size() > MAX_TXN_OPS) {
            throw invalid("txn has more than " + MAX_TXN_OPS + " compares and ops");
        }
        long bytes = 0;
        for (Compare c : txn.compares()) {
            bytes += checkKey(c.key(), "compare.key");
        }
        bytes += checkBranch(txn.success(), "success");
        bytes += checkBranch(txn.failure(), "failure");
        if (bytes > MAX_TXN_BYTES) {
            throw invalid("txn is " + bytes + " bytes, more than " + MAX_TXN_BYTES);
        }
    }

    /**
     * etcd (server/etcdserver/api/v3rpc/key.go checkIntervals): "duplicate key given in txn
     * request" when a branch puts a key twice, or puts a key that the same branch deletes.
     */
    private static long checkBranch(List<Op> ops, String branch) {
        long bytes = 0;
        Set<String> puts = new HashSet<>();
        for (Op op : ops) {
            switch (op) {
                case Op.Put p -> {
                    bytes += checkKey(p.key(), branch + ".put.key") + p.value().length;
                    if (!puts.add(p.key())) {
                        throw invalid("duplicate key given in txn request: " + branch + " puts " + p.key() + " twice");
                    }
                }
                case Op.Delete d -> bytes += checkKey(d.key(), branch + ".delete.key");
                case Op.DeletePrefix dp -> bytes += dp.prefix().length();
            }
        }
        for (Op op : ops) {
            switch (op) {
                case Op.Put p -> { }
                case Op.Delete d -> {
                    if (puts.contains(d.key())) {
                        throw invalid("duplicate key given in txn request: " + branch + " puts and deletes " + d.key());
                    }
                }
                case Op.DeletePrefix dp -> {
                    for (String k : puts) {
                        if (k.startsWith(dp.prefix())) {
                            throw invalid("duplicate key given in txn request: " + branch + " puts " + k
                                    + " inside deleted prefix " + dp.prefix());
                        }
                    }
                }
            }
        }
        return bytes;
    }

    private static int checkKey(String key, String field) {
        if (key.isEmpty()) {
            throw invalid(field + " is empty");
        }
        int n = key.getBytes(StandardCharsets.UTF_8).length;
        if (n > MAX_KEY_BYTES) {
            throw invalid(field + " is " + n + " bytes, more than " + MAX_KEY_BYTES);
        }
        return n;
    }

    private static StoreException invalid(String message) {
        return new StoreException(StoreException.Code.INVALID_ARGUMENT, message);
    }
}
