package io.nvo3.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An FRR BGP peer: {@code bgpd} alone (no zebra: {@code -Z}) on a loopback address and port with a
 * generated config, read and driven with {@code vtysh --vty_socket DIR}. The vty TCP port is off
 * ({@code -P 0}) so nothing listens beyond the BGP socket. Stopped on close.
 *
 * <pre>{@code
 * try (Frr frr = Frr.builder(65010, "127.0.0.2")
 *         .routerBgp("neighbor 127.0.0.1 remote-as 65001", "neighbor 127.0.0.1 port 1790",
 *                    "address-family l2vpn evpn", " neighbor 127.0.0.1 activate", "exit-address-family")
 *         .start()) {
 *     String rib = frr.vtysh("show bgp l2vpn evpn");
 * }
 * }</pre>
 */
public final class Frr implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Frr.class);
    static final String BGPD_PROPERTY = "nvo3.testbed.bgpd";

    private final Path dir;
    private final String address;
    private final int bgpPort;
    private final ChildDaemon daemon;

    /** Options of a bgpd instance. */
    public static final class Builder {
        private final long asn;
        private final String routerId;
        private String address;
        private int bgpPort;
        private final List<String> routerBgp = new ArrayList<>();
        private String fullConfig;
        private Duration timeout = Duration.ofSeconds(20);

        private Builder(long asn, String routerId) {
            this.asn = asn;
            this.routerId = routerId;
            this.address = routerId.startsWith("127.") ? routerId : "127.0.0.1";
        }

        /** Where bgpd listens: a 127.0.0.0/8 address and a port (0 = pick a free one). */
        public Builder listen(String address, int port) {
            this.address = LoopbackPorts.requireLoopback(address);
            this.bgpPort = port;
            return this;
        }

        /** Lines added inside {@code router bgp ASN} after the router id (neighbors, address families). */
        public Builder routerBgp(String... lines) {
            routerBgp.addAll(List.of(lines));
            return this;
        }

        /** Replaces the generated configuration entirely. */
        public Builder config(String bgpdConf) {
            this.fullConfig = bgpdConf;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Frr start() {
            return new Frr(this);
        }
    }

    public static Builder builder(long asn, String routerId) {
        return new Builder(asn, routerId);
    }

    private Frr(Builder b) {
        this.address = b.address;
        this.bgpPort = b.bgpPort != 0 ? b.bgpPort : LoopbackPorts.freePort(b.address);
        this.dir = StaleCleaner.newStateDir();
        String conf = b.fullConfig != null ? b.fullConfig : generate(b, dir);
        Path confFile = dir.resolve("bgpd.conf");
        try {
            Files.writeString(confFile, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // -S: stay root (no frr user/group switch), -Z: no zebra, -P 0: no vty TCP listener.
        this.daemon = new ChildDaemon("bgpd", dir, List.of(bgpd(), "-f", confFile.toString(), "-Z", "-S",
                "-p", Integer.toString(bgpPort), "-l", address, "-P", "0", "-i", dir.resolve("bgpd.pid").toString(),
                "--vty_socket", dir.toString(), "--log", "file:" + dir.resolve("bgpd.log")));
        try {
            Await.until("bgpd vty in " + dir, b.timeout, () -> {
                daemon.requireAlive();
                return Files.exists(dir.resolve("bgpd.vty"))
                        && ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), command("show bgp summary"))
                        .succeeded();
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("bgpd did not come up:\n" + daemon.output(), e);
        }
        LOG.info("bgpd AS {} up on {}:{}, vty socket dir {}", b.asn, address, bgpPort, dir);
    }

    private static String generate(Builder b, Path dir) {
        StringBuilder sb = new StringBuilder();
        sb.append("hostname nvo3tb-").append(dir.getFileName()).append('\n');
        sb.append("log file ").append(dir.resolve("bgpd.log")).append('\n');
        sb.append("!\nrouter bgp ").append(b.asn).append('\n');
        sb.append(" bgp router-id ").append(b.routerId).append('\n');
        sb.append(" no bgp default ipv4-unicast\n");
        sb.append(" no bgp ebgp-requires-policy\n");
        for (String line : b.routerBgp) {
            sb.append(' ').append(line).append('\n');
        }
        sb.append("!\n");
        return sb.toString();
    }

    /** The bgpd binary, which is not on PATH ({@code dpkg -L frr | grep /bgpd$}). */
    static String bgpd() {
        String p = System.getProperty(BGPD_PROPERTY, "/usr/lib/frr/bgpd");
        if (!Files.isExecutable(Path.of(p))) {
            throw new IllegalStateException("no bgpd at " + p + " (install frr, or set -D" + BGPD_PROPERTY + ")");
        }
        return p;
    }

    private List<String> command(String... vtyCommands) {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString()));
        for (String c : vtyCommands) {
            cmd.add("-c");
            cmd.add(c);
        }
        return cmd;
    }

    /** Runs {@code vtysh --vty_socket DIR -c CMD...}; returns stdout, throws on failure. */
    public String vtysh(String... commands) {
        return ProcessRunner.check(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), command(commands)).stdout();
    }

    /** Applies configuration lines: {@code configure terminal}, the lines, {@code end}. */
    public void configure(String... lines) {
        List<String> all = new ArrayList<>(List.of("configure terminal"));
        all.addAll(List.of(lines));
        all.add("end");
        vtysh(all.toArray(String[]::new));
    }

    public String address() {
        return address;
    }

    public int bgpPort() {
        return bgpPort;
    }

    /** bgpd's own log file so far. */
    public String log() {
        try {
            Path f = dir.resolve("bgpd.log");
            return Files.exists(f) ? Files.readString(f) : daemon.output();
        } catch (IOException e) {
            return daemon.output();
        }
    }

    /** Config, pidfile, vty socket and logs; removed on close. */
    public Path stateDir() {
        return dir;
    }

    /** Pid of bgpd. */
    public long pid() {
        return daemon.pid();
    }

    @Override
    public void close() {
        try {
            daemon.stop(Duration.ofSeconds(10));
        } finally {
            StaleCleaner.deleteTree(dir);
        }
    }
}
