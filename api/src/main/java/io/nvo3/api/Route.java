package io.nvo3.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint: a method, a path template with {@code {name}} segments, whether it needs a
 * token, and its handler. Later work adds endpoints through {@link ApiServer.Options#extraRoutes()}.
 */
public record Route(String method, String template, boolean authenticated, Handler handler) {
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template must start with '/': " + template);
        }
    }

    public static Route get(String template, Handler h) {
        return new Route("GET", template, true, h);
    }

    public static Route post(String template, Handler h) {
        return new Route("POST", template, true, h);
    }

    public static Route put(String template, Handler h) {
        return new Route("PUT", template, true, h);
    }

    public static Route delete(String template, Handler h) {
        return new Route("DELETE", template, true, h);
    }

    public Route unauthenticated() {
        return new Route(method, template, false, handler);
    }

    List<String> segments() {
        return split(template);
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Path variables when {@code path} matches, else null. */
    Map<String, String> match(List<String> pathSegments) {
        List<String> t = segments();
        if (t.size() != pathSegments.size()) {
            return null;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            String ts = t.get(i);
            if (ts.startsWith("{") && ts.endsWith("}")) {
                vars.put(ts.substring(1, ts.length() - 1), pathSegments.get(i));
            } else if (!ts.equals(pathSegments.get(i))) {
                return null;
            }
        }
        return vars;
    }
}
