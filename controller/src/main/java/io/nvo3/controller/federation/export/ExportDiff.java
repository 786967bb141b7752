package io.nvo3.controller.federation.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to tell the speaker to go from one exported set to another: routes to (re)originate (new, or
 * changed attributes / next hop for the same NLRI) and NLRI to withdraw, each in {@link EvpnOrder}.
 * Empty when nothing changed.
 */
public record ExportDiff(List<ExportedRoute> originate, List<ExportedRoute.Key> withdraw) {
    public ExportDiff {
        originate = List.copyOf(originate);
        withdraw = List.copyOf(withdraw);
    }

    public boolean isEmpty() {
        return originate.isEmpty() && withdraw.isEmpty();
    }

    public static ExportDiff between(Set<ExportedRoute> before, Set<ExportedRoute> after) {
        Map<ExportedRoute.Key, ExportedRoute> old = index(before);
        Map<ExportedRoute.Key, ExportedRoute> now = index(after);
        List<ExportedRoute> originate = new ArrayList<>();
        for (Map.Entry<ExportedRoute.Key, ExportedRoute> e : now.entrySet()) {
            if (!Objects.equals(old.get(e.getKey()), e.getValue())) {
                originate.add(e.getValue());
            }
        }
        List<ExportedRoute.Key> withdraw = new ArrayList<>();
        for (ExportedRoute.Key k : old.keySet()) {
            if (!now.containsKey(k)) {
                withdraw.add(k);
            }
        }
        originate.sort(Comparator.comparing(ExportedRoute::nlri, EvpnOrder.NLRI));
        withdraw.sort(Comparator.comparing(ExportedRoute.Key::nlri, EvpnOrder.NLRI));
        return new ExportDiff(originate, withdraw);
    }

    private static Map<ExportedRoute.Key, ExportedRoute> index(Set<ExportedRoute> routes) {
        Map<ExportedRoute.Key, ExportedRoute> m = new LinkedHashMap<>();
        for (ExportedRoute r : routes) {
            if (m.put(r.key(), r) != null) {
                throw new IllegalArgumentException("two routes for one NLRI: " + r.nlri());
            }
        }
        return m;
    }
}
