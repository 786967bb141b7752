package io.nvo3.ovsdb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** The database operations of a "transact" request (RFC 7047 §5.2). */
public sealed interface Operation
        permits Operation.Insert, Operation.Select, Operation.Update, Operation.Mutate, Operation.Delete,
        Operation.Wait, Operation.Commit, Operation.Abort, Operation.Comment, Operation.Assert {

    /** §5.2.1: inserts "row" into "table"; "uuid-name" names the new row for the rest of the transaction. */
    record Insert(String table, Row row, Optional<String> uuidName) implements Operation {
        public Insert {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(uuidName, "uuidName");
            uuidName.ifPresent(Atom.NamedUuid::new); // validates the <id> syntax
        }
    }

    /** §5.2.2: "searches "table" for rows that match all the conditions specified in "where"". */
    record Select(String table, List<Condition> where, Optional<List<String>> columns) implements Operation {
        public Select {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            columns = columns.map(List::copyOf);
        }
    }

    /** §5.2.3: "updates rows in a table" matching "where" with the columns of "row". */
    record Update(String table, List<Condition> where, Row row) implements Operation {
        public Update {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            Objects.requireNonNull(row, "row");
        }
    }

    /** §5.2.4: "mutates rows in a table". */
    record Mutate(String table, List<Condition> where, List<Mutation> mutations) implements Operation {
        public Mutate {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
            mutations = List.copyOf(mutations);
        }
    }

    /** §5.2.5: "deletes all the rows from "table" that match all the conditions specified in "where"". */
    record Delete(String table, List<Condition> where) implements Operation {
        public Delete {
            Objects.requireNonNull(table, "table");
            where = List.copyOf(where);
        }
    }

    /**
     * §5.2.6: "waits until a condition is true": the rows matching "where", projected on "columns", compare
     * {@code until} ("==" or "!=") to "rows"; "timeout" 0 makes it fail at once with "timed out".
     */
    record Wait(String table, OptionalLong timeoutMillis, List<Condition> where, List<String> columns, Until until,
                List<Row> rows) implements Operation {
        public Wait {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(timeoutMillis, "timeoutMillis");
            timeoutMillis.ifPresent(t -> {
                if (t < 0) {
                    throw new IllegalArgumentException("timeout must be >= 0: " + t);
                }
            });
            where = List.copyOf(where);
            columns = List.copyOf(columns);
            Objects.requireNonNull(until, "until");
            rows = List.copyOf(rows);
        }

        public enum Until {
            EQ("=="), NE("!=");

            private final String wire;

            Until(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }
        }
    }

    /** §5.2.7: "If "durable" is specified as true, then the transaction ... will be durable". */
    record Commit(boolean durable) implements Operation {
    }

    /** §5.2.8: "aborts the entire transaction". */
    record Abort() implements Operation {
    }

    /** §5.2.9: "Provides information to a database administrator on the purpose of a transaction". */
    record Comment(String comment) implements Operation {
        public Comment {
            Objects.requireNonNull(comment, "comment");
        }
    }

    /** §5.2.10: "If the client does not own the lock named {@code <string>}, aborts the transaction". */
    record Assert(String lock) implements Operation {
        public Assert {
            Objects.requireNonNull(lock, "lock");
        }
    }

    static Insert insert(String table, Row row) {
        return new Insert(table, row, Optional.empty());
    }

    static Insert insert(String table, Row row, String uuidName) {
        return new Insert(table, row, Optional.of(uuidName));
    }

    static Select select(String table, Condition... where) {
        return new Select(table, List.of(where), Optional.empty());
    }

    static Update update(String table, Row row, Condition... where) {
        return new Update(table, List.of(where), row);
    }

    static Mutate mutate(String table, List<Condition> where, Mutation... mutations) {
        return new Mutate(table, where, List.of(mutations));
    }

    static Delete delete(String table, Condition... where) {
        return new Delete(table, List.of(where));
    }

    static Comment comment(String text) {
        return new Comment(text);
    }
}
