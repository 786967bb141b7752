package io.nvo3.controller.reconcile;

import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one switch holds, as read back (flow stats and group desc): the entries expressible in FIB terms as an
 * {@link NveState}, and the foreign ones (other vendors' actions, instructions the FIB never writes, ...) kept raw so
 * reconcile can delete them.
 */
public record InstalledState(NveState state, List<FlowStats> foreignFlows, List<GroupDesc> foreignGroups) {
    public InstalledState {
        foreignFlows = List.copyOf(foreignFlows);
        foreignGroups = List.copyOf(foreignGroups);
    }

    /** After a successful apply the switch holds exactly {@code desired}. */
    public static InstalledState of(NveState desired) {
        return new InstalledState(new NveState(desired.systemId(), desired.flows(), desired.groups(), Map.of()),
                List.of(), List.of());
    }

    public static InstalledState read(String systemId, List<FlowStats> flows, List<GroupDesc> groups) {
        Map<FlowKey, FlowEntry> f = new HashMap<>();
        List<FlowStats> foreignFlows = new ArrayList<>();
        for (FlowStats s : flows) {
            FlowEntry e = FlowTranslator.decode(s).orElse(null);
            if (e == null || f.putIfAbsent(e.key(), e) != null) {
                foreignFlows.add(s);
            }
        }
        Map<Integer, GroupEntry> g = new HashMap<>();
        List<GroupDesc> foreignGroups = new ArrayList<>();
        for (GroupDesc d : groups) {
            GroupEntry e = FlowTranslator.decode(d).orElse(null);
            if (e == null || g.putIfAbsent(e.groupId(), e) != null) {
                foreignGroups.add(d);
            }
        }
        return new InstalledState(new NveState(systemId, f, g, Map.of()), foreignFlows, foreignGroups);
    }

    public int flowCount() {
        return state.flows().size() + foreignFlows.size();
    }

    public int groupCount() {
        return state.groups().size() + foreignGroups.size();
    }
}
