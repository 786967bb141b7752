package io.nvo3.controller.reconcile;

import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A strict in-memory OpenFlow switch with OVS's reporting habits: it reorders match fields, drops all-ones masks,
 * reports instructions in execution order. Batches are atomic: a flow naming a missing group, a group added twice,
 * a group deleted while a flow uses it or a modify of a missing group rejects the whole batch.
 */
final class FakeSwitch implements FlowSwitch {
    final Map<String, FlowStats> flows = new LinkedHashMap<>();
    final Map<Long, GroupDesc> groups = new LinkedHashMap<>();
    final List<List<OfMessage>> batches = new ArrayList<>();
    int reads;
    boolean failNext;

    static String key(int table, int priority, Match m) {
        return table + "/" + priority + "/" + m.normalized();
    }

    void install(FlowStats s) {
        flows.put(key(s.tableId(), s.priority(), s.match()), s);
    }

    @Override
    public CompletableFuture<List<FlowStats>> flows() {
        reads++;
        return CompletableFuture.completedFuture(List.copyOf(flows.values()));
    }

    @Override
    public CompletableFuture<List<GroupDesc>> groups() {
        return CompletableFuture.completedFuture(List.copyOf(groups.values()));
    }

    @Override
    public CompletableFuture<Void> apply(List<OfMessage> messages) {
        batches.add(List.copyOf(messages));
        if (failNext) {
            failNext = false;
            return CompletableFuture.failedFuture(new IllegalStateException("bundle rejected (test)"));
        }
        Map<String, FlowStats> f = new LinkedHashMap<>(flows);
        Map<Long, GroupDesc> g = new LinkedHashMap<>(groups);
        for (OfMessage m : messages) {
            String err = switch (m) {
                case FlowMod fm -> flowMod(fm, f, g);
                case GroupMod gm -> groupMod(gm, f, g);
                default -> "unexpected " + m.getClass().getSimpleName();
            };
            if (err != null) {
                return CompletableFuture.failedFuture(new IllegalStateException(err));
            }
        }
        flows.clear();
        flows.putAll(f);
        groups.clear();
        groups.putAll(g);
        return CompletableFuture.completedFuture(null);
    }

    private static String flowMod(FlowMod fm, Map<String, FlowStats> f, Map<Long, GroupDesc> g) {
        String k = key(fm.tableId(), fm.priority(), fm.match());
        switch (fm.command()) {
            case FlowMod.OFPFC_ADD -> {
                for (long gid : groupsUsed(fm.instructions())) {
                    if (!g.containsKey(gid)) {
                        return "OFPBAC_BAD_OUT_GROUP " + gid;
                    }
                }
                f.put(k, reported(fm.tableId(), fm.priority(), fm.cookie(), fm.match(), fm.instructions()));
            }
            case FlowMod.OFPFC_MODIFY_STRICT -> {
                FlowStats old = f.get(k);
                if (old != null) {
                    f.put(k, reported(old.tableId(), old.priority(), old.cookie(), fm.match(), fm.instructions()));
                }
            }
            case FlowMod.OFPFC_DELETE_STRICT -> f.remove(k);
            default -> {
                return "unexpected flow mod command " + fm.command();
            }
        }
        return null;
    }

    private static String groupMod(GroupMod gm, Map<String, FlowStats> f, Map<Long, GroupDesc> g) {
        switch (gm.command()) {
            case GroupMod.OFPGC_ADD -> {
                if (g.containsKey(gm.groupId())) {
                    return "OFPGMFC_GROUP_EXISTS " + gm.groupId();
                }
                g.put(gm.groupId(), new GroupDesc(gm.groupType(), gm.groupId(), gm.buckets()));
            }
            case GroupMod.OFPGC_MODIFY -> {
                if (!g.containsKey(gm.groupId())) {
                    return "OFPGMFC_UNKNOWN_GROUP " + gm.groupId();
                }
                g.put(gm.groupId(), new GroupDesc(gm.groupType(), gm.groupId(), gm.buckets()));
            }
            case GroupMod.OFPGC_DELETE -> {
                for (FlowStats s : f.values()) {
                    if (groupsUsed(s.instructions()).contains(gm.groupId())) {
                        return "group " + gm.groupId() + " deleted while a flow uses it";
                    }
                }
                g.remove(gm.groupId());
            }
            default -> {
                return "unexpected group command " + gm.command() + " " + ErrorCodes.class.getSimpleName();
            }
        }
        return null;
    }

    /** What OVS reports for a flow: fields in another order, masks normalised, instructions in execution order. */
    static FlowStats reported(int table, int priority, long cookie, Match m, List<Instruction> ins) {
        List<Oxm> fields = new ArrayList<>(m.normalized().fields());
        Collections.reverse(fields);
        List<Instruction> sorted = new ArrayList<>(ins);
        sorted.removeIf(i -> i instanceof Instruction.ApplyActions a && a.actions().isEmpty());
        sorted.sort(Comparator.comparingInt(Instruction::order));
        return new FlowStats(table, 1, 0, priority, 0, 0, 0, cookie, 0, 0, new Match(fields), sorted);
    }

    static List<Long> groupsUsed(List<Instruction> ins) {
        List<Long> out = new ArrayList<>();
        for (Instruction i : ins) {
            if (i instanceof Instruction.ApplyActions a) {
                for (Action x : a.actions()) {
                    if (x instanceof Action.Group gr) {
                        out.add(gr.groupId());
                    }
                }
            }
        }
        return out;
    }
}
