package io.nvo3.openflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Golden;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.MultipartReply;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What OVS 3.1 reports (golden flow_stats_reply, flows from golden/openflow/add-flows.sh) equals what we want. */
class FlowSpecTest {
    private final List<FlowStats> reported =
            ((MultipartReplyBody.Flow) ((MultipartReply) Golden.decode(Golden.bytes("flow_stats_reply"))).body())
                    .entries();

    private FlowSpec reported(int table, int priority) {
        return reported.stream().filter(f -> f.tableId() == table && f.priority() == priority).map(FlowSpec::of)
                .findFirst().orElseThrow();
    }

    @Test
    void maskedMacSentUnnormalisedAndInAnotherOrderIsRecognisedAsInstalled() {
        // table=30,priority=21,tun_src=198.18.0.9,dl_dst=00:00:5e:00:53:00/ff:ff:ff:00:00:00,
        // actions=write_metadata:0x7/0xff,goto_table:40 — sent with the instructions in the other order.
        FlowMod desired = FlowMod.add(30, 21, 0, Match.of(
                        new Oxm.Field(OxmType.ETH_DST, Bytes.ofHex("00005e005300"), Bytes.ofHex("ffffff000000")),
                        new Oxm.Field(OxmType.NXM_NX_TUN_IPV4_SRC, Bytes.ofHex("c6120009"), null)),
                List.of(new Instruction.GotoTable(40), new Instruction.WriteMetadata(7, 0xff)));
        assertThat(FlowSpec.of(desired)).isEqualTo(reported(30, 21));
    }

    @Test
    void exactMaskIsTheSameAsNoMask() {
        // table=10,priority=50,cookie=0x1234,ip,nw_dst=203.0.113.0/24,
        // actions=dec_ttl,set_field:00:00:5e:00:53:01->eth_src,goto_table:20
        FlowMod desired = FlowMod.add(10, 50, 0x1234, Match.of(
                        new Oxm.Field(OxmType.IPV4_DST, Bytes.ofHex("cb007100"), Bytes.ofHex("ffffff00")),
                        new Oxm.Field(OxmType.ETH_TYPE, Bytes.ofHex("0800"), null)),
                List.of(Instruction.ApplyActions.of(new Action.DecNwTtl(),
                        new Action.SetField(Oxm.ethSrc(0x00005e005301L))), new Instruction.GotoTable(20)));
        assertThat(FlowSpec.of(desired)).isEqualTo(reported(10, 50));
        FlowMod allOnes = FlowMod.add(0, 100, 0, Match.of(Oxm.masked(OxmType.NXM_NX_REG0, 5, 0xffffffffL)), List.of());
        assertThat(FlowSpec.of(allOnes)).isEqualTo(FlowSpec.of(FlowMod.add(0, 100, 0, Match.of(Oxm.reg(0, 5)),
                List.of(Instruction.ApplyActions.of()))));
    }

    @Test
    void differentActionOrderIsADifferentFlow() {
        FlowSpec a = FlowSpec.of(FlowMod.add(0, 1, 0, Match.ALL,
                List.of(Instruction.ApplyActions.of(new Action.PopVlan(), Action.Output.to(1)))));
        FlowSpec b = FlowSpec.of(FlowMod.add(0, 1, 0, Match.ALL,
                List.of(Instruction.ApplyActions.of(Action.Output.to(1), new Action.PopVlan()))));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void wildcardMaskDropsTheField() {
        FlowSpec a = FlowSpec.of(FlowMod.add(0, 1, 0, Match.of(Oxm.masked(OxmType.METADATA, 9, 0)), List.of()));
        assertThat(a.match()).isEqualTo(Match.ALL);
    }
}
