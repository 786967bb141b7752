package io.nvo3.api.neutron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /} and {@code GET /v2.0}, as neutron-server answers them. */
final class Versions {
    private Versions() {}

    static Map<String, Object> root(String baseUrl) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("href", baseUrl + "/v2.0/");
        link.put("rel", "self");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.0");
        v.put("status", "CURRENT");
        v.put("links", List.of(link));
        return Map.of("versions", List.of(v));
    }

    static Map<String, Object> resources(String baseUrl) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] r : new String[][] {{"network", "networks"}, {"subnet", "subnets"}, {"port", "ports"},
                {"security_group", "security-groups"}}) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("href", baseUrl + "/v2.0/" + r[1]);
            link.put("rel", "self");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("links", List.of(link));
            m.put("name", r[0]);
            m.put("collection", r[1]);
            out.add(m);
        }
        return Map.of("resources", out);
    }
}
