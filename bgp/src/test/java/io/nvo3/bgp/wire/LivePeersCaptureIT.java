package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.attributes.PathAttribute.MpReachNlri;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.BgpMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Re-runs the golden captures against the installed GoBGP and FRR (scripts under
 * src/test/resources/golden/bgp/capture/, loopback only, everything they start is stopped and
 * their temp dirs removed by their EXIT traps) and checks that what today's peers send decodes
 * cleanly and carries the routes the scripts injected.
 */
class LivePeersCaptureIT {
    private static List<BgpMessage> capture(String script) throws Exception {
        Path scriptPath = Path.of("src/test/resources/golden/bgp/capture", script).toAbsolutePath();
        Path out = Files.createTempFile("nvo3-capture", ".hex");
        try {
            Process p = new ProcessBuilder(scriptPath.toString(), out.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroy();
                throw new AssertionError(script + " did not finish");
            }
            List<BgpMessage> msgs = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                if (!line.isBlank()) {
                    msgs.add(BgpCodec.decodeStrict(HexFormat.of().parseHex(line.strip()), Golden.CTX));
                }
            }
            return msgs;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static List<Integer> evpnRouteTypes(List<BgpMessage> msgs) {
        return msgs.stream().filter(m -> m instanceof UpdateMessage).map(m -> (UpdateMessage) m)
                .flatMap(u -> u.attribute(MpReachNlri.class).stream()).flatMap(r -> r.nlri().stream())
                .filter(n -> n instanceof EvpnRoute).map(n -> ((EvpnRoute) n).routeType()).toList();
    }

    @Test
    void gobgpRoutesDecodeCleanly() throws Exception {
        List<BgpMessage> msgs = capture("capture_gobgp.sh");
        assertThat(msgs.getFirst()).isInstanceOf(OpenMessage.class);
        assertThat(evpnRouteTypes(msgs)).contains(2, 3, 5);
    }

    @Test
    void frrRoutesDecodeCleanly() throws Exception {
        List<BgpMessage> msgs = capture("capture_frr.sh");
        assertThat(msgs.getFirst()).isInstanceOf(OpenMessage.class);
        assertThat(msgs).filteredOn(m -> m instanceof UpdateMessage u && !u.nlri().isEmpty()).isNotEmpty();
        assertThat(evpnRouteTypes(msgs)).contains(5);
    }
}
