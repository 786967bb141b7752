package io.nvo3.bench.bgp;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GoBGP's gobgpd with a TOML config, read with {@code gobgp neighbor ADDR -j} (the accepted count). */
final class GoBgpSut implements Sut {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private Process process;
    private Path dir;
    private Topology t;
    private int apiPort;

    public String name() {
        return "GoBGP " + Processes.run(List.of("gobgpd", "--version")).output().trim().replace("gobgpd version ", "");
    }

    public void start(Topology t, FeedKind feed, String cpu, Path dir) throws Exception {
        this.t = t;
        this.dir = dir;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(t.sut(), 0));
            apiPort = s.getLocalPort();
        }
        Files.writeString(dir.resolve("gobgpd.toml"), config(t, feed));
        process = Processes.spawnPinned(cpu, List.of("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "-t", "toml",
                "--api-hosts=" + t.sutAddress() + ":" + apiPort, "--log-plain", "-l", "warn"), dir.resolve("gobgpd.log"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Processes.run(cli("global")).exit() != 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("gobgpd did not come up: " + log());
            }
            Thread.sleep(100); // polling a process we just forked; there is no event to wait on
        }
    }

    static String config(Topology t, FeedKind feed) {
        StringBuilder b = new StringBuilder();
        b.append("[global.config]\n  as = ").append(Topology.SUT_AS).append("\n  router-id = \"")
                .append(Topology.SUT_ID.getHostAddress()).append("\"\n  port = ").append(t.port())
                .append("\n  local-address-list = [\"").append(t.sutAddress()).append("\"]\n");
        for (var n : List.of(new Object[] {t.feederAddress(), Topology.FEEDER_AS}, new Object[] {t.receiverAddress(), Topology.RECEIVER_AS})) {
            b.append("\n[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"").append(n[0])
                    .append("\"\n    peer-as = ").append(n[1]).append('\n');
            b.append("  [neighbors.timers.config]\n    hold-time = 180\n    keepalive-interval = 60\n");
            b.append("  [neighbors.transport.config]\n    local-address = \"").append(t.sutAddress())
                    .append("\"\n    passive-mode = true\n");
            b.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"").append(feed.gobgp)
                    .append("\"\n");
        }
        return b.toString();
    }

    private List<String> cli(String... args) {
        var c = new java.util.ArrayList<>(List.of("gobgp", "-u", t.sutAddress(), "-p", Integer.toString(apiPort)));
        c.addAll(List.of(args));
        return c;
    }

    public long pid() {
        return process.pid();
    }

    public long accepted() {
        Matcher m = ACCEPTED.matcher(Processes.run(cli("neighbor", t.feederAddress(), "-j")).output());
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    public String log() {
        return Processes.tail(dir.resolve("gobgpd.log"), 30);
    }

    public void close() {
        Processes.stop(process);
    }
}
