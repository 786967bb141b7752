package io.nvo3.ovsdb;

import java.util.Objects;

/** A {@code <condition>} (RFC 7047 §5.1): {@code [<column>, <function>, <value>]}. */
public record Condition(String column, Function function, Value value) {
    public Condition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(value, "value");
    }

    public static Condition eq(String column, Value value) {
        return new Condition(column, Function.EQ, value);
    }

    public static Condition eq(String column, String value) {
        return eq(column, Atom.string(value));
    }

    public static Condition includes(String column, Value value) {
        return new Condition(column, Function.INCLUDES, value);
    }

    /** {@code <function>}: "<", "<=", "==", "!=", ">=", ">", "includes", "excludes". */
    public enum Function {
        LT("<"), LE("<="), EQ("=="), NE("!="), GE(">="), GT(">"), INCLUDES("includes"), EXCLUDES("excludes");

        private final String wire;

        Function(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Function fromWire(String s) {
            for (Function f : values()) {
                if (f.wire.equals(s)) {
                    return f;
                }
            }
            throw new OvsdbException.Malformed("unknown condition function: " + s);
        }
    }
}
