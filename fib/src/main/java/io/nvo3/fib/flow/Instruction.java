package io.nvo3.fib.flow;

import java.util.List;

/** OpenFlow 1.3 instructions (section 5.9) used by the FIB. An empty instruction list drops the packet. */
public sealed interface Instruction {
    /** OFPIT_APPLY_ACTIONS: "Applies the specific action(s) immediately, without any change to the Action Set". */
    record ApplyActions(List<Action> actions) implements Instruction {
        public ApplyActions {
            actions = List.copyOf(actions);
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("apply-actions without actions; use no instruction to drop");
            }
        }

        @Override
        public String toString() {
            return "actions=" + actions;
        }
    }

    /** OFPIT_WRITE_METADATA: "Writes the masked metadata value into the metadata field." */
    record WriteMetadata(long value, long mask) implements Instruction {
        public WriteMetadata {
            value &= mask;
        }

        @Override
        public String toString() {
            return "write_metadata:0x" + Long.toHexString(value) + "/0x" + Long.toHexString(mask);
        }
    }

    /** OFPIT_GOTO_TABLE: "Indicates the next table in the processing pipeline." */
    record GotoTable(int tableId) implements Instruction {
        @Override
        public String toString() {
            return "goto_table:" + tableId;
        }
    }

    /** Spec order of execution (section 5.9): apply-actions, ..., write-metadata, goto-table. */
    default int executionOrder() {
        return switch (this) {
            case ApplyActions a -> 0;
            case WriteMetadata w -> 1;
            case GotoTable g -> 2;
        };
    }
}
