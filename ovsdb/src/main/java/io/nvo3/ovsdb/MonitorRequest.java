package io.nvo3.ovsdb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <monitor-request>} (RFC 7047 §4.1.5): "columns" (all when absent) and "select" (which kinds of change
 * to report; all true by default).
 */
public record MonitorRequest(Optional<List<String>> columns, boolean initial, boolean insert, boolean delete,
                             boolean modify) {
    public MonitorRequest {
        Objects.requireNonNull(columns, "columns");
        columns = columns.map(List::copyOf);
    }

    /** All columns, all kinds of change, with the initial contents. */
    public static MonitorRequest all() {
        return new MonitorRequest(Optional.empty(), true, true, true, true);
    }

    public static MonitorRequest columns(String... columns) {
        return new MonitorRequest(Optional.of(List.of(columns)), true, true, true, true);
    }
}
