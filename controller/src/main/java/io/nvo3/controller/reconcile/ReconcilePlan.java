package io.nvo3.controller.reconcile;

import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.diff.FlowModification;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The ordered OpenFlow messages that turn an installed state into the desired one, and what they do. Order (one
 * ordered bundle): groups added, groups modified, flows added, flows modified, flows deleted, groups deleted — "a
 * flow never references a group that is not there yet, and a group is deleted only after the flows that used it".
 * Entries installed identically are not touched.
 */
public record ReconcilePlan(List<OfMessage> messages, int flowAdds, int flowMods, int flowDeletes, int groupAdds,
                            int groupMods, int groupDeletes) {
    public ReconcilePlan {
        messages = List.copyOf(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Messages that change flows (add, modify, delete). */
    public int flowChanges() {
        return flowAdds + flowMods + flowDeletes;
    }

    public static ReconcilePlan between(NveState desired, InstalledState installed) {
        return between(desired, installed, f -> false);
    }

    /** As above, leaving installed flows that {@code keep} accepts in place when they are not desired. */
    public static ReconcilePlan between(NveState desired, InstalledState installed, Predicate<FlowEntry> keep) {
        FibDiff diff = FibDiff.between(desired, installed.state(), keep);
        List<OfMessage> out = new ArrayList<>();

        // A foreign group holding an id we want (another type, or actions we never write): replace it in place.
        Set<Integer> foreignGroupIds = new HashSet<>();
        installed.foreignGroups().forEach(g -> foreignGroupIds.add((int) g.groupId()));
        int gAdd = 0;
        int gMod = 0;
        for (GroupEntry g : diff.groupsToAdd()) {
            boolean taken = foreignGroupIds.contains(g.groupId());
            out.add(FlowTranslator.groupMod(g, taken ? GroupMod.OFPGC_MODIFY : GroupMod.OFPGC_ADD));
            if (taken) {
                gMod++;
            } else {
                gAdd++;
            }
        }
        for (GroupEntry g : diff.groupsToModify()) {
            out.add(FlowTranslator.groupMod(g, GroupMod.OFPGC_MODIFY));
            gMod++;
        }
        for (FlowEntry f : diff.flowsToAdd()) {
            out.add(FlowTranslator.add(f));
        }
        for (FlowModification m : diff.flowsToModify()) {
            // Section 6.4: modify leaves the cookie and timeouts alone; an ADD over the same identity replaces all.
            out.add(m.instructionsOnly() ? FlowTranslator.modifyStrict(m.desired()) : FlowTranslator.add(m.desired()));
        }
        for (FlowEntry f : diff.flowsToDelete()) {
            out.add(FlowTranslator.deleteStrict(f));
        }
        // Foreign flows: deleted, unless a desired flow has the same identity (its ADD above replaced it).
        Set<String> desiredIds = new HashSet<>();
        for (FlowEntry f : desired.flows().values()) {
            desiredIds.add(identity(f.table(), f.priority(), FlowTranslator.match(f.match())));
        }
        int foreignFlowDeletes = 0;
        for (FlowStats s : installed.foreignFlows()) {
            if (!desiredIds.contains(identity(s.tableId(), s.priority(), s.match()))) {
                out.add(FlowTranslator.deleteStrict(s));
                foreignFlowDeletes++;
            }
        }
        int gDel = 0;
        for (GroupEntry g : diff.groupsToDelete()) {
            out.add(FlowTranslator.groupMod(g, GroupMod.OFPGC_DELETE));
            gDel++;
        }
        for (GroupDesc g : installed.foreignGroups()) {
            if (!desired.groups().containsKey((int) g.groupId())) {
                out.add(FlowTranslator.deleteGroup(g.groupId()));
                gDel++;
            }
        }
        return new ReconcilePlan(out, diff.flowsToAdd().size(), diff.flowsToModify().size(),
                diff.flowsToDelete().size() + foreignFlowDeletes, gAdd, gMod, gDel);
    }

    private static String identity(int table, int priority, Match m) {
        return table + "/" + priority + "/" + m.normalized();
    }

    @Override
    public String toString() {
        return "flows +" + flowAdds + " ~" + flowMods + " -" + flowDeletes + ", groups +" + groupAdds + " ~"
                + groupMods + " -" + groupDeletes;
    }
}
