package io.nvo3.api.neutron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One resource object of a Neutron request body ({@code {"network": {...}}}) with Neutron's
 * attribute rules: unknown attributes are refused, read-only ones too, values are converted
 * as neutron-lib's converters do and each error names its attribute. Public for the Neutron
 * extensions in sibling packages (io.nvo3.api.bgpvpn); the core resources use the rest.
 */
public final class Body {
    private final ObjectNode obj;

    private Body(ObjectNode obj) {
        this.obj = obj;
    }

    /** The {@code resource} object of a single-resource body, checked against {@code allowed}. */
    public static Body of(String body, String resource, Set<String> allowed, Set<String> readOnly, boolean create) {
        ObjectNode root = Json.object(body);
        return of(root.get(resource), resource, allowed, readOnly, create);
    }

    static Body of(JsonNode node, String resource, Set<String> allowed, Set<String> readOnly, boolean create) {
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest(resource, "Unable to find '" + resource + "' in request body");
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (readOnly.contains(k)) {
                throw ApiException.badRequest(k, create ? "Attribute '" + k + "' not allowed in POST"
                        : "Cannot update read-only attribute " + k);
            }
            if (!allowed.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(unknown.iterator().next(),
                    "Unrecognized attribute(s) '" + String.join(", ", unknown) + "'");
        }
        return new Body(o);
    }

    boolean has(String name) {
        return obj.has(name);
    }

    /** The attributes present, for policy checks. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        obj.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private JsonNode node(String name) {
        return obj.get(name);
    }

    public String string(String name, int maxLen) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(name, "'" + n + "' is not a valid string");
        }
        String s = n.asText();
        if (s.length() > maxLen) {
            throw ApiException.invalid(name, "'" + s + "' exceeds maximum length of " + maxLen);
        }
        return s;
    }

    String requiredString(String name, int maxLen) {
        if (!obj.has(name)) {
            throw ApiException.badRequest(name, "Failed to parse request. Required attribute '" + name
                    + "' not specified");
        }
        return string(name, maxLen);
    }

    /** neutron-lib validate_uuid on a required attribute. */
    public String uuid(String name) {
        String s = requiredString(name, 36);
        try {
            if (UUID.fromString(s).toString().equalsIgnoreCase(s)) {
                return s;
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw ApiException.invalid(name, "'" + s + "' is not a valid UUID");
    }

    /** null when absent, {@code Optional.empty()} for JSON null. */
    Optional<String> nullableString(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return Optional.empty();
        }
        return Optional.of(string(name, 255));
    }

    /** neutron-lib convert_to_boolean: booleans, "true"/"false" in any case, 0/1. */
    Boolean bool(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual()) {
            String s = n.asText();
            if (s.equalsIgnoreCase("true") || s.equals("1")) {
                return true;
            }
            if (s.equalsIgnoreCase("false") || s.equals("0")) {
                return false;
            }
        }
        if (n.isInt() && (n.asInt() == 0 || n.asInt() == 1)) {
            return n.asInt() == 1;
        }
        throw ApiException.invalid(name, "'" + text(n) + "' cannot be converted to boolean");
    }

    /** neutron-lib convert_to_int: integers and their decimal text. */
    Long integer(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ApiException.invalid(name, "'" + text(n) + "' is not an integer");
    }

    /** {@link #integer}, but null when absent and {@code Optional.empty()} for JSON null. */
    public Optional<Long> nullableInteger(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return Optional.empty();
        }
        return Optional.of(integer(name));
    }

    List<String> stringList(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw ApiException.invalid(name, "'" + n + "' is not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw ApiException.invalid(name, "'" + e + "' is not a valid string");
            }
            out.add(e.asText());
        }
        return out;
    }

    /**
     * neutron-lib convert_to_list then validate list_of_regex_or_none: null is [], a lone value a
     * one-element list; duplicates and items {@code valid} refuses are refused with neutron-lib's wording.
     */
    public List<String> regexList(String name, Predicate<String> valid) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else {
            items.add(n);
        }
        List<String> texts = items.stream().map(Body::text).toList();
        if (new HashSet<>(texts).size() != texts.size()) {
            throw ApiException.invalid(name, "Duplicate items in the list: '" + String.join(", ", texts) + "'");
        }
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual() || !valid.test(texts.get(i))) {
                throw ApiException.invalid(name, "'" + texts.get(i) + "' is not a valid input");
            }
        }
        return texts;
    }

    /** A list of objects whose keys must be among {@code keys}; values as strings (or null). */
    List<Map<String, String>> objectList(String name, Set<String> keys) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw ApiException.invalid(name, "'" + n + "' is not a list");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw ApiException.invalid(name, "'" + e + "' is not a dictionary");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!keys.contains(f.getKey())) {
                    throw ApiException.invalid(name, "Unrecognized attribute(s) '" + f.getKey() + "'");
                }
                JsonNode v = f.getValue();
                if (v.isNull()) {
                    m.put(f.getKey(), null);
                } else if (v.isTextual()) {
                    m.put(f.getKey(), v.asText());
                } else {
                    throw ApiException.invalid(name, "'" + v + "' is not a valid string");
                }
            }
            out.add(m);
        }
        return out;
    }

    Map<String, Object> map(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw ApiException.invalid(name, "'" + n + "' is not a dictionary");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.MAPPER.convertValue(n, Map.class);
        return m;
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }

    /**
     * The owning project: {@code project_id} or {@code tenant_id} (they must agree), else the
     * caller's; a member may only name its own project.
     */
    public String project(Principal who, String rule) {
        String p = string("project_id", 255);
        String t = string("tenant_id", 255);
        if (p != null && t != null && !p.equals(t)) {
            throw ApiException.badRequest("project_id", "'project_id' and 'tenant_id' do not match");
        }
        String asked = p != null ? p : t;
        if (asked == null) {
            return who.projectId();
        }
        if (!who.admin() && !asked.equals(who.projectId())) {
            throw ApiException.policy(rule);
        }
        return asked;
    }
}
