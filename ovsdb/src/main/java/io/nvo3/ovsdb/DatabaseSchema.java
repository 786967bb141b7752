package io.nvo3.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <database-schema>} (RFC 7047 §3.2) as returned by "get_schema": "name", "version", optional "cksum"
 * and "tables".
 */
public record DatabaseSchema(String name, String version, Optional<String> cksum, Map<String, TableSchema> tables) {
    public DatabaseSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cksum, "cksum");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    public Optional<TableSchema> table(String table) {
        return Optional.ofNullable(tables.get(table));
    }

    /** {@code <table-schema>}: "columns", optional "maxRows", "isRoot" (default false), "indexes". */
    public record TableSchema(String name, Map<String, ColumnSchema> columns, boolean isRoot,
                              Optional<Long> maxRows) {
        public TableSchema {
            Objects.requireNonNull(name, "name");
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
            Objects.requireNonNull(maxRows, "maxRows");
        }

        public Optional<ColumnSchema> column(String column) {
            return Optional.ofNullable(columns.get(column));
        }
    }

    /** {@code <column-schema>}: "type", "ephemeral" (default false), "mutable" (default true). */
    public record ColumnSchema(String name, ColumnType type, boolean ephemeral, boolean mutable) {
        public ColumnSchema {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * {@code <type>}: "key", optional "value" (a map when present), "min" (default 1) and "max" (default 1,
     * or "unlimited", kept here as {@link Long#MAX_VALUE}).
     */
    public record ColumnType(BaseType key, Optional<BaseType> value, long min, long max) {
        public static final long UNLIMITED = Long.MAX_VALUE;

        public ColumnType {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            // §3.2: "min" "must be exactly 0 or exactly 1"; "max" "must be at least 1" and >= min.
            if (min != 0 && min != 1) {
                throw new IllegalArgumentException("min must be 0 or 1: " + min);
            }
            if (max < 1 || max < min) {
                throw new IllegalArgumentException("max must be >= 1 and >= min: " + max);
            }
        }

        public boolean isMap() {
            return value.isPresent();
        }

        /** A set or optional scalar: anything but exactly one atom. */
        public boolean isSet() {
            return !isMap() && !(min == 1 && max == 1);
        }
    }

    /** {@code <base-type>} with the constraints this client reads: "enum", "refTable", "refType". */
    public record BaseType(AtomicType type, Optional<Value> enumeration, Optional<String> refTable,
                           Optional<RefType> refType) {
        public BaseType {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(enumeration, "enumeration");
            Objects.requireNonNull(refTable, "refTable");
            Objects.requireNonNull(refType, "refType");
        }

        public static BaseType of(AtomicType type) {
            return new BaseType(type, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** {@code <atomic-type>}: "integer", "real", "boolean", "string", "uuid". */
    public enum AtomicType {
        INTEGER, REAL, BOOLEAN, STRING, UUID;

        static AtomicType fromWire(String s) {
            return switch (s) {
                case "integer" -> INTEGER;
                case "real" -> REAL;
                case "boolean" -> BOOLEAN;
                case "string" -> STRING;
                case "uuid" -> UUID;
                default -> throw new OvsdbException.Malformed("unknown atomic-type: " + s);
            };
        }
    }

    /** "refType": "strong" (default) or "weak". */
    public enum RefType {
        STRONG, WEAK
    }
}
