package io.nvo3.ovsdb;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An OVSDB {@code <atom>} (RFC 7047 §5.1): "{@code <string>}, {@code <number>}, {@code <boolean>}, {@code <uuid>},
 * or {@code <named-uuid>}".
 */
public sealed interface Atom extends Value
        permits Atom.IntegerAtom, Atom.RealAtom, Atom.BooleanAtom, Atom.StringAtom, Atom.UuidAtom, Atom.NamedUuid {

    @Override
    default Set<Atom> asSet() {
        return Set.of(this);
    }

    /** The string of a string atom; throws for other kinds (a usage error of the caller). */
    default String asString() {
        if (this instanceof StringAtom(String v)) {
            return v;
        }
        throw new IllegalStateException("not a string atom: " + this);
    }

    record IntegerAtom(long value) implements Atom {
    }

    record RealAtom(double value) implements Atom {
        public RealAtom {
            // JSON has no NaN nor infinities.
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("real atom must be finite: " + value);
            }
        }
    }

    record BooleanAtom(boolean value) implements Atom {
    }

    record StringAtom(String value) implements Atom {
        public StringAtom {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code ["uuid", <id>]}. */
    record UuidAtom(UUID value) implements Atom {
        public UuidAtom {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * {@code ["named-uuid", <id>]}: "refers to the UUID of a row inserted in an 'insert' operation within the
     * same transaction" (§5.1); the name must match {@code [a-zA-Z_][a-zA-Z0-9_]*} (§3.1 {@code <id>}).
     */
    record NamedUuid(String name) implements Atom {
        static final Pattern ID = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

        public NamedUuid {
            Objects.requireNonNull(name, "name");
            if (!ID.matcher(name).matches()) {
                throw new IllegalArgumentException("named-uuid must match [a-zA-Z_][a-zA-Z0-9_]*: " + name);
            }
        }
    }

    static IntegerAtom integer(long v) {
        return new IntegerAtom(v);
    }

    static RealAtom real(double v) {
        return new RealAtom(v);
    }

    static BooleanAtom bool(boolean v) {
        return new BooleanAtom(v);
    }

    static StringAtom string(String v) {
        return new StringAtom(v);
    }

    static UuidAtom uuid(UUID v) {
        return new UuidAtom(v);
    }

    static NamedUuid named(String name) {
        return new NamedUuid(name);
    }
}
