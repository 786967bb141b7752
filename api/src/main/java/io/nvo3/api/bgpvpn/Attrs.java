package io.nvo3.api.bgpvpn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvo3.api.ApiException;
import io.nvo3.api.Json;
import io.nvo3.api.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One resource object of a request body with Neutron's attribute rules (as api/neutron does for the
 * core resources): unknown and read-only attributes refused, neutron-lib converters and validators
 * reproduced, each error naming its attribute.
 */
final class Attrs {
    private final ObjectNode obj;

    private Attrs(ObjectNode obj) {
        this.obj = obj;
    }

    static Attrs of(String body, String resource, Set<String> allowed, Set<String> readOnly, boolean create) {
        ObjectNode root = Json.object(body);
        if (!(root.get(resource) instanceof ObjectNode o)) {
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
        return new Attrs(o);
    }

    boolean has(String name) {
        return obj.has(name);
    }

    /** The attributes present, for policy checks. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        obj.fieldNames().forEachRemaining(out::add);
        return out;
    }

    String string(String name, int maxLen) {
        JsonNode n = obj.get(name);
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

    /** neutron-lib validate_uuid. */
    String uuid(String name) {
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

    /**
     * neutron-lib convert_to_list then validate list_of_regex_or_none: null is [], a lone value a
     * one-element list; duplicates and non-matching items are refused with neutron-lib's wording.
     */
    List<String> regexList(String name, java.util.function.Predicate<String> valid) {
        JsonNode n = obj.get(name);
        if (n == null) {
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isNull()) {
            return List.of();
        } else if (n.isArray()) {
            n.forEach(items::add);
        } else {
            items.add(n);
        }
        List<String> texts = items.stream().map(i -> i.isTextual() ? i.asText() : i.toString()).toList();
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

    /** neutron-lib convert_to_int (integers and their decimal text); JSON null is {@code Optional.empty()}. */
    Optional<Long> integer(String name) {
        JsonNode n = obj.get(name);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return Optional.empty();
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return Optional.of(n.asLong());
        }
        if (n.isTextual()) {
            try {
                return Optional.of(Long.parseLong(n.asText().strip()));
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw ApiException.invalid(name, "'" + (n.isTextual() ? n.asText() : n.toString()) + "' is not an integer");
    }

    /** The owning project, {@code project_id} or {@code tenant_id}, else the caller's; members may only name theirs. */
    String project(Principal who, String rule) {
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
