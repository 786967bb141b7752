package io.nvo3.bench.federation;

import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 10,000-MAC churn between the domains: an {@link EvpnFeeder} peering with B as A would (iBGP, RT 65000:VNI, next hop
 * A's real VTEP) announces N MAC routes as fast as TCP takes them, and the clock stops when both of B's NVEs hold a
 * flow for every one of the N MACs (flows matching eth_dst=02:fe:00:00:00:00/ff:ff:ff:00:00:00 read through
 * {@link FlowProbe} every 10 ms, distinct MACs counted; ovs-ofctl cross-checks both ends outside the clock); then it
 * withdraws all N and the clock stops when neither NVE has any of them.
 */
final class MacChurn {
    private static final Pattern DL_DST = Pattern.compile("dl_dst=(02:fe:00:[0-9a-f:]{8})");
    private static final String MATCH = "dl_dst=02:fe:00:00:00:00/ff:ff:ff:00:00:00";
    private static final byte[] PREFIX = {0x02, (byte) 0xfe, 0, 0, 0, 0};
    private static final byte[] MASK = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0};
    /** Pause between two reads of one NVE's flows: a full read of 10k flows costs OVS tens of ms. */
    static final Duration POLL = Duration.ofMillis(10);

    record Figures(int macs, double addMs, double withdrawMs, double meanReadMs, long reads) {
    }

    private MacChurn() {
    }

    static Figures run(Federation f, int macs, Duration timeout) throws Exception {
        List<Nlri> routes = EvpnFeeder.routes(macs, Federation.VNI, feederId());
        List<byte[]> withdraw = EvpnFeeder.withdrawals(routes);
        try (EvpnFeeder feeder = connect(f); FlowProbe probe = new FlowProbe(f.bNves)) {
            double addMs = announce(f, feeder, probe, routes, timeout) / 1e6;
            System.err.printf("churn: %d MACs on both B NVEs after %.0f ms%n", macs, addMs);
            for (var hv : f.bNves) { // cross-check with the real ovs-ofctl, outside the clock
                int n = distinctOfctl(FlowProbe.ofctl(hv, MATCH));
                if (n != macs) {
                    throw new IllegalStateException(hv.name() + ": ovs-ofctl shows " + n + " of the " + macs + " MACs");
                }
            }
            long t2 = feeder.stream(withdraw);
            long t3 = probe.awaitAll(PREFIX, MASK, null, flows -> distinctMacs(flows) == 0, POLL, timeout);
            for (var hv : f.bNves) {
                int n = distinctOfctl(FlowProbe.ofctl(hv, MATCH));
                if (n != 0) {
                    throw new IllegalStateException(hv.name() + ": ovs-ofctl still shows " + n + " of the MACs");
                }
            }
            return new Figures(macs, addMs, (t3 - t2) / 1e6, probe.meanReadMs(), probe.polls());
        }
    }

    /**
     * Announces {@code macs} MAC routes to B as another domain would and returns once both B NVEs hold all of them:
     * the background of a plug run at scale. Closing the returned feeder ends its session (B withdraws them).
     */
    static EvpnFeeder preload(Federation f, int macs, Duration timeout) throws Exception {
        EvpnFeeder feeder = connect(f);
        try (FlowProbe probe = new FlowProbe(f.bNves)) {
            long ns = announce(f, feeder, probe, EvpnFeeder.routes(macs, Federation.VNI, feederId()), timeout);
            System.err.printf("background: %d MACs on both B NVEs after %.0f ms%n", macs, ns / 1e6);
            return feeder;
        } catch (Exception | Error e) {
            feeder.close();
            throw e;
        }
    }

    private static Inet4Address feederId() throws java.net.UnknownHostException {
        return (Inet4Address) InetAddress.getByName("198.19.0.73");
    }

    /** The feeder peering with B as another domain, once B has it Established. */
    private static EvpnFeeder connect(Federation f) throws Exception {
        EvpnFeeder feeder = EvpnFeeder.connect(Federation.FEEDER, new InetSocketAddress(Federation.B_BGP, f.bBgpPort),
                feederId(), Federation.UP);
        try {
            Federation.waitFor("feeder Established at B", () -> f.b.neighborEstablished(Federation.FEEDER));
            return feeder;
        } catch (Exception | Error e) {
            feeder.close();
            throw e;
        }
    }

    /** Streams the routes (next hop A's VTEP); nanoseconds until both B NVEs hold a flow for each of their MACs. */
    private static long announce(Federation f, EvpnFeeder feeder, FlowProbe probe, List<Nlri> routes, Duration timeout)
            throws Exception {
        int macs = routes.size();
        long t0 = feeder.stream(EvpnFeeder.announcements(routes, Federation.VNI, f.ha.vtep()));
        long t1 = probe.awaitAll(PREFIX, MASK, null, flows -> distinctMacs(flows) == macs, POLL, timeout);
        return t1 - t0;
    }

    static int distinctMacs(List<MgmtFlowReader.Flow> flows) {
        Set<String> seen = new HashSet<>();
        for (MgmtFlowReader.Flow fl : flows) {
            if (fl.ethDst() != null && fl.ethDst().startsWith("02:fe:00:")) {
                seen.add(fl.ethDst());
            }
        }
        return seen.size();
    }

    static int distinctOfctl(List<String> flows) {
        Set<String> seen = new HashSet<>();
        for (String l : flows) {
            Matcher m = DL_DST.matcher(l);
            if (m.find()) {
                seen.add(m.group(1));
            }
        }
        return seen.size();
    }
}
