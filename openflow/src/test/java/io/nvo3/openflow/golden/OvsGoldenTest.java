package io.nvo3.openflow.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.Framing;
import io.nvo3.openflow.Golden;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.BarrierReply;
import io.nvo3.openflow.message.BundleControl;
import io.nvo3.openflow.message.ErrorMsg;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.openflow.message.Hello;
import io.nvo3.openflow.message.MultipartReply;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.PortDesc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Messages captured from Open vSwitch 3.1.0 (see golden/openflow/README.md). */
class OvsGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"features_reply", "port_desc_reply", "flow_stats_reply", "group_desc_reply",
            "desc_reply", "error_bad_prereq", "bundle_open_reply", "bundle_discard_reply", "barrier_reply", "hello",
            "port_status"})
    void reencodesEveryCapturedMessageByteForByte(String name) {
        byte[] wire = Golden.bytes(name);
        assertThat(Golden.encode(Golden.decode(wire))).isEqualTo(wire);
    }

    @Test
    void ovsHelloWithoutBitmapAnnouncesOpenFlow15AndNegotiatesDownTo13() {
        // 06 00 0008 0000001e: version 0x06 (OF1.5), HELLO, length 8, no elements.
        Hello h = (Hello) Golden.decode(Golden.bytes("hello"));
        assertThat(h.version()).isEqualTo(6);
        assertThat(h.elements()).isEmpty();
        assertThat(h.supports(OfContext.OF13)).isTrue();
    }

    @Test
    void featuresReplyCarriesTheConfiguredDatapathId() {
        FeaturesReply f = (FeaturesReply) Golden.decode(Golden.bytes("features_reply"));
        assertThat(f.datapathId()).isEqualTo(0xa1L);
        assertThat(f.nTables()).isEqualTo(254);
        assertThat(f.xid()).isEqualTo(2);
    }

    @Test
    void portDescListsTheInternalVxlanAndLocalPorts() {
        MultipartReply r = (MultipartReply) Golden.decode(Golden.bytes("port_desc_reply"));
        List<PortDesc> ports = ((MultipartReplyBody.PortDesc) r.body()).ports();
        assertThat(ports).extracting(PortDesc::name).containsExactlyInAnyOrder("p1", "vxlan0", "br0");
        assertThat(ports).filteredOn(p -> p.name().equals("vxlan0")).extracting(PortDesc::portNo).containsExactly(2L);
        assertThat(ports).filteredOn(p -> p.name().equals("br0")).extracting(PortDesc::portNo)
                .containsExactly(0xfffffffeL);
    }

    @Test
    void flowStatsWithNiciraLearnNoteAndCtStillParse() {
        MultipartReply r = (MultipartReply) Golden.decode(Golden.bytes("flow_stats_reply"));
        List<FlowStats> flows = ((MultipartReplyBody.Flow) r.body()).entries();
        assertThat(flows).hasSize(6);
        FlowStats t20 = flows.stream().filter(f -> f.tableId() == 20).findFirst().orElseThrow();
        List<Action> actions = ((Instruction.ApplyActions) t20.instructions().get(0)).actions();
        assertThat(actions).filteredOn(a -> a instanceof Action.Nicira).extracting(a -> ((Action.Nicira) a).name())
                .containsExactly("note", "ct");
        // learn(table=40,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[]), OVS defaults otherwise
        Action.NxLearn learn = (Action.NxLearn) actions.get(0);
        assertThat(learn.tableId()).isEqualTo(40);
        assertThat(learn.priority()).isEqualTo(0x8000);
        assertThat(learn.specs().length()).isPositive();
        assertThat(actions.get(actions.size() - 1)).isEqualTo(new Action.Output(2, 0));
        FlowStats t0 = flows.stream().filter(f -> f.tableId() == 0).findFirst().orElseThrow();
        assertThat(((Instruction.ApplyActions) t0.instructions().get(0)).actions())
                .containsExactly(new Action.SetField(Oxm.reg(0, 0x10)), Action.NxResubmit.toTable(10));
    }

    @Test
    void ovsReportsMaskedValuesAndItsOwnFieldOrder() {
        MultipartReply r = (MultipartReply) Golden.decode(Golden.bytes("flow_stats_reply"));
        FlowStats f = ((MultipartReplyBody.Flow) r.body()).entries().stream()
                .filter(e -> e.tableId() == 30 && e.priority() == 21).findFirst().orElseThrow();
        // Sent as dl_dst=00:00:5e:00:53:00/ff:ff:ff:00:00:00 after tun_src; reported value & mask.
        List<OxmType> order = new ArrayList<>();
        f.match().fields().forEach(o -> order.add(((Oxm.Field) o).type()));
        assertThat(f.match().fields()).contains(new Oxm.Field(OxmType.ETH_DST, Bytes.ofHex("00005e000000"),
                Bytes.ofHex("ffffff000000")));
        assertThat(order).containsExactlyInAnyOrder(OxmType.NXM_NX_TUN_IPV4_SRC, OxmType.ETH_DST);
    }

    @Test
    void groupDescHasTwoBucketsSettingTunnelIdAndNiciraTunnelDestination() {
        MultipartReply r = (MultipartReply) Golden.decode(Golden.bytes("group_desc_reply"));
        GroupDesc g = ((MultipartReplyBody.GroupDesc) r.body()).entries().get(0);
        assertThat(g.groupId()).isEqualTo(1);
        assertThat(g.buckets()).hasSize(2);
        assertThat(g.buckets().get(0).actions()).containsExactly(new Action.SetField(Oxm.tunnelId(100)),
                new Action.SetField(new Oxm.Field(OxmType.NXM_NX_TUN_IPV4_DST, Bytes.ofHex("c6120002"), null)),
                new Action.Output(2, 0));
    }

    @Test
    void portStatusReportsThePortAddedWhileConnected() {
        io.nvo3.openflow.message.PortStatus s = (io.nvo3.openflow.message.PortStatus) Golden.decode(Golden.bytes("port_status"));
        assertThat(s.desc().name()).isEqualTo("p2");
        assertThat(s.desc().portNo()).isEqualTo(3);
        assertThat(s.reason()).isBetween(0, 2);
    }

    @Test
    void errorNamesBadPrerequisite() {
        ErrorMsg e = (ErrorMsg) Golden.decode(Golden.bytes("error_bad_prereq"));
        assertThat(e.name()).isEqualTo("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
        assertThat(e.xid()).isEqualTo(7);
        // data: the first bytes of our offending FLOW_MOD, header included.
        assertThat(e.data().get(1)).isEqualTo((byte) 14);
    }

    @Test
    void onfBundleOpenReplyIsDecodedAsBundleControl() {
        BundleControl c = (BundleControl) Golden.decode(Golden.bytes("bundle_open_reply"));
        assertThat(c.bundleId()).isEqualTo(77);
        assertThat(c.ctrlType()).isEqualTo(BundleControl.OPEN_REPLY);
        assertThat(Golden.decode(Golden.bytes("barrier_reply"))).isEqualTo(new BarrierReply(10));
    }

    @Test
    void framingSplitsConcatenatedCapturesAndWaitsOnAPartialOne() {
        byte[] a = Golden.bytes("features_reply");
        byte[] b = Golden.bytes("flow_stats_reply");
        var buf = Unpooled.buffer().writeBytes(a).writeBytes(b, 0, b.length - 1);
        assertThat(Framing.next(buf, OfContext.V13)).isInstanceOf(FrameResult.Ok.class);
        assertThat(Framing.next(buf, OfContext.V13)).isInstanceOf(FrameResult.Incomplete.class);
        buf.writeByte(b[b.length - 1]);
        assertThat(Framing.next(buf, OfContext.V13)).isInstanceOf(FrameResult.Ok.class);
    }
}
