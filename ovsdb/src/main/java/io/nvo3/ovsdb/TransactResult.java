package io.nvo3.ovsdb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The reply to "transact" (RFC 7047 §4.1.3): one result per operation, plus {@code commitError} when "the
 * operations all succeed, but the results cannot be committed" and the array carries one extra {@code <error>}.
 */
public record TransactResult(List<OperationResult> results, Optional<OvsdbError> commitError) {
    public TransactResult {
        results = List.copyOf(results);
        Objects.requireNonNull(commitError, "commitError");
    }

    /** The first operation error, or the commit error. */
    public Optional<OvsdbError> error() {
        for (OperationResult r : results) {
            if (r instanceof OperationResult.Failed(OvsdbError e)) {
                return Optional.of(e);
            }
        }
        return commitError;
    }

    /** Index of the first failed operation, or -1 (also -1 when only the commit failed). */
    public int failedIndex() {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OperationResult.Failed) {
                return i;
            }
        }
        return -1;
    }

    public boolean isSuccess() {
        return error().isEmpty();
    }

    /** This result when it succeeded, else {@link OvsdbException.TransactFailed}. */
    public TransactResult orThrow() {
        if (!isSuccess()) {
            throw new OvsdbException.TransactFailed(this);
        }
        return this;
    }

    /** The uuid that the insert at {@code index} produced. */
    public UUID insertedUuid(int index) {
        if (results.get(index) instanceof OperationResult.Inserted(UUID u)) {
            return u;
        }
        throw new IllegalStateException("operation " + index + " is not a successful insert: " + results.get(index));
    }

    /** The rows that the select at {@code index} returned. */
    public List<Row> selectedRows(int index) {
        if (results.get(index) instanceof OperationResult.Selected(List<Row> rows)) {
            return rows;
        }
        throw new IllegalStateException("operation " + index + " is not a successful select: " + results.get(index));
    }
}
