package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the speaker a large IPv4 unicast table from a raw socket (pre-encoded UPDATEs, 1000
 * attribute sets) and reports ingest time and retained heap per route. Size with
 * {@code -Dnvo3.feed.routes=N} (default 200 000; prefixes come from 198.18.0.0/15, at most 262 142).
 */
class FeedScaleIT {
    private static final Logger LOG = LoggerFactory.getLogger(FeedScaleIT.class);

    static List<IpPrefix> prefixes(int n) {
        List<IpPrefix> out = new ArrayList<>(n);
        for (int len = 32; len >= 16 && out.size() < n; len--) {
            int count = 1 << (len - 15);
            for (int i = 0; i < count && out.size() < n; i++) {
                long addr = 0xC6120000L + ((long) i << (32 - len));
                byte[] b = {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
                try {
                    out.add(IpPrefix.of(InetAddress.getByAddress(b), len));
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void ingestsALargeFeed() throws Exception {
        int n = Integer.getInteger("nvo3.feed.routes", 200_000);
        List<IpPrefix> prefixes = prefixes(n);
        assertThat(prefixes).hasSize(n);
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        String feeder = Loopback.address();
        CodecContext ctx = CodecContext.MODERN_IBGP.withExternalPeer(true);
        // Pre-encode the feed: 1000 attribute sets (MED varies), as many NLRI per UPDATE as fit.
        List<byte[]> updates = new ArrayList<>();
        int perUpdate = 700;
        for (int i = 0; i < n; i += perUpdate) {
            int set = (i / perUpdate) % 1000;
            List<PathAttribute> attrs = List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                    new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65020, 64512 + set % 50))),
                    new PathAttribute.NextHop((Inet4Address) ip("198.18.0.20")), new PathAttribute.MultiExitDisc(set));
            updates.add(BgpCodec.encode(new UpdateMessage(List.of(), attrs, prefixes.subList(i, Math.min(n, i + perUpdate))), ctx));
        }
        prefixes = null;
        long before = usedHeap();
        try (BgpSpeaker s = SpeakerGoBgpIT.speaker(us, port, NeighborConfig.of(ip(feeder), 179, 65020, Set.of(AfiSafi.IPV4_UNICAST))
                .withPassive(true).withHoldTime(0));
                Socket sock = new Socket()) {
            sock.bind(new InetSocketAddress(ip(feeder), 0));
            sock.connect(new InetSocketAddress(ip(us), port));
            OutputStream out = new BufferedOutputStream(sock.getOutputStream(), 1 << 16);
            DataInputStream in = new DataInputStream(sock.getInputStream());
            out.write(BgpCodec.encode(OpenMessage.of(65020, 0, (Inet4Address) ip("198.19.20.1"),
                    List.of(new Capability.Multiprotocol(AfiSafi.IPV4_UNICAST), new Capability.FourOctetAs(65020))), CodecContext.INITIAL));
            out.flush();
            readMessage(in); // OPEN
            readMessage(in); // KEEPALIVE
            out.write(BgpCodec.encode(KeepaliveMessage.INSTANCE, ctx));
            long t0 = System.nanoTime();
            for (byte[] u : updates) {
                out.write(u);
            }
            out.flush();
            updates = null;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> s.neighbors().getFirst().accepted() == n);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long after = usedHeap();
            double perRoute = (after - before) / (double) n;
            LOG.info("feed of {} routes ingested in {} ms ({} routes/s), heap +{} MB, {} bytes/route", n, ms,
                    n * 1000L / Math.max(1, ms), (after - before) >> 20, Math.round(perRoute));
            assertThat(s.rib(AfiSafi.IPV4_UNICAST)).hasSize(n);
        }
    }

    private static byte[] readMessage(DataInputStream in) throws Exception {
        byte[] header = new byte[19];
        in.readFully(header);
        int len = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
        byte[] body = new byte[len - 19];
        in.readFully(body);
        return body;
    }
}
