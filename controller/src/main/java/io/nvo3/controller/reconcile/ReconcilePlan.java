package io.nvo3.controller.reconcile;

import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.diff.StateDelta;
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
        // A translated-on-read list is immutable already; copying it would translate every message now.
        messages = messages instanceof TranslatedMessages ? messages : List.copyOf(messages);
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
        return of(desired, installed, FibDiff.between(desired, installed.state(), keep));
    }

    /**
     * As above when {@code installed} holds exactly {@code delta.base()}: the same plan, from the keys the delta
     * names ({@link FibDiff#between(NveState, NveState, Predicate, StateDelta)}).
     */
    public static ReconcilePlan between(NveState desired, InstalledState installed, Predicate<FlowEntry> keep,
                                        StateDelta delta) {
        return of(desired, installed, FibDiff.between(desired, installed.state(), keep, delta));
    }

    private static ReconcilePlan of(NveState desired, InstalledState installed, FibDiff diff) {
        List<OfMessage> groupsFirst = new ArrayList<>();

        // A foreign group holding an id we want (another type, or actions we never write): replace it in place.
        Set<Integer> foreignGroupIds = new HashSet<>();
        installed.foreignGroups().forEach(g -> foreignGroupIds.add((int) g.groupId()));
        int gAdd = 0;
        int gMod = 0;
        for (GroupEntry g : diff.groupsToAdd()) {
            boolean taken = foreignGroupIds.contains(g.groupId());
            groupsFirst.add(FlowTranslator.groupMod(g, taken ? GroupMod.OFPGC_MODIFY : GroupMod.OFPGC_ADD));
            if (taken) {
                gMod++;
            } else {
                gAdd++;
            }
        }
        for (GroupEntry g : diff.groupsToModify()) {
            groupsFirst.add(FlowTranslator.groupMod(g, GroupMod.OFPGC_MODIFY));
            gMod++;
        }
        // Foreign flows: deleted, unless a desired flow has the same identity (its ADD above replaced it).
        List<OfMessage> foreignDeletes = new ArrayList<>();
        if (!installed.foreignFlows().isEmpty()) {
            Set<String> desiredIds = new HashSet<>();
            for (FlowEntry f : desired.flows().values()) {
                desiredIds.add(identity(f.table(), f.priority(), FlowTranslator.match(f.match())));
            }
            for (FlowStats s : installed.foreignFlows()) {
                if (!desiredIds.contains(identity(s.tableId(), s.priority(), s.match()))) {
                    foreignDeletes.add(FlowTranslator.deleteStrict(s));
                }
            }
        }
        int foreignFlowDeletes = foreignDeletes.size();
        List<OfMessage> groupsLast = new ArrayList<>();
        int gDel = 0;
        for (GroupEntry g : diff.groupsToDelete()) {
            groupsLast.add(FlowTranslator.groupMod(g, GroupMod.OFPGC_DELETE));
            gDel++;
        }
        for (GroupDesc g : installed.foreignGroups()) {
            if (!desired.groups().containsKey((int) g.groupId())) {
                groupsLast.add(FlowTranslator.deleteGroup(g.groupId()));
                gDel++;
            }
        }
        // The flow mods are translated when the channel writes them (see TranslatedMessages).
        FlowTranslator.Batch translate = new FlowTranslator.Batch();
        List<OfMessage> out = new TranslatedMessages()
                .addBuilt(groupsFirst)
                .add(diff.flowsToAdd(), translate::add)
                // Section 6.4: modify leaves the cookie and timeouts alone; an ADD over the same identity replaces all.
                .add(diff.flowsToModify(), m -> m.instructionsOnly() ? translate.modifyStrict(m.desired())
                        : translate.add(m.desired()))
                .add(diff.flowsToDelete(), FlowTranslator::deleteStrict)
                .addBuilt(foreignDeletes)
                .addBuilt(groupsLast);
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
