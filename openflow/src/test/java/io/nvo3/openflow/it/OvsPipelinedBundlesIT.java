package io.nvo3.openflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.channel.OpenFlowErrorException;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pipelined bundles and masked fields against a real Open vSwitch 3.1 (userspace datapath, loopback controller). */
@SuppressWarnings("try")
class OvsPipelinedBundlesIT {

    @Test
    void pipelinedBundlesCommitInOrderAndStopAtTheFirstRejectedOne() throws Exception {
        try (ControllerProbe ctl = new ControllerProbe(0); OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridge("nvo3of0", ctl.port());
            SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
            List<FlowMod> all = PipelineFlows.l2(3_000);
            List<FlowMod> first = all.subList(0, 1_000);
            List<FlowMod> second = new ArrayList<>(all.subList(1_000, 2_000));
            // ip_proto without eth_type: OpenFlow 1.3.5 §7.2.3.6 prerequisite missing
            second.add(500, FlowMod.add(0, 1, 0, Match.of(Oxm.ipProto(6)), List.of()));
            List<FlowMod> third = all.subList(2_000, 3_000);

            CompletableFuture<Void> done = sw.sendBundles(List.of(first, second, third));

            assertThatThrownBy(() -> done.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(OpenFlowErrorException.class)
                    .hasMessageContaining("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
            sw.barrier().get(30, TimeUnit.SECONDS);
            // The first bundle committed; the rejected one and the one after it changed nothing.
            assertThat(flows(sw)).hasSize(first.size());
        }
    }

    @Test
    void pipelinedBundlesInstallEveryFlow() throws Exception {
        try (ControllerProbe ctl = new ControllerProbe(0); OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridge("nvo3of0", ctl.port());
            SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
            List<FlowMod> all = PipelineFlows.l2(5_000);

            sw.sendBundles(List.of(all.subList(0, 2_000), all.subList(2_000, 4_000), all.subList(4_000, 5_000)))
                    .get(60, TimeUnit.SECONDS);

            assertThat(flows(sw)).hasSize(all.size());
            assertThat(ctl.errors).isEmpty();
        }
    }

    /** OVS 3.1 accepts a masked nd_target from another tool and reports it masked: reading it back must work. */
    @Test
    void readsBackAFlowWithAMaskedNdTargetAddedByOvsOfctl() throws Exception {
        try (ControllerProbe ctl = new ControllerProbe(0); OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridge("nvo3of0", ctl.port());
            SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
            ovs.ofctl("add-flow", "nvo3of0",
                    "table=40,priority=5,icmp6,icmp_type=135,nd_target=2001:db8::/64,actions=drop");

            List<FlowStats> flows = flows(sw);

            assertThat(flows).singleElement().satisfies(f -> assertThat(f.match().fields()).contains(
                    new Oxm.Field(OxmType.IPV6_ND_TARGET, Bytes.ofHex("20010db8000000000000000000000000"),
                            Bytes.ofHex("ffffffffffffffff0000000000000000"))));
        }
    }

    private static List<FlowStats> flows(SwitchConnection sw) throws Exception {
        var reply = (MultipartReplyBody.Flow) sw.multipart(MultipartRequestBody.Flow.all()).get(30, TimeUnit.SECONDS);
        return reply.entries();
    }
}
