package io.nvo3.api.neutron;

import io.nvo3.api.ApiException;
import io.nvo3.api.ApiRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Neutron's list semantics over resource views: filters on any attribute (repeated keys = OR,
 * different keys = AND), {@code fields}, {@code sort_key}/{@code sort_dir}, {@code limit}/
 * {@code marker}/{@code page_reverse} with {@code <collection>_links} built as
 * neutron/api/api_common.py get_pagination_links does. Public for the Neutron extensions in
 * sibling packages (io.nvo3.api.bgpvpn).
 */
public final class ListQuery {
    private static final Set<String> CONTROL = Set.of("fields", "sort_key", "sort_dir", "limit", "marker",
            "page_reverse");

    /** How much of Neutron's list semantics a collection offers. */
    public enum Mode {
        /** The core resources: all of the above. */
        FULL,
        /**
         * The subset the bgpvpn resources were written with: sorted by the values' text (not numbers
         * first), {@code page_reverse} ignored and no {@code _links}, {@code fields} taken literally,
         * an unknown marker reported before a bad limit.
         */
        BASIC
    }

    private ListQuery() {}

    static Map<String, Object> apply(String collection, List<Map<String, Object>> views, Set<String> attributes,
                                     ApiRequest req) {
        return apply(collection, views, attributes, req, Mode.FULL);
    }

