package io.nvo3.bench.bgp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FRR 8.4's bgpd alone, without zebra ({@code -Z}: nothing reaches the kernel), read with
 * {@code vtysh show bgp <family> summary json} (pfxRcd of the feeder).
 */
final class FrrSut implements Sut {
    private static final String BGPD = "/usr/lib/frr/bgpd";
    private Process process;
    private Path dir;
    private Topology t;
    private FeedKind feed;

    public String name() {
        return "FRR " + Processes.run(List.of(BGPD, "--version")).output().lines().findFirst().orElse("?")
                .replace("bgpd version ", "");
    }

    public void start(Topology t, FeedKind feed, String cpu, Path dir) throws Exception {
        this.t = t;
        this.feed = feed;
        this.dir = dir;
        Files.writeString(dir.resolve("bgpd.conf"), config(t, feed));
        process = Processes.spawnPinned(cpu, List.of(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-Z", "-S", "-n",
                "-p", Integer.toString(t.port()), "-l", t.sutAddress(), "-P", "0", "-i", dir.resolve("bgpd.pid").toString(),
                "--vty_socket", dir.toString(), "--log", "file:" + dir.resolve("bgpd.log"), "--log-level", "warnings"),
                dir.resolve("bgpd.out"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Processes.run(vtysh("show bgp " + feed.frr + " summary json")).exit() != 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("bgpd did not come up: " + log());
            }
            Thread.sleep(100); // polling a process we just forked; there is no event to wait on
        }
    }

    static String config(Topology t, FeedKind feed) {
        StringBuilder b = new StringBuilder();
        b.append("frr defaults traditional\nhostname nvo3-bench\n!\nrouter bgp ").append(Topology.SUT_AS).append('\n');
        b.append(" bgp router-id ").append(Topology.SUT_ID.getHostAddress()).append('\n');
        b.append(" no bgp ebgp-requires-policy\n no bgp default ipv4-unicast\n no bgp network import-check\n");
        for (var n : List.of(new String[] {t.feederAddress(), Long.toString(Topology.FEEDER_AS)},
                new String[] {t.receiverAddress(), Long.toString(Topology.RECEIVER_AS)})) {
            String a = " neighbor " + n[0];
            b.append(a).append(" remote-as ").append(n[1]).append('\n');
            b.append(a).append(" passive\n");
            b.append(a).append(" timers 60 180\n");
            // The peers are on other 127/8 addresses: not "directly connected" to bgpd without zebra.
            b.append(a).append(" disable-connected-check\n");
            // The eBGP MinRouteAdvertisementInterval would pace the re-advertisement; the other daemons do not pace.
            b.append(a).append(" advertisement-interval 0\n");
        }
        b.append(" !\n address-family ").append(feed.frr).append('\n');
        b.append("  neighbor ").append(t.feederAddress()).append(" activate\n");
        b.append("  neighbor ").append(t.receiverAddress()).append(" activate\n");
        b.append(" exit-address-family\n!\n");
        return b.toString();
    }

    private List<String> vtysh(String command) {
        return List.of("vtysh", "--vty_socket", dir.toString(), "-c", command);
    }

    public long pid() {
        return process.pid();
    }

    public long accepted() {
        String json = Processes.run(vtysh("show bgp " + feed.frr + " summary json")).output();
        Matcher m = Pattern.compile(Pattern.quote("\"" + t.feederAddress() + "\"") + ":\\{.*?\"pfxRcd\":(\\d+)", Pattern.DOTALL)
                .matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    public String log() {
        return Processes.tail(dir.resolve("bgpd.out"), 20) + "\n" + Processes.tail(dir.resolve("bgpd.log"), 20);
    }

    public void close() {
        Processes.stop(process);
    }
}
