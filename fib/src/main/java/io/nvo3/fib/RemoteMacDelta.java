package io.nvo3.fib;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.VirtualNetwork;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BGP-learned MACs added or withdrawn in a push VN whose other inputs did not change: only the L2 entries of those
 * MACs change in each slice, so the engine updates them in place, in O(changed MACs), rather than recomputing the VN
 * ({@link VnRules#compute}). It refuses (and the engine recomputes the VN) when cookie tags would not come out as a
 * full computation gives them: the new MAC's tag is taken, or another MAC's tag was probed past the one withdrawn.
 */
final class RemoteMacDelta {
    private RemoteMacDelta() {
    }

    /** What changed in one NVE's state: flows, groups and cookie traces put or removed (later changes win). */
    static final class NveChanges {
        final Map<FlowKey, FlowEntry> putFlows = new HashMap<>();
        final Set<FlowKey> removeFlows = new HashSet<>();
        final Map<Integer, GroupEntry> putGroups = new HashMap<>();
        final Set<Integer> removeGroups = new HashSet<>();
        final Map<Long, CookieTrace> putCookies = new HashMap<>();
        final Set<Long> removeCookies = new HashSet<>();

        void put(FlowEntry f, CookieTrace t) {
            removeFlows.remove(f.key());
            putFlows.put(f.key(), f);
            removeCookies.remove(t.cookie());
            putCookies.put(t.cookie(), t);
        }

        void remove(FlowEntry f) {
            putFlows.remove(f.key());
            removeFlows.add(f.key());
            putCookies.remove(f.cookie());
            removeCookies.add(f.cookie());
        }

        void addAll(NveChanges later) {
            later.removeFlows.forEach(k -> {
                putFlows.remove(k);
                removeFlows.add(k);
            });
            later.putFlows.forEach((k, f) -> {
                removeFlows.remove(k);
                putFlows.put(k, f);
            });
            later.removeCookies.forEach(c -> {
                putCookies.remove(c);
                removeCookies.add(c);
            });
            later.putCookies.forEach((c, t) -> {
                removeCookies.remove(c);
                putCookies.put(c, t);
            });
        }

        boolean isEmpty() {
            return putFlows.isEmpty() && removeFlows.isEmpty() && putGroups.isEmpty() && removeGroups.isEmpty()
                    && putCookies.isEmpty() && removeCookies.isEmpty();
        }

        /**
         * Drops what would leave {@code was} as it is (a put of what it holds, a remove of what it lacks), so that
         * {@link #isEmpty} tells whether the state changes.
         */
        void netAgainst(NveState was) {
            putFlows.entrySet().removeIf(e -> e.getValue().equals(was.flows().get(e.getKey())));
            removeFlows.removeIf(k -> !was.flows().containsKey(k) || putFlows.containsKey(k));
            putGroups.entrySet().removeIf(e -> e.getValue().equals(was.groups().get(e.getKey())));
            removeGroups.removeIf(k -> !was.groups().containsKey(k) || putGroups.containsKey(k));
            putCookies.entrySet().removeIf(e -> e.getValue().equals(was.cookies().get(e.getKey())));
            removeCookies.removeIf(k -> !was.cookies().containsKey(k) || putCookies.containsKey(k));
        }

        NveState applyTo(NveState was) {
            return was.withChanges(putFlows, removeFlows, putGroups, removeGroups, putCookies, removeCookies);
        }

        Set<Integer> groupIds() {
            Set<Integer> out = new HashSet<>(putGroups.keySet());
            out.addAll(removeGroups);
            return out;
        }

        Set<FlowKey> flowKeys() {
            Set<FlowKey> out = new HashSet<>(putFlows.keySet());
            out.addAll(removeFlows);
            return out;
        }
    }

    /**
     * Brings {@code slice} (of push VN {@code vn} on {@code self}) to the winners of the changed MACs: the BGP route
     * each MAC resolves to now ({@link VnView#REMOTE_ORDER}, routes at this domain's VTEPs left out), or none.
     * Returns false, leaving the slice half-updated, when it cannot do so exactly; the caller then recomputes the VN.
     */
    static boolean apply(VnSlice slice, Nve self, VirtualNetwork vn, Map<MacAddress, Optional<RemoteMac>> winners,
                         NveChanges out) {
        int vni = vn.vni();
        // No local forwarding tenant system (e.g. a slice of redirects only): the slice has no L2 entries at all.
        if (slice.group(Tables.floodFromLocalGroup(vni)) == null) {
            return true;
        }
        for (Map.Entry<MacAddress, Optional<RemoteMac>> e : winners.entrySet()) {
            Match match = VnRules.l2Match(vni, e.getKey());
            FlowKey key = new FlowKey(Tables.L2, Priorities.L2_UNICAST, match);
            FlowEntry have = slice.flow(key);
            CookieTrace haveTrace = have == null ? null : slice.cookies().get(have.cookie());
            if (have != null && (haveTrace == null || haveTrace.rule() != RuleKind.L2_BGP)) {
                if (haveTrace == null) {
                    return false;
                }
                continue; // a local port or this domain's tenant system claims the MAC first
            }
            VnView.L2Target.Remote want = e.getValue().map(r -> VnView.bgp(r, FibMode.PUSH)).orElse(null);
            if (have != null && want != null && haveTrace.subject().equals(Optional.of(want.subject()))) {
                continue;
            }
            if (have != null) {
                if (!remove(slice, have, haveTrace)) {
                    return false;
                }
                out.remove(have);
            }
            if (want != null) {
                CookieTrace t = new CookieTrace(RuleKind.L2_BGP, vni, SliceBuilder.naturalTag(want.subject()),
                        Optional.of(vn.id()), Optional.of(want.subject()));
                // A free natural tag was probed past by no one (tags are only ever taken), so taking it moves no
                // other tag. A taken one would: recompute.
                if (slice.cookies().containsKey(t.cookie())) {
                    return false;
                }
                FlowEntry f = FlowEntry.of(Tables.L2, Priorities.L2_UNICAST, match,
                        VnRules.remoteInstructions(want, self), t.cookie());
                slice.mutableFlows().put(key, f);
                slice.mutableCookies().put(t.cookie(), t);
                out.put(f, t);
            }
        }
        return true;
    }

    /** Frees the tag of {@code have}, unless another MAC's tag was probed past it (it would move down). */
    private static boolean remove(VnSlice slice, FlowEntry have, CookieTrace trace) {
        for (CookieTrace p : slice.probedBgp()) {
            if (p != trace && !p.equals(trace)
                    && SliceBuilder.probedPast(SliceBuilder.naturalTag(p.subject().orElseThrow()), p.tag(), trace.tag())) {
                return false;
            }
        }
        slice.probedBgp().remove(trace);
        slice.mutableFlows().remove(have.key());
        slice.mutableCookies().remove(have.cookie());
        return true;
    }
}
