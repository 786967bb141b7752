package io.nvo3.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema of {@code openapi.json}, for the parts the document uses:
 * {@code $ref}, {@code allOf}, {@code oneOf}, {@code type}, {@code nullable}, {@code enum}, {@code required},
 * {@code properties}, {@code additionalProperties}, {@code items}, {@code writeOnly}. A key the handler writes
 * that the schema does not declare is a problem too: that is how the document drifts.
 */
final class SchemaCheck {
    private final JsonNode doc;

    SchemaCheck(JsonNode doc) {
        this.doc = doc;
    }

    JsonNode resolve(JsonNode n) {
        int hops = 0;
        while (n.has("$ref")) {
            if (++hops > 16) {
                throw new AssertionError("$ref loop at " + n);
            }
            n = doc.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    List<String> problems(JsonNode value, JsonNode schema, String at) {
        List<String> out = new ArrayList<>();
        check(value, schema, at, true, out);
        return out;
    }

    private void check(JsonNode v, JsonNode schemaOrRef, String at, boolean closed, List<String> out) {
        JsonNode s = resolve(schemaOrRef);
        if (v.isNull()) {
            if (!s.path("nullable").asBoolean(false) && !allOfNullable(s)) {
                out.add(at + ": null but not nullable");
            }
            return;
        }
        if (s.has("allOf")) {
            // a lone allOf (used to add a description or readOnly to a $ref) stays as closed as its target
            boolean lone = s.get("allOf").size() == 1 && !s.has("properties") && !s.has("additionalProperties");
            for (JsonNode part : s.get("allOf")) {
                check(v, part, at, closed && lone, out);
            }
        }
        if (s.has("oneOf")) {
            List<List<String>> tries = new ArrayList<>();
            for (JsonNode alt : s.get("oneOf")) {
                List<String> p = new ArrayList<>();
                check(v, alt, at, true, p);
                if (p.isEmpty()) {
                    tries.clear();
                    break;
                }
                tries.add(p);
            }
            if (!tries.isEmpty()) {
                out.add(at + ": matches no oneOf alternative " + tries);
            }
        }
        String type = s.path("type").asText("");
        boolean typeOk = switch (type) {
            case "" -> true;
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> false;
        };
        if (!typeOk) {
            out.add(at + ": " + v.getNodeType() + " where the schema says " + type);
            return;
        }
        if (s.has("enum")) {
            boolean found = false;
            for (JsonNode e : s.get("enum")) {
                found |= e.equals(v);
            }
            if (!found) {
                out.add(at + ": " + v + " not in " + s.get("enum"));
            }
        }
        if (v.isObject()) {
            for (JsonNode r : s.path("required")) {
                if (!v.has(r.asText())) {
                    out.add(at + ": required key " + r.asText() + " missing");
                }
            }
            JsonNode props = s.path("properties");
            JsonNode additional = s.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = at + "/" + e.getKey();
                if (props.has(e.getKey())) {
                    JsonNode p = resolve(props.get(e.getKey()));
                    if (p.path("writeOnly").asBoolean(false)) {
                        out.add(where + ": writeOnly attribute in a response");
                    }
                    check(e.getValue(), p, where, true, out);
                } else if (declaredInAllOf(s, e.getKey())) {
                    continue; // checked by the allOf part that declares it
                } else if (additional != null && additional.isObject()) {
                    check(e.getValue(), additional, where, true, out);
                } else if (closed && additional == null && s.has("properties")) {
                    out.add(where + ": not documented");
                }
            }
        }
        if (v.isArray() && s.has("items")) {
            int i = 0;
            for (JsonNode item : v) {
                check(item, s.get("items"), at + "[" + i++ + "]", true, out);
            }
        }
    }

    private boolean allOfNullable(JsonNode s) {
        for (JsonNode part : s.path("allOf")) {
            if (resolve(part).path("nullable").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private boolean declaredInAllOf(JsonNode s, String key) {
        for (JsonNode part : s.path("allOf")) {
            if (resolve(part).path("properties").has(key)) {
                return true;
            }
        }
        return false;
    }
}
