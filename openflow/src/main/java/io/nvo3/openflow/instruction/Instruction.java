package io.nvo3.openflow.instruction;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.action.Action;
import java.util.List;

/** A flow instruction (OpenFlow 1.3.5 §7.2.4). */
public sealed interface Instruction {

    /**
     * Execution order of §5.10 ("Meter, Apply-Actions, Clear-Actions, Write-Actions, Write-Metadata,
     * Goto-Table"); OVS reports instructions in this order whatever order they were sent in.
     */
    int order();

    record GotoTable(int tableId) implements Instruction {
        public GotoTable {
            if (tableId < 0 || tableId > 254) {
                throw new IllegalArgumentException("table out of range: " + tableId);
            }
        }

        @Override
        public int order() {
            return 5;
        }
    }

    record WriteMetadata(long metadata, long mask) implements Instruction {
        @Override
        public int order() {
            return 4;
        }
    }

    record WriteActions(List<Action> actions) implements Instruction {
        public WriteActions {
            actions = List.copyOf(actions);
        }

        @Override
        public int order() {
            return 3;
        }
    }

    record ApplyActions(List<Action> actions) implements Instruction {
        public ApplyActions {
            actions = List.copyOf(actions);
        }

        public static ApplyActions of(Action... actions) {
            return new ApplyActions(List.of(actions));
        }

        @Override
        public int order() {
            return 1;
        }
    }

    record ClearActions() implements Instruction {
        @Override
        public int order() {
            return 2;
        }
    }

    record Meter(long meterId) implements Instruction {
        public Meter {
            if (meterId < 0 || meterId > 0xffffffffL) {
                throw new IllegalArgumentException("meterId out of range");
            }
        }

        @Override
        public int order() {
            return 0;
        }
    }

    /** An instruction type this codec does not model (experimenter instructions included). */
    record Unknown(int type, Bytes body) implements Instruction {
        public Unknown {
            if (type >= 1 && type <= 6 || type < 0 || type > 0xffff || (body.length() + 4) % 8 != 0) {
                throw new IllegalArgumentException("bad unknown instruction " + type);
            }
        }

        @Override
        public int order() {
            return 6;
        }
    }
}
