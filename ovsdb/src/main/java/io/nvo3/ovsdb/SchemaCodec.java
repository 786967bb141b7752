package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Parses a {@code <database-schema>} (RFC 7047 §3.2). */
final class SchemaCodec {
    private SchemaCodec() {
    }

    static DatabaseSchema parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new OvsdbException.Malformed("schema is not an object");
        }
        String name = text(n, "name");
        String version = n.hasNonNull("version") ? text(n, "version") : "";
        Optional<String> cksum = n.hasNonNull("cksum") ? Optional.of(text(n, "cksum")) : Optional.empty();
        JsonNode tables = n.get("tables");
        if (tables == null || !tables.isObject()) {
            throw new OvsdbException.Malformed("schema " + name + " has no tables object");
        }
        Map<String, DatabaseSchema.TableSchema> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : tables.properties()) {
            out.put(e.getKey(), table(e.getKey(), e.getValue()));
        }
        return new DatabaseSchema(name, version, cksum, out);
    }

    private static DatabaseSchema.TableSchema table(String name, JsonNode n) {
        JsonNode cols = n.get("columns");
        if (cols == null || !cols.isObject()) {
            throw new OvsdbException.Malformed("table " + name + " has no columns object");
        }
        Map<String, DatabaseSchema.ColumnSchema> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : cols.properties()) {
            JsonNode c = e.getValue();
            if (!c.isObject() || !c.has("type")) {
                throw new OvsdbException.Malformed("column " + name + "." + e.getKey() + " has no type");
            }
            out.put(e.getKey(), new DatabaseSchema.ColumnSchema(e.getKey(), type(c.get("type")),
                    c.path("ephemeral").asBoolean(false), c.path("mutable").asBoolean(true)));
        }
        Optional<Long> maxRows = n.hasNonNull("maxRows") ? Optional.of(n.get("maxRows").asLong()) : Optional.empty();
        return new DatabaseSchema.TableSchema(name, out, n.path("isRoot").asBoolean(false), maxRows);
    }

    static DatabaseSchema.ColumnType type(JsonNode n) {
        if (n.isTextual()) {
            return new DatabaseSchema.ColumnType(base(n), Optional.empty(), 1, 1);
        }
        if (!n.isObject() || !n.has("key")) {
            throw new OvsdbException.Malformed("bad column type: " + ValueCodec.abbreviate(n));
        }
        Optional<DatabaseSchema.BaseType> value = n.has("value") ? Optional.of(base(n.get("value"))) : Optional.empty();
        long min = n.path("min").asLong(1);
        JsonNode maxNode = n.get("max");
        long max = maxNode == null ? 1
                : maxNode.isTextual() && "unlimited".equals(maxNode.textValue())
                ? DatabaseSchema.ColumnType.UNLIMITED : maxNode.asLong(1);
        try {
            return new DatabaseSchema.ColumnType(base(n.get("key")), value, min, max);
        } catch (IllegalArgumentException e) {
            throw new OvsdbException.Malformed("bad column type " + ValueCodec.abbreviate(n) + ": " + e.getMessage(), e);
        }
    }

    static DatabaseSchema.BaseType base(JsonNode n) {
        if (n.isTextual()) {
            return DatabaseSchema.BaseType.of(DatabaseSchema.AtomicType.fromWire(n.textValue()));
        }
        if (!n.isObject() || !n.path("type").isTextual()) {
            throw new OvsdbException.Malformed("bad base type: " + ValueCodec.abbreviate(n));
        }
        DatabaseSchema.AtomicType t = DatabaseSchema.AtomicType.fromWire(n.get("type").textValue());
        Optional<Value> en = n.has("enum") ? Optional.of(ValueCodec.decode(n.get("enum"))) : Optional.empty();
        Optional<String> refTable = n.hasNonNull("refTable") ? Optional.of(n.get("refTable").asText()) : Optional.empty();
        Optional<DatabaseSchema.RefType> refType = Optional.empty();
        if (refTable.isPresent()) {
            refType = Optional.of("weak".equals(n.path("refType").asText("strong"))
                    ? DatabaseSchema.RefType.WEAK : DatabaseSchema.RefType.STRONG);
        }
        return new DatabaseSchema.BaseType(t, en, refTable, refType);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new OvsdbException.Malformed("schema field " + field + " is not a string");
        }
        return v.textValue();
    }
}
