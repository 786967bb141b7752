package io.nvo3.bgp.rib;

import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * Hands out one shared instance per distinct attribute set; entries vanish when no route holds
 * them any more. Not thread-safe: used from the speaker's event loop only.
 */
public final class AttributeInterner {
    private final WeakHashMap<RouteAttributes, WeakReference<RouteAttributes>> map = new WeakHashMap<>();

    public RouteAttributes intern(RouteAttributes a) {
        WeakReference<RouteAttributes> ref = map.get(a);
        RouteAttributes existing = ref == null ? null : ref.get();
        if (existing != null) {
            return existing;
        }
        map.put(a, new WeakReference<>(a));
        return a;
    }

    public int size() {
        return map.size();
    }
}
