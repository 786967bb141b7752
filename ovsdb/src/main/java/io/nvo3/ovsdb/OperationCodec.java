package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON encoding of transact operations (RFC 7047 §5.2) and decoding of their results (§4.1.3). */
final class OperationCodec {
    private OperationCodec() {
    }

    /** §4.1.3: {@code "params": [<db-name>] + [<operation>]*}. */
    static ArrayNode transactParams(String db, List<Operation> ops) {
        ArrayNode params = ValueCodec.F.arrayNode();
        params.add(db);
        ops.forEach(op -> params.add(encode(op)));
        return params;
    }

    static ObjectNode encode(Operation op) {
        ObjectNode o = ValueCodec.F.objectNode();
        switch (op) {
            case Operation.Insert i -> {
                o.put("op", "insert");
                o.put("table", i.table());
                o.set("row", encodeRow(i.row()));
                i.uuidName().ifPresent(n -> o.put("uuid-name", n));
            }
            case Operation.Select s -> {
                o.put("op", "select");
                o.put("table", s.table());
                o.set("where", encodeWhere(s.where()));
                s.columns().ifPresent(c -> o.set("columns", strings(c)));
            }
            case Operation.Update u -> {
                o.put("op", "update");
                o.put("table", u.table());
                o.set("where", encodeWhere(u.where()));
                o.set("row", encodeRow(u.row()));
            }
            case Operation.Mutate m -> {
                o.put("op", "mutate");
                o.put("table", m.table());
                o.set("where", encodeWhere(m.where()));
                ArrayNode muts = o.putArray("mutations");
                for (Mutation x : m.mutations()) {
                    ArrayNode a = muts.addArray();
                    a.add(x.column());
                    a.add(x.mutator().wire());
                    a.add(ValueCodec.encode(x.value()));
                }
            }
            case Operation.Delete d -> {
                o.put("op", "delete");
                o.put("table", d.table());
                o.set("where", encodeWhere(d.where()));
            }
            case Operation.Wait w -> {
                o.put("op", "wait");
                w.timeoutMillis().ifPresent(t -> o.put("timeout", t));
                o.put("table", w.table());
                o.set("where", encodeWhere(w.where()));
                o.set("columns", strings(w.columns()));
                o.put("until", w.until().wire());
                ArrayNode rows = o.putArray("rows");
                w.rows().forEach(r -> rows.add(encodeRow(r)));
            }
            case Operation.Commit c -> {
                o.put("op", "commit");
                o.put("durable", c.durable());
            }
            case Operation.Abort a -> o.put("op", "abort");
            case Operation.Comment c -> {
                o.put("op", "comment");
                o.put("comment", c.comment());
            }
            case Operation.Assert a -> {
                o.put("op", "assert");
                o.put("lock", a.lock());
            }
        }
        return o;
    }

    static ObjectNode encodeRow(Row row) {
        ObjectNode o = ValueCodec.F.objectNode();
        row.columns().forEach((k, v) -> o.set(k, ValueCodec.encode(v)));
        return o;
    }

    static ArrayNode encodeWhere(List<Condition> where) {
        ArrayNode a = ValueCodec.F.arrayNode();
        for (Condition c : where) {
            ArrayNode x = a.addArray();
            x.add(c.column());
            x.add(c.function().wire());
            x.add(ValueCodec.encode(c.value()));
        }
        return a;
    }

    private static ArrayNode strings(List<String> s) {
        ArrayNode a = ValueCodec.F.arrayNode();
        s.forEach(a::add);
        return a;
    }

    static Row decodeRow(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new OvsdbException.Malformed("row is not an object: " + ValueCodec.abbreviate(n));
        }
        Map<String, Value> cols = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            cols.put(e.getKey(), ValueCodec.decode(e.getValue()));
        }
        return new Row(cols);
    }

    static OvsdbError decodeError(JsonNode n) {
        JsonNode e = n.get("error");
        String error = e == null || e.isNull() ? "" : e.isTextual() ? e.textValue() : e.toString();
        JsonNode d = n.get("details");
        Optional<String> details = d == null || d.isNull()
                ? Optional.empty()
                : Optional.of(d.isTextual() ? d.textValue() : d.toString());
        return new OvsdbError(error, details);
    }

    /** Decodes the result array of a transact reply against the operations that were sent. */
    static TransactResult decodeResults(List<Operation> ops, JsonNode result) {
        if (result == null || !result.isArray()) {
            throw new OvsdbException.Malformed("transact result is not an array: " + ValueCodec.abbreviate(result));
        }
        // §4.1.3: the result array has one element per operation, or one more when the commit failed.
        if (result.size() != ops.size() && result.size() != ops.size() + 1) {
            throw new OvsdbException.Malformed(
                    "transact result has " + result.size() + " elements for " + ops.size() + " operations");
        }
        List<OperationResult> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            out.add(decodeResult(ops.get(i), result.get(i)));
        }
        Optional<OvsdbError> commitError = Optional.empty();
        if (result.size() == ops.size() + 1) {
            JsonNode extra = result.get(ops.size());
            if (extra != null && extra.isObject() && extra.has("error")) {
                commitError = Optional.of(decodeError(extra));
            } else if (extra != null && !extra.isNull()) {
                throw new OvsdbException.Malformed("extra transact result is not an error: " + extra);
            }
        }
        return new TransactResult(out, commitError);
    }

    static OperationResult decodeResult(Operation op, JsonNode r) {
        if (r == null || r.isNull()) {
            return new OperationResult.NotExecuted();
        }
        if (!r.isObject()) {
            throw new OvsdbException.Malformed("operation result is not an object: " + ValueCodec.abbreviate(r));
        }
        if (r.has("error") && !r.get("error").isNull()) {
            return new OperationResult.Failed(decodeError(r));
        }
        return switch (op) {
            case Operation.Insert i -> new OperationResult.Inserted(ValueCodec.decodeUuidPair(r.get("uuid")));
            case Operation.Select s -> {
                JsonNode rows = r.get("rows");
                if (rows == null || !rows.isArray()) {
                    throw new OvsdbException.Malformed("select result without rows: " + ValueCodec.abbreviate(r));
                }
                List<Row> list = new ArrayList<>(rows.size());
                rows.forEach(x -> list.add(decodeRow(x)));
                yield new OperationResult.Selected(list);
            }
            case Operation.Update u -> counted(r);
            case Operation.Mutate m -> counted(r);
            case Operation.Delete d -> counted(r);
            case Operation.Wait w -> new OperationResult.Done();
            case Operation.Commit c -> new OperationResult.Done();
            case Operation.Abort a -> new OperationResult.Done();
            case Operation.Comment c -> new OperationResult.Done();
            case Operation.Assert a -> new OperationResult.Done();
        };
    }

    private static OperationResult counted(JsonNode r) {
        JsonNode c = r.get("count");
        if (c == null || !c.isIntegralNumber() || c.longValue() < 0) {
            throw new OvsdbException.Malformed("result without a count: " + ValueCodec.abbreviate(r));
        }
        return new OperationResult.Counted(c.longValue());
    }
}
