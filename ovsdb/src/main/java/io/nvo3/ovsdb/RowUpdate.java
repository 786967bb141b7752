package io.nvo3.ovsdb;

import java.util.Objects;
import java.util.UUID;

/**
 * A {@code <row-update>} (RFC 7047 §4.1.6). "The "old" member is present for "delete" and "modify" updates";
 * "The "new" member is present for "initial", "insert", and "modify" updates."
 */
public sealed interface RowUpdate permits RowUpdate.Added, RowUpdate.Modified, RowUpdate.Deleted {
    UUID uuid();

    /** initial or insert: "each monitored column is included" in {@code row}. */
    record Added(UUID uuid, Row row) implements RowUpdate {
        public Added {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(row, "row");
        }
    }

    /**
     * modify: {@code old} holds "the prior value of each monitored column whose value has changed"; {@code row}
     * holds "the new value of each monitored column".
     */
    record Modified(UUID uuid, Row old, Row row) implements RowUpdate {
        public Modified {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(old, "old");
            Objects.requireNonNull(row, "row");
        }
    }

    /** delete: {@code old} holds each monitored column. */
    record Deleted(UUID uuid, Row old) implements RowUpdate {
        public Deleted {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(old, "old");
        }
    }
}
