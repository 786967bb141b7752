package io.nvo3.ovsdb;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One element of a "transact" response's result array (RFC 7047 §4.1.3, §5.2). */
public sealed interface OperationResult
        permits OperationResult.Inserted, OperationResult.Selected, OperationResult.Counted, OperationResult.Done,
        OperationResult.Failed, OperationResult.NotExecuted {

    /** insert: {@code {"uuid": <uuid>}}. */
    record Inserted(UUID uuid) implements OperationResult {
        public Inserted {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** select: {@code {"rows": [<row>*]}}. */
    record Selected(List<Row> rows) implements OperationResult {
        public Selected {
            rows = List.copyOf(rows);
        }
    }

    /** update, mutate, delete: {@code {"count": <integer>}}. */
    record Counted(long count) implements OperationResult {
    }

    /** wait, commit, abort, comment, assert: an empty object. */
    record Done() implements OperationResult {
    }

    /** An {@code <error>} in place of the operation's result. */
    record Failed(OvsdbError error) implements OperationResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** §4.1.3: null, the operation was not executed because an earlier one failed. */
    record NotExecuted() implements OperationResult {
    }
}
