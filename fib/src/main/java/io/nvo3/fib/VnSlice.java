package io.nvo3.fib;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import java.util.List;
import java.util.Map;

/** The part of one NVE's state that one VN (or, with VNI 0, the pipeline skeleton) produces. */
record VnSlice(List<FlowEntry> flows, List<GroupEntry> groups, Map<Long, CookieTrace> cookies) {
    static final VnSlice EMPTY = new VnSlice(List.of(), List.of(), Map.of());

    VnSlice {
        flows = List.copyOf(flows);
        groups = List.copyOf(groups);
        cookies = Map.copyOf(cookies);
    }

    boolean isEmpty() {
        return flows.isEmpty() && groups.isEmpty();
    }
}
