package io.nvo3.fib.flow;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The flows and groups one NVE holds (desired, or as read back from the switch). {@code cookies} maps each cookie
 * the FIB wrote to its {@link CookieTrace}; it is empty for an installed state read from a switch.
 */
public record NveState(String systemId, Map<FlowKey, FlowEntry> flows, Map<Integer, GroupEntry> groups,
                       Map<Long, CookieTrace> cookies) {
    public NveState {
        flows = Map.copyOf(flows);
        groups = Map.copyOf(groups);
        cookies = Map.copyOf(cookies);
        flows.forEach((k, f) -> {
            if (!k.equals(f.key())) {
                throw new IllegalArgumentException("flow keyed " + k + " is " + f.key());
            }
        });
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

    public static NveState empty(String systemId) {
        return new NveState(systemId, Map.of(), Map.of(), Map.of());
    }

    /** The full trace when this state was computed here, else what the cookie alone says. */
    public Optional<CookieTrace> trace(long cookie) {
        CookieTrace t = cookies.get(cookie);
        return t != null ? Optional.of(t) : CookieTrace.decode(cookie);
    }
}
