package io.nvo3.fib.flow;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The flows and groups one NVE holds (desired, or as read back from the switch). {@code cookies} maps each cookie
 * the FIB wrote to its {@link CookieTrace}; it is empty for an installed state read from a switch.
 */
public record NveState(String systemId, Map<FlowKey, FlowEntry> flows, Map<Integer, GroupEntry> groups,
                       Map<Long, CookieTrace> cookies) {
    public NveState {
        // A layered map comes from withChanges, which checked what it changed: neither copied nor checked again.
        if (!(flows instanceof LayeredMap)) {
            flows = Map.copyOf(flows);
            flows.forEach((k, f) -> {
                if (!k.equals(f.key())) {
                    throw new IllegalArgumentException("flow keyed " + k + " is " + f.key());
                }
            });
        }
        groups = Map.copyOf(groups);
        cookies = cookies instanceof LayeredMap ? cookies : Map.copyOf(cookies);
        groups.forEach((k, g) -> {
            if (k != g.groupId()) {
                throw new IllegalArgumentException("group keyed " + k + " is " + g.groupId());
            }
        });
    }

    /** An installed state, e.g. from a flow-stats and group-desc reply; duplicate identities are refused. */
    public static NveState of(String systemId, Collection<FlowEntry> flows, Collection<GroupEntry> groups) {
        Map<FlowKey, FlowEntry> f = new HashMap<>();
        for (FlowEntry e : flows) {
            if (f.putIfAbsent(e.key(), e) != null) {
                throw new IllegalArgumentException("two flows with identity " + e.key());
            }
        }
        Map<Integer, GroupEntry> g = new HashMap<>();
        for (GroupEntry e : groups) {
            if (g.putIfAbsent(e.groupId(), e) != null) {
                throw new IllegalArgumentException("two groups with id " + e.groupId());
            }
        }
        return new NveState(systemId, f, g, Map.of());
    }

    /**
     * This state with some flows, groups and cookie traces removed, then some put (added or replaced). Costs what
     * changed (amortized) and a copy of the groups, not the flows and traces left alone: the maps share them.
     */
    public NveState withChanges(Map<FlowKey, FlowEntry> putFlows, Set<FlowKey> removeFlows,
                                Map<Integer, GroupEntry> putGroups, Set<Integer> removeGroups,
                                Map<Long, CookieTrace> putCookies, Set<Long> removeCookies) {
        Map<Integer, GroupEntry> g = groups;
        if (!putGroups.isEmpty() || !removeGroups.isEmpty()) {
            g = new HashMap<>(groups);
            removeGroups.forEach(g::remove);
            g.putAll(putGroups);
        }
        putFlows.forEach((k, f) -> {
            if (!k.equals(f.key())) {
                throw new IllegalArgumentException("flow keyed " + k + " is " + f.key());
            }
        });
        return new NveState(systemId, layered(flows).with(putFlows, removeFlows), g,
                layered(cookies).with(putCookies, removeCookies));
    }

    private static <K, V> LayeredMap<K, V> layered(Map<K, V> m) {
        // Not layered yet: an immutable copy (compact constructor), so a base no one mutates.
        return m instanceof LayeredMap<K, V> l ? l : LayeredMap.over(m);
    }

    public static NveState empty(String systemId) {
        return new NveState(systemId, Map.of(), Map.of(), Map.of());
    }

    /** The full trace when this state was computed here, else what the cookie alone says. */
    public Optional<CookieTrace> trace(long cookie) {
        CookieTrace t = cookies.get(cookie);
        return t != null ? Optional.of(t) : CookieTrace.decode(cookie);
    }
}
