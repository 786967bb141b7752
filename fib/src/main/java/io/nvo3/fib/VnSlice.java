package io.nvo3.fib;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.RuleKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The part of one NVE's state that one VN (or, with VNI 0, the pipeline skeleton) produces. Read-only to everything
 * but {@link RemoteMacDelta}, which updates the L2 entries of BGP-learned MACs of a slice the engine owns in place.
 */
final class VnSlice {
    static final VnSlice EMPTY = new VnSlice(Map.of(), Map.of(), Map.of());

    private final Map<FlowKey, FlowEntry> flows;
    private final Map<Integer, GroupEntry> groups;
    private final Map<Long, CookieTrace> cookies;
    private List<CookieTrace> probedBgp;

    /** Takes the maps over: the caller ({@link SliceBuilder}) hands fresh ones and keeps no reference. */
    VnSlice(Map<FlowKey, FlowEntry> flows, Map<Integer, GroupEntry> groups, Map<Long, CookieTrace> cookies) {
        this.flows = flows;
        this.groups = groups;
        this.cookies = cookies;
    }

    Collection<FlowEntry> flows() {
        return Collections.unmodifiableCollection(flows.values());
    }

    Collection<GroupEntry> groups() {
        return Collections.unmodifiableCollection(groups.values());
    }

    Map<Long, CookieTrace> cookies() {
        return Collections.unmodifiableMap(cookies);
    }

    boolean isEmpty() {
        return flows.isEmpty() && groups.isEmpty();
    }

    FlowEntry flow(FlowKey key) {
        return flows.get(key);
    }

    GroupEntry group(int groupId) {
        return groups.get(groupId);
    }

    /**
     * The cookie traces of BGP-learned MACs whose tag was probed past a collision (see {@link SliceBuilder#cookie}):
     * mutable, for {@link RemoteMacDelta} only; found on first use.
     */
    List<CookieTrace> probedBgp() {
        if (probedBgp == null) {
            probedBgp = new ArrayList<>();
            for (CookieTrace t : cookies.values()) {
                if (t.rule() == RuleKind.L2_BGP && t.subject().isPresent()
                        && t.tag() != SliceBuilder.naturalTag(t.subject().get())) {
                    probedBgp.add(t);
                }
            }
        }
        return probedBgp;
    }

    /** Mutable flows, for {@link RemoteMacDelta} only (never of {@link #EMPTY}). */
    Map<FlowKey, FlowEntry> mutableFlows() {
        return flows;
    }

    /** Mutable cookie traces, for {@link RemoteMacDelta} only (never of {@link #EMPTY}). */
    Map<Long, CookieTrace> mutableCookies() {
        return cookies;
    }
}
