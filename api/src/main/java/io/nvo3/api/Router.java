package io.nvo3.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Matches a method and path to a route: literal segments win over variables, first added wins on a tie. */
final class Router {
    record Match(Route route, Map<String, String> vars) {}

    sealed interface Result {}

    record Found(Match match) implements Result {}

    record MethodNotAllowed(List<String> allowed) implements Result {}

    record NotFound() implements Result {}

    private final List<Route> routes = new ArrayList<>();

    void add(Route r) {
        routes.add(r);
    }

    /** Every registered route, in the order added. */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    Result find(String method, String path) {
        List<String> segs = Route.split(path);
        Match best = null;
        int bestLiterals = -1;
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Map<String, String> vars = r.match(segs);
            if (vars == null) {
                continue;
            }
            if (!r.method().equals(method) && !(method.equals("HEAD") && r.method().equals("GET"))) {
                allowed.add(r.method());
                continue;
            }
            int literals = segs.size() - vars.size();
            if (literals > bestLiterals) {
                best = new Match(r, vars);
                bestLiterals = literals;
            }
        }
        if (best != null) {
            return new Found(best);
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowed);
    }
}
