package io.nvo3.api;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a route sees it: decoded query parameters (repeated keys kept in order),
 * path variables, the caller ({@code null} only on routes that need no token) and the body.
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> pathVars,
                         Map<String, String> headers, String body, Principal principal, String baseUrl) {
    public String pathVar(String name) {
        return pathVars.get(name);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
