package io.nvo3.openflow.flow;

import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.multipart.FlowStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical identity of an installed flow, for reconcile: equal when the switch holds what we
 * want. Built from a desired {@link FlowMod} or from a reported {@link FlowStats}.
 *
 * <p>Normalisation (checked against OVS 3.1 flow-stats replies, see golden/openflow/README.md):
 * the match is {@link Match#normalized()} (OVS reorders OXM fields, drops all-ones and all-zero masks,
 * reports value &amp; mask); instructions are sorted in the §5.10 execution order OVS reports them in;
 * action lists keep their order (it is semantic). Counters, durations and timeouts are not part of the
 * identity; {@code flags} and timeouts are, because OVS reports them as installed.
 */
public record FlowSpec(int tableId, int priority, long cookie, int idleTimeout, int hardTimeout, Match match,
        List<Instruction> instructions) {

    public FlowSpec {
        match = match.normalized();
        List<Instruction> sorted = new ArrayList<>(instructions);
        sorted.sort(Comparator.comparingInt(Instruction::order));
        instructions = List.copyOf(sorted);
    }

    public static FlowSpec of(FlowMod m) {
        return new FlowSpec(m.tableId(), m.priority(), m.cookie(), m.idleTimeout(), m.hardTimeout(), m.match(),
                withoutEmptyApply(m.instructions()));
    }

    public static FlowSpec of(FlowStats s) {
        return new FlowSpec(s.tableId(), s.priority(), s.cookie(), s.idleTimeout(), s.hardTimeout(), s.match(),
                withoutEmptyApply(s.instructions()));
    }

    /** OVS reports a flow added with an empty apply-actions instruction as having no instruction ("drop"). */
    private static List<Instruction> withoutEmptyApply(List<Instruction> in) {
        return in.stream().filter(i -> !(i instanceof Instruction.ApplyActions a && a.actions().isEmpty())).toList();
    }

    /** The actions this flow applies, in order, for display and tests. */
    public List<Action> applyActions() {
        return instructions.stream().filter(i -> i instanceof Instruction.ApplyActions)
                .flatMap(i -> ((Instruction.ApplyActions) i).actions().stream()).toList();
    }
}
