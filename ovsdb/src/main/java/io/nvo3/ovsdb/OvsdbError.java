package io.nvo3.ovsdb;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code <error>} object (RFC 7047 §3.1): "A JSON object with the following members: "error": {@code <string>}
 * (required), "details": {@code <string>} (optional)". Unknown error strings are kept verbatim.
 */
public record OvsdbError(String error, Optional<String> details) {
    public OvsdbError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(details, "details");
    }

    public Kind kind() {
        return Kind.of(error);
    }

    @Override
    public String toString() {
        return details.map(d -> error + " (" + d + ")").orElse(error);
    }

    /** The error strings RFC 7047 §4.1.3 and §5.2 define; {@link #UNKNOWN} keeps anything else via {@link #error()}. */
    public enum Kind {
        REFERENTIAL_INTEGRITY_VIOLATION("referential integrity violation"),
        CONSTRAINT_VIOLATION("constraint violation"),
        RESOURCES_EXHAUSTED("resources exhausted"),
        IO_ERROR("I/O error"),
        DUPLICATE_UUID_NAME("duplicate uuid-name"),
        DOMAIN_ERROR("domain error"),
        RANGE_ERROR("range error"),
        TIMED_OUT("timed out"),
        NOT_SUPPORTED("not supported"),
        ABORTED("aborted"),
        NOT_OWNER("not owner"),
        UNKNOWN_DATABASE("unknown database"),
        UNKNOWN_METHOD("unknown method"),
        UNKNOWN(null);

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Kind of(String s) {
            for (Kind k : values()) {
                if (k.wire != null && k.wire.equals(s)) {
                    return k;
                }
            }
            return UNKNOWN;
        }
    }
}
