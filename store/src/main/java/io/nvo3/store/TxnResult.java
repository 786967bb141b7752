package io.nvo3.store;

import java.util.List;

/**
 * Outcome of a transaction: whether the compares held, the store revision after it,
 * and the changes it made (empty when nothing changed).
 */
public record TxnResult(boolean succeeded, long revision, List<WatchEvent> changes) {
    public TxnResult {
        changes = List.copyOf(changes);
    }
}
