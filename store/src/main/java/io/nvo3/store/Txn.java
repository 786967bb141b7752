package io.nvo3.store;

import java.util.List;

/** If every compare holds, apply {@code success}, else {@code failure} (as etcd's Txn). */
public record Txn(List<Compare> compares, List<Op> success, List<Op> failure) {
    public Txn {
        compares = List.copyOf(compares);
        success = List.copyOf(success);
        failure = List.copyOf(failure);
    }

    public static Txn of(Op... ops) {
        return new Txn(List.of(), List.of(ops), List.of());
    }

    public static Txn guarded(List<Compare> compares, List<Op> ops) {
        return new Txn(compares, ops, List.of());
    }
}