    /** The {@code {<collection>: [...]}} body listing those of {@code views} the request asks for. */
    public static Map<String, Object> apply(String collection, List<Map<String, Object>> views,
                                            Set<String> attributes, ApiRequest req, Mode mode) {
        boolean full = mode == Mode.FULL;
        Map<String, List<String>> q = req.query();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> v : views) {
            if (matches(v, q, attributes)) {
                items.add(v);
            }
        }
        items.sort(comparator(q.getOrDefault("sort_key", List.of()), q.getOrDefault("sort_dir", List.of()),
                attributes, full));
        Long limit = full ? limit(req.queryParam("limit")) : null;
        String marker = req.queryParam("marker");
        boolean reverse = full && "true".equalsIgnoreCase(req.queryParam("page_reverse"));
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
            items = reverse ? new ArrayList<>(items.subList(0, at)) : new ArrayList<>(items.subList(at + 1, items.size()));
        }
        if (!full) {
            limit = limit(req.queryParam("limit"));
        }
        if (limit != null && limit > 0 && items.size() > limit) {
            items = reverse ? new ArrayList<>(items.subList(items.size() - limit.intValue(), items.size()))
                    : new ArrayList<>(items.subList(0, limit.intValue()));
        }
        List<String> fields = full ? fields(q.get("fields")) : q.get("fields");
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Map<String, Object> v : items) {
            out.add(project(v, fields));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, out);
        if (full && limit != null && limit > 0) {
            List<Map<String, Object>> links = links(req, items, limit, reverse);
            if (!links.isEmpty()) {
                body.put(collection + "_links", links);
            }
        }
        return body;
    }

    /**
     * The asked field names. Each value may also be a Python sequence's text, e.g.
     * {@code ('id', 'name')}, as openstacksdk 0.101 sometimes sends it.
     */
    static List<String> fields(List<String> raw) {
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String v : raw) {
            String t = v.strip();
            if ((t.startsWith("(") && t.endsWith(")")) || (t.startsWith("[") && t.endsWith("]"))) {
                for (String part : t.substring(1, t.length() - 1).split(",")) {
                    String f = part.strip().replaceAll("^['\"]|['\"]$", "");
                    if (!f.isEmpty()) {
                        out.add(f);
                    }
                }
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** Only the asked {@code fields} (all when none asked); unknown names are ignored, as Neutron does. */
    public static Map<String, Object> project(Map<String, Object> view, List<String> fields) {
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

    private static Long limit(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long l = Long.parseLong(raw);
            if (l >= 0) {
                return l;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("limit", "Limit must be an integer 0 or greater and not '" + raw + "'");
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
                if (matchOne(key, value, want)) {
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

    private static boolean matchOne(String key, Object value, String want) {
        if (key.equals("fixed_ips") && value instanceof List<?> list) {
            // fixed_ips=ip_address=X, fixed_ips=subnet_id=Y, fixed_ips=ip_address_substr=Z
            int eq = want.indexOf('=');
            if (eq < 0) {
                throw ApiException.badRequest("fixed_ips", "Invalid fixed_ips filter '" + want + "'");
            }
            String k = want.substring(0, eq), w = want.substring(eq + 1);
            for (Object o : list) {
                Map<?, ?> f = (Map<?, ?>) o;
                boolean hit = switch (k) {
                    case "ip_address", "subnet_id" -> w.equals(f.get(k));
                    case "ip_address_substr" -> String.valueOf(f.get("ip_address")).contains(w);
                    default -> throw ApiException.badRequest("fixed_ips", "Invalid fixed_ips filter key '" + k + "'");
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }
        return switch (value) {
            case null -> want.isEmpty() || want.equals("None") || want.equals("null");
            case Boolean b -> {
                if (want.equalsIgnoreCase("true") || want.equals("1")) {
                    yield b;
                }
                if (want.equalsIgnoreCase("false") || want.equals("0")) {
                    yield !b;
                }
                throw ApiException.invalid(key, "'" + want + "' cannot be converted to boolean");
            }
            case List<?> list -> list.stream().anyMatch(o -> String.valueOf(o).equals(want));
            case Map<?, ?> map -> false;
            default -> String.valueOf(value).equals(want);
        };
    }

    private static Comparator<Map<String, Object>> comparator(List<String> keys, List<String> dirs,
                                                              Set<String> attributes, boolean full) {
        if (!dirs.isEmpty() && dirs.size() != keys.size()) {
            throw ApiException.badRequest("sort_dir", "The number of sort_keys and sort_dirs must be same");
        }
        Comparator<Map<String, Object>> c = null;
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            String d = dirs.isEmpty() ? "asc" : dirs.get(i);
            if (!attributes.contains(k) || Set.of("fixed_ips", "allowed_address_pairs", "security_groups",
                    "allocation_pools", "host_routes", "dns_nameservers", "subnets", "tags", "binding:profile",
                    "binding:vif_details", "availability_zones", "availability_zone_hints", "service_types",
                    "extra_dhcp_opts").contains(k)) {
                throw ApiException.badRequest("sort_key", "[" + k + "] is invalid attribute for sort_keys");
            }
            if (!d.equals("asc") && !d.equals("desc")) {
                throw ApiException.badRequest("sort_dir", d + " is invalid value for sort_dirs, valid values are 'asc' and 'desc'");
            }
            Comparator<Map<String, Object>> one = full ? Comparator.comparing(m -> m.get(k), ListQuery::compareValues)
                    : Comparator.comparing(m -> String.valueOf(m.get(k)));
            if (d.equals("desc")) {
                one = one.reversed();
            }
            c = c == null ? one : c.thenComparing(one);
        }
        Comparator<Map<String, Object>> byId = Comparator.comparing(m -> String.valueOf(m.get("id")));
        return c == null ? byId : c.thenComparing(byId);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static List<Map<String, Object>> links(ApiRequest req, List<Map<String, Object>> items, long limit,
                                                   boolean reverse) {
        List<Map<String, Object>> links = new ArrayList<>();
        if (!(items.size() < limit && !reverse) && !items.isEmpty()) {
            links.add(link("next", href(req, String.valueOf(items.get(items.size() - 1).get("id")), false)));
        }
        if (!(items.size() < limit && reverse)) {
            String m = items.isEmpty() ? req.queryParam("marker") : String.valueOf(items.get(0).get("id"));
            if (m != null) {
                links.add(link("previous", href(req, m, true)));
            }
        }
        return links;
    }

    private static Map<String, Object> link(String rel, String href) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("rel", rel);
        l.put("href", href);
        return l;
    }

    private static String href(ApiRequest req, String marker, boolean reverse) {
        Map<String, List<String>> params = new LinkedHashMap<>(req.query());
        params.remove("marker");
        params.remove("page_reverse");
        params.put("marker", List.of(marker));
        if (reverse) {
            params.put("page_reverse", List.of("True"));
        }
        String qs = params.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        return req.baseUrl() + req.path() + "?" + qs;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
