package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import java.util.List;
import java.util.Optional;

/** The skeleton every NVE holds whatever its tenants: table misses, pass-through tables, tunnel egress. */
final class PipelineRules {
    static final int MISS = 0;

    private PipelineRules() {
    }

    static VnSlice compute(Nve nve) {
        SliceBuilder b = new SliceBuilder(0, Optional.empty());
        // OpenFlow 1.3 section 5.4: "The table-miss flow entry ... wildcards all fields ... and has the lowest
        // priority (0)". Table 0: everything not classified as a TS port or a known VNI on the tunnel drops.
        b.flow(Tables.CLASSIFY, MISS, Match.ALL, List.of(), b.cookie(RuleKind.PIPELINE, "classify miss: drop"));
        b.flow(Tables.INGRESS_ACL, MISS, Match.ALL, gotoTable(Tables.ARP), b.cookie(RuleKind.PIPELINE, "ingress ACL: pass"));
        b.flow(Tables.ARP, MISS, Match.ALL, gotoTable(Tables.L3), b.cookie(RuleKind.PIPELINE, "ARP/ND: pass"));
        b.flow(Tables.L3, MISS, Match.ALL, gotoTable(Tables.L2), b.cookie(RuleKind.PIPELINE, "L3: pass"));
        // Unknown unicast floods; broadcast and multicast always flood (no TS owns a group MAC).
        b.flow(Tables.L2, MISS, Match.ALL, gotoTable(Tables.FLOOD), b.cookie(RuleKind.PIPELINE, "L2 miss: flood"));
        b.flow(Tables.L2, Priorities.L2_MULTICAST,
                Match.builder().ethDst(MacAddress.MULTICAST_BIT, MacAddress.MULTICAST_BIT).build(),
                gotoTable(Tables.FLOOD), b.cookie(RuleKind.PIPELINE, "L2 multicast: flood"));
        b.flow(Tables.FLOOD, MISS, Match.ALL, List.of(), b.cookie(RuleKind.PIPELINE, "flood miss: drop"));
        b.flow(Tables.EGRESS, MISS, Match.ALL, List.of(), b.cookie(RuleKind.PIPELINE, "egress miss: drop"));
        int tunnel = nve.tunnelOfport();
        b.flow(Tables.EGRESS, Priorities.EGRESS_OUTPUT, Match.builder().reg(Tables.OUTPUT_REG, tunnel).build(),
                List.of(new Instruction.ApplyActions(List.of(new Action.Output(tunnel)))),
                b.cookie(RuleKind.PIPELINE, "egress: tunnel"));
        // Split horizon (RFC 8365 section 8.3.1 for EVPN-VXLAN; NVO3 ingress replication): traffic that came from
        // the overlay is never sent back into it.
        b.flow(Tables.EGRESS, Priorities.EGRESS_SPLIT_HORIZON, Match.builder()
                        .metadata(Tables.FROM_TUNNEL, Tables.FROM_TUNNEL).reg(Tables.OUTPUT_REG, tunnel).build(),
                List.of(), b.cookie(RuleKind.PIPELINE, "egress: split horizon"));
        return b.build();
    }

    static List<Instruction> gotoTable(int table) {
        return List.of(new Instruction.GotoTable(table));
    }
}
