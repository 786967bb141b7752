package io.nvo3.fib.diff;

import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import java.util.List;

/** One ordered step of a reconcile; the controller ends each with a barrier (or sends them in one bundle). */
public sealed interface Batch {
    record AddGroups(List<GroupEntry> groups) implements Batch {
        public AddGroups {
            groups = List.copyOf(groups);
        }
    }

    record ModifyGroups(List<GroupEntry> groups) implements Batch {
        public ModifyGroups {
            groups = List.copyOf(groups);
        }
    }

    record AddFlows(List<FlowEntry> flows) implements Batch {
        public AddFlows {
            flows = List.copyOf(flows);
        }
    }

    record ModifyFlows(List<FlowModification> flows) implements Batch {
        public ModifyFlows {
            flows = List.copyOf(flows);
        }
    }

    /** Delete each by OFPFC_DELETE_STRICT on (table, priority, match). */
    record DeleteFlows(List<FlowEntry> flows) implements Batch {
        public DeleteFlows {
            flows = List.copyOf(flows);
        }
    }

    record DeleteGroups(List<GroupEntry> groups) implements Batch {
        public DeleteGroups {
            groups = List.copyOf(groups);
        }
    }
}
