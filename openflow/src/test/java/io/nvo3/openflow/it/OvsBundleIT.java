package io.nvo3.openflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.openflow.channel.OpenFlowErrorException;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.flow.FlowSpec;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.GroupDesc;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Against a real Open vSwitch 3.1 (userspace datapath, root namespace, loopback controller). */
@SuppressWarnings("try")
class OvsBundleIT {
    private static final Logger LOG = LoggerFactory.getLogger(OvsBundleIT.class);

    @Test
    void installsTenThousandFlowsAndAVxlanFloodGroupByBundleAndReadsThemBackEqual() throws Exception {
        try (ControllerProbe ctl = new ControllerProbe(0); OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridge("nvo3of0", ctl.port());
            SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
            assertThat(sw.datapathId()).isEqualTo(0xb1L);
            assertThat(sw.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");

            GroupMod group = PipelineFlows.floodGroup();
            List<FlowMod> flows = new ArrayList<>(PipelineFlows.specials());
            flows.addAll(PipelineFlows.l2(10_000));
            List<OfMessage> bundle = new ArrayList<>();
            bundle.add(group);
            bundle.addAll(flows);
            sw.sendBundle(bundle).get(120, TimeUnit.SECONDS);
            sw.barrier().get(30, TimeUnit.SECONDS);
            assertThat(ctl.errors).isEmpty();

            var reply = (MultipartReplyBody.Flow) sw.multipart(MultipartRequestBody.Flow.all()).get(60, TimeUnit.SECONDS);
            Set<FlowSpec> installed = new HashSet<>();
            reply.entries().forEach(e -> installed.add(FlowSpec.of(e)));
            Set<FlowSpec> desired = new HashSet<>();
            flows.forEach(f -> desired.add(FlowSpec.of(f)));
            assertThat(reply.entries()).hasSize(flows.size());
            Set<FlowSpec> missing = new HashSet<>(desired);
            missing.removeAll(installed);
            Set<FlowSpec> unexpected = new HashSet<>(installed);
            unexpected.removeAll(desired);
            assertThat(missing).as("desired but not reported").isEmpty();
            assertThat(unexpected).as("reported but not desired").isEmpty();

            var groups = (MultipartReplyBody.GroupDesc) sw.multipart(new MultipartRequestBody.GroupDesc())
                    .get(30, TimeUnit.SECONDS);
            assertThat(groups.entries()).containsExactly(new GroupDesc(group.groupType(), group.groupId(),
                    group.buckets()));
            assertThat(ovs.ofctl("dump-groups", "nvo3of0")).contains("set_field:198.18.0.2->tun_dst");
        }
    }

    @Test
    void aBundleWithOneBadFlowChangesNothingAndNamesTheError() throws Exception {
        try (ControllerProbe ctl = new ControllerProbe(0); OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridge("nvo3of0", ctl.port());
            SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
            List<FlowMod> flows = new ArrayList<>(PipelineFlows.l2(100));
            // ip_proto without eth_type: OpenFlow 1.3.5 §7.2.3.6 prerequisite missing
            flows.add(50, FlowMod.add(0, 1, 0, Match.of(Oxm.ipProto(6)), List.of()));
            CompletableFuture<Void> done = sw.sendBundle(flows);
            assertThatThrownBy(() -> done.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(OpenFlowErrorException.class)
                    .hasMessageContaining("OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ");
            sw.barrier().get(30, TimeUnit.SECONDS);
            var reply = (MultipartReplyBody.Flow) sw.multipart(MultipartRequestBody.Flow.all()).get(30, TimeUnit.SECONDS);
            assertThat(reply.entries()).isEmpty();
        }
    }

    /** Measurement, not an assertion of speed: 100k flows by bundles vs `ovs-ofctl --bundle add-flows`. */
    @Test
    void measuresHundredThousandFlowsByBundleAgainstOvsOfctl() throws Exception {
        int n = 100_000;
        List<FlowMod> flows = PipelineFlows.l2(n);
        double ours;
        double ofctl;
        try (ControllerProbe ctl = new ControllerProbe(0); OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridge("nvo3of0", ctl.port());
            SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            List<CompletableFuture<Void>> bundles = new ArrayList<>();
            int perBundle = Integer.getInteger("nvo3.bench.perBundle", 25_000);
            for (int i = 0; i < n; i += perBundle) {
                bundles.add(sw.sendBundle(flows.subList(i, Math.min(n, i + perBundle))));
            }
            CompletableFuture.allOf(bundles.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            sw.barrier().get(60, TimeUnit.SECONDS);
            ours = (System.nanoTime() - t0) / 1e9;
            var agg = (MultipartReplyBody.Aggregate) sw.multipart(new MultipartRequestBody.Aggregate(0xff,
                    0xffffffffL, 0xffffffffL, 0, 0, Match.ALL)).get(60, TimeUnit.SECONDS);
            assertThat(agg.flowCount()).isEqualTo(n);
        }
        try (OvsSandbox ovs = new OvsSandbox()) {
            ovs.addBridgeWithoutController("nvo3of0");
            Path file = ovs.dir.resolve("flows.txt");
            Files.write(file, PipelineFlows.l2Text(n));
            long t0 = System.nanoTime();
            ovs.ofctl("--bundle", "add-flows", "nvo3of0", file.toString());
            ofctl = (System.nanoTime() - t0) / 1e9;
            assertThat(ovs.ofctl("dump-aggregate", "nvo3of0")).contains("flow_count=" + n);
        }
        LOG.info("MEASURE 100k flows: nvo3 bundles {} s ({} flows/s); ovs-ofctl --bundle add-flows {} s ({} flows/s)",
                String.format("%.2f", ours), Math.round(n / ours), String.format("%.2f", ofctl), Math.round(n / ofctl));
        System.out.printf("MEASURE 100k flows: nvo3 bundles %.2f s (%d flows/s); ovs-ofctl --bundle %.2f s (%d flows/s)%n",
                ours, Math.round(n / ours), ofctl, Math.round(n / ofctl));
    }
}
