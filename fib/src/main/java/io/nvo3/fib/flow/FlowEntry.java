package io.nvo3.fib.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One flow the NVE should hold. {@code instructions} empty means drop. Timeouts are in seconds, 0 = none.
 * Identity is {@link #key()}; a different instruction list, cookie or timeout under the same key is a modification.
 */
public record FlowEntry(int table, int priority, Match match, List<Instruction> instructions, long cookie,
                        int idleTimeout, int hardTimeout) {
    public FlowEntry {
        if (table < 0 || table > 254) {
            throw new IllegalArgumentException("table " + table + " outside 0..254");
        }
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("priority " + priority + " outside 0..65535");
        }
        Objects.requireNonNull(match, "match");
        // Already in execution order (what the rules build): keep the list, shared when it is immutable, so 100k
        // flows with one action list hold one list and the translation to OpenFlow can reuse its result.
        List<Instruction> sorted = instructions;
        if (!inExecutionOrder(instructions)) {
            sorted = new ArrayList<>(instructions);
            sorted.sort(Comparator.comparingInt(Instruction::executionOrder));
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).executionOrder() == sorted.get(i - 1).executionOrder()) {
                throw new IllegalArgumentException("two " + sorted.get(i).getClass().getSimpleName() + " instructions");
            }
        }
        for (Instruction ins : sorted) {
            // OpenFlow 1.3 section 5.1: "a flow entry can only direct a packet to a flow table number which is
            // greater than its own flow table number".
            if (ins instanceof Instruction.GotoTable g && g.tableId() <= table) {
                throw new IllegalArgumentException("goto_table:" + g.tableId() + " from table " + table);
            }
        }
        instructions = List.copyOf(sorted);
        if (idleTimeout < 0 || idleTimeout > 0xFFFF || hardTimeout < 0 || hardTimeout > 0xFFFF) {
            throw new IllegalArgumentException("timeouts outside 0..65535");
        }
    }

    private static boolean inExecutionOrder(List<Instruction> instructions) {
        for (int i = 1; i < instructions.size(); i++) {
            if (instructions.get(i - 1).executionOrder() > instructions.get(i).executionOrder()) {
                return false;
            }
        }
        return true;
    }

    /** A permanent flow (no timeouts). */
    public static FlowEntry of(int table, int priority, Match match, List<Instruction> instructions, long cookie) {
        return new FlowEntry(table, priority, match, instructions, cookie, 0, 0);
    }

    public FlowKey key() {
        return new FlowKey(table, priority, match);
    }

    public boolean drops() {
        return instructions.isEmpty();
    }

    @Override
    public String toString() {
        return key() + ",cookie=0x" + Long.toHexString(cookie) + " " + (drops() ? "drop" : instructions.toString());
    }
}
