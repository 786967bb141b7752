package io.nvo3.fib;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import java.util.Map;

/**
 * What turns one NVE's old slices of some VNs into their new ones, as changes to the NVE's state: the rest of the
 * state (other VNs, the pipeline skeleton) is untouched, so the state is updated and the reconciler told where, at the
 * cost of those slices rather than of the NVE. Slices never share a flow identity, group id or cookie (see
 * {@link NveAssembler}); removals go first, so an identity moving between two of the VNs is put, not lost.
 */
final class SliceDiff {
    private SliceDiff() {
    }

    static void removals(VnSlice was, VnSlice now, RemoteMacDelta.NveChanges out) {
        for (FlowEntry f : was.flows()) {
            if (now.flow(f.key()) == null) {
                out.removeFlows.add(f.key());
            }
        }
        for (GroupEntry g : was.groups()) {
            if (now.group(g.groupId()) == null) {
                out.removeGroups.add(g.groupId());
            }
        }
        for (Long c : was.cookies().keySet()) {
            if (!now.cookies().containsKey(c)) {
                out.removeCookies.add(c);
            }
        }
    }

    static void puts(VnSlice was, VnSlice now, RemoteMacDelta.NveChanges out) {
        for (FlowEntry f : now.flows()) {
            if (!f.equals(was.flow(f.key()))) {
                out.removeFlows.remove(f.key());
                out.putFlows.put(f.key(), f);
            }
        }
        for (GroupEntry g : now.groups()) {
            if (!g.equals(was.group(g.groupId()))) {
                out.removeGroups.remove(g.groupId());
                out.putGroups.put(g.groupId(), g);
            }
        }
        for (Map.Entry<Long, CookieTrace> e : now.cookies().entrySet()) {
            if (!e.getValue().equals(was.cookies().get(e.getKey()))) {
                out.removeCookies.remove(e.getKey());
                out.putCookies.put(e.getKey(), e.getValue());
            }
        }
    }
}
