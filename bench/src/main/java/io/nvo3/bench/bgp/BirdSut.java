package io.nvo3.bench.bgp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIRD 2.0 in the foreground, read with {@code birdc show protocols all feeder} ("Routes: N imported").
 * No kernel protocol: routes stay in BIRD's tables. A static 198.18.0.0/15 via lo (also only in BIRD's
 * table) resolves the feed's next hop, as the multihop sessions need.
 */
final class BirdSut implements Sut {
    private static final Pattern IMPORTED = Pattern.compile("Routes:\\s+(\\d+) imported");
    private Process process;
    private Path dir;

    public String name() {
        return "BIRD " + Processes.run(List.of("bird", "--version")).output().trim().replace("BIRD version ", "");
    }

    @Override
    public boolean supports(FeedKind feed) {
        return feed != FeedKind.EVPN;
    }

    public void start(Topology t, FeedKind feed, String cpu, Path dir) throws Exception {
        this.dir = dir;
        Files.writeString(dir.resolve("bird.conf"), config(t, feed, dir));
        process = Processes.spawnPinned(cpu, List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s", sock(),
                "-P", dir.resolve("bird.pid").toString()), dir.resolve("bird.out"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Processes.run(List.of("birdc", "-s", sock(), "show", "status")).exit() != 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("bird did not come up: " + log());
            }
            Thread.sleep(100); // polling a process we just forked; there is no event to wait on
        }
    }

    static String config(Topology t, FeedKind feed, Path dir) {
        if (feed == FeedKind.EVPN) {
            throw new IllegalArgumentException("BIRD 2.0 has no EVPN");
        }
        StringBuilder b = new StringBuilder();
        b.append("log \"").append(dir.resolve("bird.log")).append("\" { warning, error, fatal, bug };\n");
        b.append("router id ").append(Topology.SUT_ID.getHostAddress()).append(";\n");
        b.append("protocol device {}\n");
        b.append("protocol static nexthops { ipv4; route 198.18.0.0/15 via \"lo\"; }\n");
        if (feed == FeedKind.VPNV4) {
            b.append("vpn4 table vpntab4;\n");
        }
        String channel = feed == FeedKind.IPV4 ? "ipv4 {" : "vpn4 mpls { table vpntab4; igp table master4;";
        proto(b, "feeder", t, t.feederAddress(), Topology.FEEDER_AS, channel + " import all; export none; };");
        proto(b, "receiver", t, t.receiverAddress(), Topology.RECEIVER_AS,
                channel + " import none; export where source = RTS_BGP; };");
        return b.toString();
    }

    private static void proto(StringBuilder b, String name, Topology t, String neighbor, long as, String channel) {
        b.append("protocol bgp ").append(name).append(" {\n");
        b.append("  local ").append(t.sutAddress()).append(" port ").append(t.port()).append(" as ").append(Topology.SUT_AS).append(";\n");
        b.append("  neighbor ").append(neighbor).append(" as ").append(as).append(";\n");
        // 127/8 on lo is not a directly connected network for BIRD: eBGP over it needs multihop.
        b.append("  passive on;\n  multihop;\n  hold time 180;\n");
        b.append("  ").append(channel).append("\n}\n");
    }

    private String sock() {
        return dir.resolve("bird.ctl").toString();
    }

    public long pid() {
        return process.pid();
    }

    public long accepted() {
        Matcher m = IMPORTED.matcher(Processes.run(List.of("birdc", "-s", sock(), "show", "protocols", "all", "feeder")).output());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** {@code birdc show route count} of the table the feed goes to (IPv4: master4 also holds the static 198.18.0.0/15). */
    @Override
    public java.util.Optional<String> tableNote(FeedKind feed) {
        String table = feed == FeedKind.VPNV4 ? "vpntab4" : "master4";
        String out = Processes.run(List.of("birdc", "-s", sock(), "show", "route", "table", table, "count")).output();
        Matcher m = Pattern.compile("(\\d+) of (\\d+) routes for (\\d+) networks").matcher(out);
        return java.util.Optional.of(m.find() ? "birdc: " + m.group(2) + " routes for " + m.group(3) + " networks in " + table
                : "birdc route count unreadable: " + out.trim());
    }

    public String log() {
        return Processes.tail(dir.resolve("bird.out"), 20) + "\n" + Processes.tail(dir.resolve("bird.log"), 20);
    }

    public void close() {
        Processes.stop(process);
    }
}
