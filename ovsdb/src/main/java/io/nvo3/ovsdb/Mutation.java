package io.nvo3.ovsdb;

import java.util.Objects;

/** A {@code <mutation>} (RFC 7047 §5.1): {@code [<column>, <mutator>, <value>]}. */
public record Mutation(String column, Mutator mutator, Value value) {
    public Mutation {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(mutator, "mutator");
        Objects.requireNonNull(value, "value");
    }

    public static Mutation insert(String column, Value value) {
        return new Mutation(column, Mutator.INSERT, value);
    }

    public static Mutation delete(String column, Value value) {
        return new Mutation(column, Mutator.DELETE, value);
    }

    /** {@code <mutator>}: "+=", "-=", "*=", "/=", "%=", "insert", "delete". */
    public enum Mutator {
        ADD("+="), SUBTRACT("-="), MULTIPLY("*="), DIVIDE("/="), MODULO("%="), INSERT("insert"), DELETE("delete");

        private final String wire;

        Mutator(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Mutator fromWire(String s) {
            for (Mutator m : values()) {
                if (m.wire.equals(s)) {
                    return m;
                }
            }
            throw new OvsdbException.Malformed("unknown mutator: " + s);
        }
    }
}
