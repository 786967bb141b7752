package io.nvo3.fib.diff;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.NveState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What turns an installed NVE state into the desired one. Entries installed identically are never touched, so a
 * reconcile after a reconnect or restart does not delete and re-add correct flows. Order (see {@link #batches()}):
 * groups to add, groups to modify, flows to add, flows to modify, flows to delete, groups to delete — a flow never
 * references a group that is not there yet, and a group is deleted only after the flows that used it.
 */
public record FibDiff(List<GroupEntry> groupsToAdd, List<GroupEntry> groupsToModify, List<FlowEntry> flowsToAdd,
                      List<FlowModification> flowsToModify, List<FlowEntry> flowsToDelete,
                      List<GroupEntry> groupsToDelete) {
    /** Keeps every installed on-demand entry (cookie rule PULL_L2), valid or not. */
    public static final Predicate<FlowEntry> KEEP_PULLED = f -> CookieTrace.isPulled(f.cookie());

    private static final Comparator<GroupEntry> GROUP_ORDER =
            Comparator.comparingLong(g -> Integer.toUnsignedLong(g.groupId()));

    public FibDiff {
        groupsToAdd = List.copyOf(groupsToAdd);
        groupsToModify = List.copyOf(groupsToModify);
        flowsToAdd = List.copyOf(flowsToAdd);
        flowsToModify = List.copyOf(flowsToModify);
        flowsToDelete = List.copyOf(flowsToDelete);
        groupsToDelete = List.copyOf(groupsToDelete);
    }

    /** Everything in {@code installed} that is not desired is deleted (orphans included, whatever their cookie). */
    public static FibDiff between(NveState desired, NveState installed) {
        return between(desired, installed, f -> false);
    }

    /**
     * Like {@link #between(NveState, NveState)}, but an installed flow that is not desired and that {@code keep}
     * accepts is left alone: entries installed on demand for pull and hybrid VNs (rule PULL_L2) are in no desired
     * state. Pass {@code io.nvo3.fib.Pull.stillValid(input, systemId)} to keep the valid ones and delete the stale
     * ones, or {@link #KEEP_PULLED} to keep them all. Desired flows are compared as usual: {@code keep} never
     * protects an installed flow whose identity is desired.
     */
    public static FibDiff between(NveState desired, NveState installed, Predicate<FlowEntry> keep) {
        return between(desired, installed, keep, desired.groups().keySet(), installed.groups().keySet(),
                desired.flows().keySet(), installed.flows().keySet());
    }

    /**
     * Like {@link #between(NveState, NveState, Predicate)} when {@code installed} holds exactly the flows and groups
     * of {@code delta.base()}, at the cost of the keys {@code delta} names rather than of every entry: the result is
     * the same (property-tested), since outside those keys desired and installed agree.
     */
    public static FibDiff between(NveState desired, NveState installed, Predicate<FlowEntry> keep, StateDelta delta) {
        return between(desired, installed, keep, delta.groups(), delta.groups(), delta.flows(), delta.flows());
    }

    private static FibDiff between(NveState desired, NveState installed, Predicate<FlowEntry> keep,
                                   java.util.Collection<Integer> desiredGroupIds,
                                   java.util.Collection<Integer> installedGroupIds,
                                   java.util.Collection<FlowKey> desiredFlowKeys,
                                   java.util.Collection<FlowKey> installedFlowKeys) {
        List<GroupEntry> gAdd = new ArrayList<>();
        List<GroupEntry> gMod = new ArrayList<>();
        List<GroupEntry> gDel = new ArrayList<>();
        for (Integer id : desiredGroupIds) {
            GroupEntry g = desired.groups().get(id);
            GroupEntry have = installed.groups().get(id);
            if (g == null) {
                continue;
            }
            if (have == null) {
                gAdd.add(g);
            } else if (!have.equals(g)) {
                gMod.add(g);
            }
        }
        for (Integer id : installedGroupIds) {
            GroupEntry g = installed.groups().get(id);
            if (g != null && !desired.groups().containsKey(id)) {
                gDel.add(g);
            }
        }
        List<FlowEntry> fAdd = new ArrayList<>();
        List<FlowModification> fMod = new ArrayList<>();
        List<FlowEntry> fDel = new ArrayList<>();
        for (FlowKey k : desiredFlowKeys) {
            FlowEntry f = desired.flows().get(k);
            if (f == null) {
                continue;
            }
            FlowEntry have = installed.flows().get(k);
            if (have == null) {
                fAdd.add(f);
            } else if (!have.equals(f)) {
                fMod.add(new FlowModification(have, f));
            }
        }
        for (FlowKey k : installedFlowKeys) {
            FlowEntry f = installed.flows().get(k);
            if (f != null && !desired.flows().containsKey(k) && !keep.test(f)) {
                fDel.add(f);
            }
        }
        gAdd.sort(GROUP_ORDER);
        gMod.sort(GROUP_ORDER);
        gDel.sort(GROUP_ORDER);
        sortFlows(fAdd, f -> f);
        sortFlows(fMod, FlowModification::desired);
        sortFlows(fDel, f -> f);
        return new FibDiff(gAdd, gMod, fAdd, fMod, fDel, gDel);
    }

    /**
     * A deterministic order for sending: table, priority (highest first), then the match's hash code, with the full
     * key order only to break ties. Sorting 100k flows by {@link FlowKey#compareTo} alone took most of the time of
     * programming an empty switch; the order within one bundle does not matter to the switch.
     */
    private static <T> void sortFlows(List<T> list, java.util.function.Function<T, FlowEntry> flow) {
        if (list.size() < 2) {
            return;
        }
        record Keyed<T>(T item, FlowEntry flow, int table, int priority, int hash) implements Comparable<Keyed<T>> {
            @Override
            public int compareTo(Keyed<T> o) {
                if (table != o.table) {
                    return Integer.compare(table, o.table);
                }
                if (priority != o.priority) {
                    return Integer.compare(o.priority, priority);
                }
                if (hash != o.hash) {
                    return Integer.compare(hash, o.hash);
                }
                return flow.key().compareTo(o.flow.key());
            }
        }
        List<Keyed<T>> keyed = new ArrayList<>(list.size());
        for (T t : list) {
            FlowEntry f = flow.apply(t);
            keyed.add(new Keyed<>(t, f, f.table(), f.priority(), f.match().hashCode()));
        }
        java.util.Collections.sort(keyed);
        list.clear();
        keyed.forEach(k -> list.add(k.item()));
    }

    public boolean isEmpty() {
        return batches().isEmpty();
    }

    /** The non-empty steps, in the order they must be sent. */
    public List<Batch> batches() {
        List<Batch> out = new ArrayList<>();
        if (!groupsToAdd.isEmpty()) {
            out.add(new Batch.AddGroups(groupsToAdd));
        }
        if (!groupsToModify.isEmpty()) {
            out.add(new Batch.ModifyGroups(groupsToModify));
        }
        if (!flowsToAdd.isEmpty()) {
            out.add(new Batch.AddFlows(flowsToAdd));
        }
        if (!flowsToModify.isEmpty()) {
            out.add(new Batch.ModifyFlows(flowsToModify));
        }
        if (!flowsToDelete.isEmpty()) {
            out.add(new Batch.DeleteFlows(flowsToDelete));
        }
        if (!groupsToDelete.isEmpty()) {
            out.add(new Batch.DeleteGroups(groupsToDelete));
        }
        return List.copyOf(out);
    }

    /** What the switch holds after the batches are applied in order: equal to the desired flows and groups. */
    public NveState applyTo(NveState installed) {
        Map<FlowKey, FlowEntry> flows = new HashMap<>(installed.flows());
        Map<Integer, GroupEntry> groups = new HashMap<>(installed.groups());
        groupsToAdd.forEach(g -> groups.put(g.groupId(), g));
        groupsToModify.forEach(g -> groups.put(g.groupId(), g));
        flowsToAdd.forEach(f -> flows.put(f.key(), f));
        flowsToModify.forEach(m -> flows.put(m.desired().key(), m.desired()));
        flowsToDelete.forEach(f -> flows.remove(f.key()));
        groupsToDelete.forEach(g -> groups.remove(g.groupId()));
        return new NveState(installed.systemId(), flows, groups, installed.cookies());
    }
}
