package io.nvo3.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints JSON objects as an aligned table of chosen columns, like `gobgp neighbor`. */
final class Table {
    private Table() {}

    static void print(PrintStream out, JsonNode rows, String... columns) {
        List<String[]> lines = new ArrayList<>();
        String[] header = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            header[i] = columns[i].toUpperCase().replace('_', ' ');
        }
        lines.add(header);
        for (JsonNode row : rows) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                JsonNode v = row.path(columns[i]);
                line[i] = v.isMissingNode() || v.isNull() ? "-" : v.isValueNode() ? v.asText() : v.toString();
            }
            lines.add(line);
        }
        int[] width = new int[columns.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                sb.append(i == l.length - 1 ? l[i] : String.format("%-" + (width[i] + 2) + "s", l[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
