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
 * A GoBGP peer: {@code gobgpd} alone on a loopback address and port with a generated TOML config, its
 * gRPC API on {@code 127.0.0.1:apiPort}, driven through the {@code gobgp} CLI. Stopped on close.
 *
 * <pre>{@code
 * try (GoBgp peer = GoBgp.builder(65020, "127.0.0.4").start()) {
 *     peer.cli("neighbor", "add", "127.0.0.2", "as", "65010", "family", "l2vpn-evpn");
 *     peer.cli("global", "rib", "-a", "evpn", "add", "macadv", mac, ip, "etag", "0", "label", "100",
 *             "rd", "198.18.0.1:100", "rt", "65020:100", "encap", "vxlan");
 * }
 * }</pre>
 */
public final class GoBgp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GoBgp.class);

    private final Path dir;
    private final String address;
    private final int bgpPort;
    private final int apiPort;
    private final ChildDaemon daemon;

    /** Options of a gobgpd instance. */
    public static final class Builder {
        private final long asn;
        private final String routerId;
        private String address;
        private int bgpPort;
        private int apiPort;
        private String extraToml = "";
        private Duration timeout = Duration.ofSeconds(20);

        private Builder(long asn, String routerId) {
            this.asn = asn;
            this.routerId = routerId;
            this.address = routerId.startsWith("127.") ? routerId : "127.0.0.1";
        }

        /** Where gobgpd listens for BGP: a 127.0.0.0/8 address and a port (0 = pick a free one). */
        public Builder listen(String address, int port) {
            this.address = LoopbackPorts.requireLoopback(address);
            this.bgpPort = port;
            return this;
        }

        /** The gRPC API port on 127.0.0.1 (0 = pick a free one). */
        public Builder apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        /** TOML appended to the generated {@code [global.config]} (e.g. {@code [[neighbors]]} tables). */
        public Builder extraToml(String toml) {
            this.extraToml = toml;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public GoBgp start() {
            return new GoBgp(this);
        }
    }

    public static Builder builder(long asn, String routerId) {
        return new Builder(asn, routerId);
    }

    /**
     * TOML for {@link Builder#extraToml}: a neighbor that connects to GoBGP (GoBGP passive, from {@code localAddress}),
     * with {@code families} (GoBGP's names, e.g. {@code l2vpn-evpn}); a route-reflector client of cluster
     * {@code clusterId} unless it is null.
     */
    public static String passiveNeighborToml(String address, long as, String localAddress, String clusterId,
                                             String... families) {
        StringBuilder toml = new StringBuilder("""

                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "%s"
                    peer-as = %d
                  [neighbors.transport.config]
                    passive-mode = true
                    local-address = "%s"
                """.formatted(address, as, localAddress));
        if (clusterId != null) {
            toml.append("""
                      [neighbors.route-reflector.config]
                        route-reflector-client = true
                        route-reflector-cluster-id = "%s"
                    """.formatted(clusterId));
        }
        for (String f : families) {
            toml.append("""
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "%s"
                    """.formatted(f));
        }
        return toml.toString();
    }

    private GoBgp(Builder b) {
        this.address = b.address;
        this.bgpPort = b.bgpPort != 0 ? b.bgpPort : LoopbackPorts.freePort(b.address);
        this.apiPort = b.apiPort != 0 ? b.apiPort : LoopbackPorts.freePort("127.0.0.1");
        this.dir = StaleCleaner.newStateDir();
        String toml = """
                [global.config]
                  as = %d
                  router-id = "%s"
                  port = %d
                  local-address-list = ["%s"]
                """.formatted(b.asn, b.routerId, bgpPort, address) + b.extraToml;
        Path conf = dir.resolve("gobgpd.toml");
        try {
            Files.writeString(conf, toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.daemon = new ChildDaemon("gobgpd", dir, List.of("gobgpd", "-f", conf.toString(),
                "--api-hosts=127.0.0.1:" + apiPort, "--log-plain", "--pprof-disable"));
        try {
            Await.until("gobgpd API on 127.0.0.1:" + apiPort, b.timeout, () -> {
                daemon.requireAlive();
                return ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), command("global")).succeeded();
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("gobgpd did not come up:\n" + daemon.output(), e);
        }
        LOG.info("gobgpd AS {} up: BGP {}:{}, API 127.0.0.1:{}, dir {}", b.asn, address, bgpPort, apiPort, dir);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p", Integer.toString(apiPort)));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code gobgp -u 127.0.0.1 -p API ARGS...}; returns stdout, throws on failure. */
    public String cli(String... args) {
        return ProcessRunner.check(ProcessRunner.DEFAULT_TIMEOUT, Map.of(), command(args)).stdout();
    }

    /** {@code gobgp -j ARGS...}: JSON output. */
    public String cliJson(String... args) {
        List<String> a = new ArrayList<>(List.of("-j"));
        a.addAll(List.of(args));
        return cli(a.toArray(String[]::new));
    }

    public String address() {
        return address;
    }

    public int bgpPort() {
        return bgpPort;
    }

    public int apiPort() {
        return apiPort;
    }

    /** gobgpd's log so far. */
    public String log() {
        return daemon.output();
    }

    /** Config, pidfile, vty socket and logs; removed on close. */
    public Path stateDir() {
        return dir;
    }

    /** Pid of gobgpd. */
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
