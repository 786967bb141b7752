package io.nvo3.fib;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.NveState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Joins an NVE's slices. Slices cannot clash: each VN's flows carry its VNI in metadata, in_port or tun_id. */
final class NveAssembler {
    private NveAssembler() {
    }

    static NveState assemble(String systemId, VnSlice pipeline, Collection<VnSlice> vnSlices) {
        Map<FlowKey, FlowEntry> flows = new HashMap<>();
        Map<Integer, GroupEntry> groups = new HashMap<>();
        Map<Long, CookieTrace> cookies = new HashMap<>();
        add(pipeline, flows, groups, cookies);
        vnSlices.forEach(s -> add(s, flows, groups, cookies));
        return new NveState(systemId, flows, groups, cookies);
    }

    private static void add(VnSlice s, Map<FlowKey, FlowEntry> flows, Map<Integer, GroupEntry> groups,
                            Map<Long, CookieTrace> cookies) {
        for (FlowEntry f : s.flows()) {
            if (flows.putIfAbsent(f.key(), f) != null) {
                throw new IllegalStateException("flow identity in two slices: " + f.key());
            }
        }
        for (GroupEntry g : s.groups()) {
            if (groups.putIfAbsent(g.groupId(), g) != null) {
                throw new IllegalStateException("group id in two slices: " + g.groupId());
            }
        }
        s.cookies().forEach((c, t) -> {
            CookieTrace before = cookies.putIfAbsent(c, t);
            if (before != null && !before.equals(t)) {
                throw new IllegalStateException("cookie 0x" + Long.toHexString(c) + " names " + before + " and " + t);
            }
        });
    }
}
