package io.nvo3.ovsdb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Current rows of the monitored tables, kept by applying monitor updates (RFC 7047 §4.1.6) in order. Use it as
 * the {@link MonitorListener} (or feed it from one); reads are safe from any thread.
 */
public final class TableCache implements MonitorListener {
    private final Map<String, Map<UUID, Row>> tables = new ConcurrentHashMap<>();

    @Override
    public void onUpdate(TableUpdates updates, boolean initial) {
        apply(updates);
    }

    /** Applies updates and returns them unchanged, for chaining. */
    public TableUpdates apply(TableUpdates updates) {
        updates.tables().forEach((table, rows) -> {
            Map<UUID, Row> t = tables.computeIfAbsent(table, k -> new ConcurrentHashMap<>());
            for (RowUpdate u : rows) {
                switch (u) {
                    case RowUpdate.Added a -> t.put(a.uuid(), a.row());
                    // "new" carries every monitored column for a modify, so it replaces the row.
                    case RowUpdate.Modified m -> t.put(m.uuid(), m.row());
                    case RowUpdate.Deleted d -> t.remove(d.uuid());
                }
            }
        });
        return updates;
    }

    public Optional<Row> row(String table, UUID uuid) {
        return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(uuid));
    }

    public Map<UUID, Row> rows(String table) {
        return Map.copyOf(tables.getOrDefault(table, Map.of()));
    }

    public List<Map.Entry<UUID, Row>> find(String table, Predicate<Row> filter) {
        return rows(table).entrySet().stream().filter(e -> filter.test(e.getValue())).toList();
    }

    /** The first row of {@code table} whose string column {@code column} equals {@code value}. */
    public Optional<Map.Entry<UUID, Row>> findBy(String table, String column, String value) {
        return find(table, r -> r.string(column).filter(value::equals).isPresent()).stream().findFirst();
    }

    public Collection<String> tableNames() {
        return List.copyOf(tables.keySet());
    }

    public void clear() {
        tables.clear();
    }
}
