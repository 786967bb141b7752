package io.nvo3.ovsdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <table-updates>} (RFC 7047 §4.1.5): per table name, the row updates in the order received. */
public record TableUpdates(Map<String, List<RowUpdate>> tables) {
    public TableUpdates {
        Map<String, List<RowUpdate>> copy = new LinkedHashMap<>();
        tables.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        tables = Collections.unmodifiableMap(copy);
    }

    public List<RowUpdate> table(String table) {
        return tables.getOrDefault(table, List.of());
    }

    public boolean isEmpty() {
        return tables.values().stream().allMatch(List::isEmpty);
    }
}
