package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Monitor requests and {@code <table-updates>} (RFC 7047 §4.1.5, §4.1.6). */
final class MonitorCodec {
    private MonitorCodec() {
    }

    static ObjectNode encodeRequests(Map<String, MonitorRequest> requests) {
        ObjectNode o = ValueCodec.F.objectNode();
        requests.forEach((table, r) -> {
            ObjectNode x = o.putObject(table);
            r.columns().ifPresent(cols -> {
                var a = x.putArray("columns");
                cols.forEach(a::add);
            });
            ObjectNode sel = x.putObject("select");
            sel.put("initial", r.initial());
            sel.put("insert", r.insert());
            sel.put("delete", r.delete());
            sel.put("modify", r.modify());
        });
        return o;
    }

    static TableUpdates decode(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new OvsdbException.Malformed("table-updates is not an object: " + ValueCodec.abbreviate(n));
        }
        Map<String, List<RowUpdate>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> t : n.properties()) {
            if (!t.getValue().isObject()) {
                throw new OvsdbException.Malformed("table-update of " + t.getKey() + " is not an object");
            }
            List<RowUpdate> rows = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : t.getValue().properties()) {
                rows.add(rowUpdate(ValueCodec.parseUuid(e.getKey()), e.getValue()));
            }
            out.put(t.getKey(), rows);
        }
        return new TableUpdates(out);
    }

    private static RowUpdate rowUpdate(UUID uuid, JsonNode n) {
        if (!n.isObject()) {
            throw new OvsdbException.Malformed("row-update of " + uuid + " is not an object");
        }
        JsonNode oldN = n.get("old");
        JsonNode newN = n.get("new");
        boolean hasOld = oldN != null && !oldN.isNull();
        boolean hasNew = newN != null && !newN.isNull();
        if (hasOld && hasNew) {
            return new RowUpdate.Modified(uuid, OperationCodec.decodeRow(oldN), OperationCodec.decodeRow(newN));
        }
        if (hasNew) {
            return new RowUpdate.Added(uuid, OperationCodec.decodeRow(newN));
        }
        if (hasOld) {
            return new RowUpdate.Deleted(uuid, OperationCodec.decodeRow(oldN));
        }
        throw new OvsdbException.Malformed("row-update of " + uuid + " has neither old nor new");
    }
}
