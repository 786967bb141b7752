package io.nvo3.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.MessageCodec;
import io.nvo3.openflow.message.MultipartReply;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.nvo3.fib.input.FibMode;

/** FlowEntry/GroupEntry to OpenFlow and back, through the wire codec and OVS's normalisation. */
class FlowTranslatorTest {

    @ParameterizedTest
    @EnumSource(FibMode.class)
    void everyFlowOfARealisticFibDecodesFromAFlowStatsReplyEqualToTheDesiredOne(FibMode mode) {
        for (Map.Entry<String, NveState> e : Fib.compute(Samples.input(mode)).entrySet()) {
            List<FlowStats> reported = new ArrayList<>();
            for (FlowEntry f : e.getValue().flows().values()) {
                FlowMod m = FlowTranslator.add(f);
                reported.add(FakeSwitch.reported(m.tableId(), m.priority(), m.cookie(), m.match(), m.instructions()));
            }
            List<FlowStats> decodedFromWire = throughWire(reported);
            for (FlowStats s : decodedFromWire) {
                FlowEntry back = FlowTranslator.decode(s).orElseThrow(() -> new AssertionError("not decodable: " + s));
                assertThat(e.getValue().flows().get(back.key())).as("%s", back.key()).isEqualTo(back);
            }
            assertThat(decodedFromWire).hasSize(e.getValue().flows().size());
        }
        if (mode == FibMode.HYBRID) { // the ARP responder: reg_move, set_field of ARP fields, output:in_port
            assertThat(Fib.compute(Samples.input(mode)).get("hv1").flows().values())
                    .anyMatch(f -> f.toString().contains("move:") && f.toString().contains("in_port"));
        }
    }

    @Test
    void everyGroupRoundTrips() {
        for (NveState s : Fib.compute(Samples.input()).values()) {
            for (GroupEntry g : s.groups().values()) {
                var mod = FlowTranslator.groupMod(g, 0);
                GroupEntry back = FlowTranslator.decode(new GroupDesc(mod.groupType(), mod.groupId(), mod.buckets()))
                        .orElseThrow();
                assertThat(back).isEqualTo(g);
            }
        }
    }

    @Test
    void allOnesMasksOvsDropsStillCompareEqual() {
        FlowEntry f = Samples.desired("hv1").flows().values().stream()
                .filter(x -> x.match().toString().contains("metadata")).findFirst().orElseThrow();
        FlowMod m = FlowTranslator.add(f);
        List<Oxm> withOnes = new ArrayList<>();
        for (Oxm o : m.match().fields()) {
            withOnes.add(o instanceof Oxm.Field fl && fl.mask() == null && fl.type().maskable()
                    ? new Oxm.Field(fl.type(), fl.value(), Bytes.ofLong(-1L, fl.type().length())) : o);
        }
        FlowStats s = new FlowStats(m.tableId(), 0, 0, m.priority(), 0, 0, 0, m.cookie(), 0, 0, new Match(withOnes),
                m.instructions());
        assertThat(FlowTranslator.decode(s)).contains(f);
    }

    @Test
    void flowsWithActionsTheFibNeverWritesAreForeign() {
        FlowStats note = new FlowStats(0, 0, 0, 10, 0, 0, 0, 0, 0, 0, Match.ALL,
                List.of(Instruction.ApplyActions.of(new Action.Nicira(8, Bytes.ofHex("000000000000")))));
        FlowStats writeActions = new FlowStats(0, 0, 0, 10, 0, 0, 0, 0, 0, 0, Match.ALL,
                List.of(new Instruction.WriteActions(List.of(Action.Output.to(1)))));
        assertThat(FlowTranslator.decode(note)).isEmpty();
        assertThat(FlowTranslator.decode(writeActions)).isEmpty();
        InstalledState st = InstalledState.read("hv1", List.of(note), List.of());
        assertThat(st.foreignFlows()).containsExactly(note);
        ReconcilePlan plan = ReconcilePlan.between(NveState.empty("hv1"), st);
        assertThat(plan.flowDeletes()).isEqualTo(1);
        FlowMod del = (FlowMod) plan.messages().getFirst();
        assertThat(del.command()).isEqualTo(FlowMod.OFPFC_DELETE_STRICT);
        assertThat(del.match()).isEqualTo(note.match());
    }

    /** Encodes the stats as an OFPMP_FLOW reply and decodes it with the channel's codec. */
    static List<FlowStats> throughWire(List<FlowStats> stats) {
        ByteBuf buf = Unpooled.buffer();
        try {
            MessageCodec.encode(new MultipartReply(7, 0, new MultipartReplyBody.Flow(stats)), 7, buf, OfContext.V13);
            OfMessage back = MessageCodec.decode(buf, OfContext.V13);
            return ((MultipartReplyBody.Flow) ((MultipartReply) back).body()).entries();
        } finally {
            buf.release();
        }
    }
}
