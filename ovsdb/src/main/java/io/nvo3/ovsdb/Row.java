package io.nvo3.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A {@code <row>} (RFC 7047 §5.1): "A JSON object that describes a table row or a subset of a table row. Each
 * member is the name of a table column paired with the {@code <value>} of that column."
 */
public record Row(Map<String, Value> columns) {
    public Row {
        Objects.requireNonNull(columns, "columns");
        columns.forEach((k, v) -> {
            Objects.requireNonNull(k, "column name");
            Objects.requireNonNull(v, "value of " + k);
        });
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static Row empty() {
        return new Row(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Value> get(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    /** The row's own UUID when the {@code _uuid} column is present (select results). */
    public Optional<UUID> uuid() {
        return get("_uuid").flatMap(v -> v instanceof Atom.UuidAtom(UUID u) ? Optional.of(u) : Optional.empty());
    }

    /** A string column, or empty when absent or not a string (an empty optional string column is an empty set). */
    public Optional<String> string(String column) {
        return get(column).flatMap(v -> v.asSet().size() == 1 && v.asSet().iterator().next() instanceof Atom.StringAtom(
                String s) ? Optional.of(s) : Optional.empty());
    }

    /** A set column (a bare atom is a 1-element set, §5.1); empty set when absent. */
    public Set<Atom> set(String column) {
        return get(column).map(Value::asSet).orElse(Set.of());
    }

    /** A uuid-valued set column as UUIDs (e.g. Bridge.ports). */
    public Set<UUID> uuids(String column) {
        Set<UUID> out = new java.util.LinkedHashSet<>();
        for (Atom a : set(column)) {
            if (a instanceof Atom.UuidAtom(UUID u)) {
                out.add(u);
            }
        }
        return out;
    }

    /** A string-to-string map column (external_ids, options, other_config); empty when absent. */
    public Map<String, String> stringMap(String column) {
        return get(column).map(v -> v instanceof Value.MapValue m ? m.asStringMap() : Map.<String, String>of())
                .orElse(Map.of());
    }

    public static final class Builder {
        private final Map<String, Value> columns = new LinkedHashMap<>();

        public Builder put(String column, Value value) {
            columns.put(column, value);
            return this;
        }

        public Builder put(String column, String value) {
            return put(column, Atom.string(value));
        }

        public Builder put(String column, long value) {
            return put(column, Atom.integer(value));
        }

        public Builder put(String column, boolean value) {
            return put(column, Atom.bool(value));
        }

        public Row build() {
            return new Row(columns);
        }
    }
}
