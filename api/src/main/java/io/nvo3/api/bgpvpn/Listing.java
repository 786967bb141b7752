package io.nvo3.api.bgpvpn;

import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Neutron's list semantics over views, reduced to what the bgpvpn resources need: filters on any
 * attribute (repeated keys = OR, different keys = AND, a list attribute matches when it contains the
 * value, an attribute hidden from the caller never matches), {@code fields}, {@code sort_key}/
 * {@code sort_dir}, {@code limit}/{@code marker}.
 */
final class Listing {
    private static final Set<String> CONTROL = Set.of("fields", "sort_key", "sort_dir", "limit", "marker",
            "page_reverse");

    private Listing() {}

    static Map<String, Object> apply(String collection, List<Map<String, Object>> views, Set<String> attributes,
                                     ApiRequest req) {
        Map<String, List<String>> q = req.query();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> v : views) {
            if (matches(v, q, attributes)) {
                items.add(v);
            }
        }
        items.sort(comparator(q.getOrDefault("sort_key", List.of()), q.getOrDefault("sort_dir", List.of()),
                attributes));
        String marker = req.queryParam("marker");
        if (marker != null) {
            int at = -1;
            for (int i = 0; i < items.size(); i++) {
                if (marker.equals(items.get(i).get("id"))) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw ApiException.notFound("HTTPNotFound", "Marker " + marker + " could not be found.");
            }
            items = new ArrayList<>(items.subList(at + 1, items.size()));
        }
        String limit = req.queryParam("limit");
        if (limit != null) {
            long l;
            try {
                l = Long.parseLong(limit);
            } catch (NumberFormatException e) {
                l = -1;
            }
            if (l < 0) {
                throw ApiException.badRequest("limit", "Limit must be an integer 0 or greater and not '" + limit + "'");
            }
            if (l > 0 && items.size() > l) {
                items = new ArrayList<>(items.subList(0, (int) l));
            }
        }
        List<String> fields = q.get("fields");
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Map<String, Object> v : items) {
            out.add(project(v, fields));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, out);
        return body;
    }

    /** Only the asked {@code fields} (all when none asked); unknown names are ignored, as Neutron does. */
    static Map<String, Object> project(Map<String, Object> view, List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            return view;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : fields) {
            if (view.containsKey(f)) {
                m.put(f, view.get(f));
            }
        }
        return m;
    }

    private static boolean matches(Map<String, Object> v, Map<String, List<String>> q, Set<String> attributes) {
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            String key = e.getKey();
            if (CONTROL.contains(key)) {
                continue;
            }
            if (!attributes.contains(key)) {
                throw ApiException.badRequest(key, "[" + key + "] is invalid attribute for filtering");
            }
            if (!v.containsKey(key)) {
                return false; // hidden from this caller
            }
            Object value = v.get(key);
            boolean any = false;
            for (String want : e.getValue()) {
                boolean hit = switch (value) {
                    case null -> want.isEmpty() || want.equals("None") || want.equals("null");
                    case List<?> list -> list.stream().anyMatch(o -> String.valueOf(o).equals(want));
                    default -> String.valueOf(value).equals(want);
                };
                if (hit) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static Comparator<Map<String, Object>> comparator(List<String> keys, List<String> dirs,
                                                              Set<String> attributes) {
        if (!dirs.isEmpty() && dirs.size() != keys.size()) {
            throw ApiException.badRequest("sort_dir", "The number of sort_keys and sort_dirs must be same");
        }
        Comparator<Map<String, Object>> c = null;
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            String d = dirs.isEmpty() ? "asc" : dirs.get(i);
            if (!attributes.contains(k)) {
                throw ApiException.badRequest("sort_key", "[" + k + "] is invalid attribute for sort_keys");
            }
            if (!d.equals("asc") && !d.equals("desc")) {
                throw ApiException.badRequest("sort_dir",
                        d + " is invalid value for sort_dirs, valid values are 'asc' and 'desc'");
            }
            Comparator<Map<String, Object>> one = Comparator.comparing(m -> String.valueOf(m.get(k)));
            if (d.equals("desc")) {
                one = one.reversed();
            }
            c = c == null ? one : c.thenComparing(one);
        }
        Comparator<Map<String, Object>> byId = Comparator.comparing(m -> String.valueOf(m.get("id")));
        return c == null ? byId : c.thenComparing(byId);
    }
}
