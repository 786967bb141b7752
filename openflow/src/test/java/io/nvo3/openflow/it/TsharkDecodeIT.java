package io.nvo3.openflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.message.*;
import io.nvo3.openflow.meter.MeterBand;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Wireshark's OpenFlow 1.3 dissector (tshark 4.0) finds nothing malformed in anything we send to OVS. tshark 4.0
 * only accepts the version-dispatching "openflow" in {@code -d tcp.port==P,openflow} (not "openflow_v4").
 */
@SuppressWarnings("try")
class TsharkDecodeIT {

    @Test
    void tsharkDecodesEveryMessageTypeWeSendWithoutAMalformedMark() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("nvo3-tshark-");
        Path pcap = dir.resolve("of.pcap");
        Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + port, "-w", pcap.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Files.readString(dir.resolve("tshark.log")).contains("Capturing on"));
            try (ControllerProbe ctl = new ControllerProbe(port); OvsSandbox ovs = new OvsSandbox()) {
                ovs.addBridge("nvo3of0", ctl.port());
                SwitchConnection sw = ctl.connection.get(30, TimeUnit.SECONDS);
                List<CompletableFuture<?>> replies = new ArrayList<>();
                sw.send(new EchoRequest(0, Bytes.ofHex("0102")));
                sw.send(new EchoReply(0, Bytes.EMPTY));
                replies.add(sw.request(new GetConfigRequest(0)));
                sw.send(new SetConfig(0, 0, 0xffff));
                sw.send(PipelineFlows.floodGroup());
                sw.sendAll(PipelineFlows.specials());
                sw.send(FlowMod.deleteByCookie(12, -1L));
                sw.send(new PortMod(0, 2, Bytes.ofHex("000000000002"), 0, 0, 0));
                sw.send(new TableMod(0, 0, 0));
                sw.send(new MeterMod(0, MeterMod.OFPMC_ADD, MeterMod.OFPMF_PKTPS | MeterMod.OFPMF_STATS, 1,
                        List.of(new MeterBand.Drop(100, 0))));
                // no actions: the switch drops the packet, nothing leaves the bridge
                sw.send(new PacketOut(0, PacketIn.OFP_NO_BUFFER, 0xfffffffdL, List.of(),
                        Bytes.ofHex("ffffffffffff0200000000010806" + "00".repeat(46))));
                sw.send(ErrorMsg.of(0, 1, 1, Bytes.ofHex("0405000800000001")));
                for (MultipartRequestBody body : List.of(new MultipartRequestBody.Desc(), MultipartRequestBody.Flow.all(),
                        new MultipartRequestBody.Aggregate(0xff, 0xffffffffL, 0xffffffffL, 0, 0, Match.ALL),
                        new MultipartRequestBody.Table(), new MultipartRequestBody.PortStats(0xffffffffL),
                        new MultipartRequestBody.PortDesc(), new MultipartRequestBody.Group(0xfffffffcL),
                        new MultipartRequestBody.GroupDesc(), new MultipartRequestBody.Meter(0xffffffffL))) {
                    replies.add(sw.multipart(body).exceptionally(e -> null));
                }
                replies.add(sw.request(new RoleRequest(0, RoleRequest.OFPCR_ROLE_NOCHANGE, 0)).exceptionally(e -> null));
                replies.add(sw.sendBundle(PipelineFlows.l2(3)));
                replies.add(sw.barrier());
                CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            Thread.sleep(500); // let tshark write the last packets before it is stopped
        } finally {
            tshark.destroy();
            tshark.waitFor(20, TimeUnit.SECONDS);
        }
        try {
            Process read = new ProcessBuilder("tshark", "-r", pcap.toString(), "-d", "tcp.port==" + port + ",openflow",
                    "-Y", "openflow_v4 || _ws.malformed", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                    "-e", "tcp.dstport", "-e", "openflow_v4.type", "-e", "_ws.malformed", "-e", "_ws.expert.severity")
                    .redirectErrorStream(false).start();
            String out = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(read.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Set<String> sentTypes = new TreeSet<>();
            List<String> malformed = new ArrayList<>();
            for (String line : out.split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length < 4) {
                    continue;
                }
                if (!f[2].isEmpty() || f[3].contains("8388608") /* PI_ERROR */) {
                    malformed.add(line);
                }
                if (f[0].equals(Integer.toString(port))) {
                    continue; // from the switch to us
                }
                for (String t : f[1].split(",")) {
                    if (!t.isEmpty()) {
                        sentTypes.add(t);
                    }
                }
            }
            String err = new String(read.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String context = "tshark fields:\n" + out + "\nstderr:\n" + err + "\ncapture log:\n"
                    + Files.readString(dir.resolve("tshark.log")) + "\npcap bytes: " + Files.size(pcap);
            assertThat(malformed).as("frames tshark marks malformed; %s", context).isEmpty();
            // HELLO 0, ERROR 1, ECHO_REQUEST 2, ECHO_REPLY 3, EXPERIMENTER (bundles) 4, FEATURES_REQUEST 5,
            // GET_CONFIG_REQUEST 7, SET_CONFIG 9, PACKET_OUT 13, FLOW_MOD 14, GROUP_MOD 15, PORT_MOD 16,
            // TABLE_MOD 17, MULTIPART_REQUEST 18, BARRIER_REQUEST 20, ROLE_REQUEST 24, METER_MOD 29
            assertThat(sentTypes).as(context).containsAll(List.of("0", "1", "2", "3", "4", "5", "7", "9", "13", "14", "15", "16",
                    "17", "18", "20", "24", "29"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
