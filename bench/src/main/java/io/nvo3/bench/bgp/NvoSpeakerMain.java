package io.nvo3.bench.bgp;

import io.nvo3.bgp.speaker.BgpSpeaker;
import io.nvo3.bgp.speaker.NeighborConfig;
import io.nvo3.bgp.speaker.NeighborStatus;
import io.nvo3.bgp.speaker.SpeakerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nvo3 system under test: the embeddable {@link BgpSpeaker} alone (no controller, no store), with
 * the benchmark's two passive eBGP neighbors for one family. Driven over stdin, one command a line,
 * answered on stdout with a line starting {@code @@}:
 * <ul>
 *   <li>{@code status} → {@code @@ accepted=N advertised=M} (feeder's accepted routes, routes advertised to the receiver);
 *   <li>{@code gc} → {@code @@ heapUsed=B heapCommitted=B gc=NAMES} after {@link System#gc()};
 *   <li>end of input → close the speaker and exit.
 * </ul>
 * Arguments: {@code SUT_ADDR PORT FEEDER_ADDR RECEIVER_ADDR FEED}.
 */
public final class NvoSpeakerMain {
    private NvoSpeakerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: NvoSpeakerMain SUT_ADDR PORT FEEDER_ADDR RECEIVER_ADDR ipv4|vpnv4|evpn");
            System.exit(2);
        }
        InetAddress us = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        InetAddress feeder = InetAddress.getByName(args[2]);
        InetAddress receiver = InetAddress.getByName(args[3]);
        FeedKind feed = FeedKind.parse(args[4]);
        List<NeighborConfig> neighbors = List.of(
                NeighborConfig.of(feeder, 179, Topology.FEEDER_AS, Set.of(feed.family)).withPassive(true).withHoldTime(180)
                        .withLocalAddress(us),
                NeighborConfig.of(receiver, 179, Topology.RECEIVER_AS, Set.of(feed.family)).withPassive(true).withHoldTime(180)
                        .withLocalAddress(us));
        try (BgpSpeaker speaker = BgpSpeaker.start(SpeakerConfig.of(Topology.SUT_AS, Topology.SUT_ID,
                Optional.of(new InetSocketAddress(us, port)), neighbors))) {
            System.out.println("@@ ready " + speaker.listenAddress().orElseThrow());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "status" -> {
                        long accepted = 0;
                        long advertised = 0;
                        for (NeighborStatus s : speaker.neighbors()) {
                            if (s.address().equals(feeder)) {
                                accepted = s.accepted();
                            } else if (s.address().equals(receiver)) {
                                advertised = s.advertised();
                            }
                        }
                        System.out.println("@@ accepted=" + accepted + " advertised=" + advertised);
                    }
                    case "gc" -> {
                        System.gc();
                        MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                                .collect(Collectors.joining("+"));
                        System.out.println("@@ heapUsed=" + h.getUsed() + " heapCommitted=" + h.getCommitted() + " heapMax="
                                + h.getMax() + " gc=" + gcs.replace(' ', '_'));
                    }
                    default -> System.out.println("@@ error unknown command " + line);
                }
                System.out.flush();
            }
        }
    }
}
