package io.nvo3.bgp.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * FRR's bgpd alone (no zebra): {@code bgpd -f CONF -Z -S -p PORT -l ADDR -i PID --vty_socket DIR},
 * read and driven through {@code vtysh --vty_socket DIR -c ...}.
 */
public final class FrrPeer extends PeerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BGPD = "/usr/lib/frr/bgpd";
    private static final String LOG_FILE = "bgpd.out";

    private final long asn;
    private final String address;
    private final int port;
    private final String routerId;
    private List<PeerNeighbor> neighbors = List.of();
    private final Options options;

    public static final class Options {
        boolean gracefulRestart;
        int holdTime = 9;
        final Map<PeerFamily, List<String>> familyLines = new EnumMap<>(PeerFamily.class);
        final List<String> routerLines = new ArrayList<>();

        public Options gracefulRestart() {
            gracefulRestart = true;
            return this;
        }

        public Options holdTime(int seconds) {
            holdTime = seconds;
            return this;
        }

        /** A line under {@code address-family F} (e.g. {@code network 198.51.100.0/24 rd 65002:1 label 100}). */
        public Options familyLine(PeerFamily f, String line) {
            familyLines.computeIfAbsent(f, k -> new ArrayList<>()).add(line);
            return this;
        }

        /** A line under {@code router bgp ASN}. */
        public Options routerLine(String line) {
            routerLines.add(line);
            return this;
        }
    }

    private FrrPeer(long asn, Options options) {
        super("frr-bgpd");
        this.asn = asn;
        this.address = Loopback.address();
        this.port = Loopback.freePort(address);
        this.routerId = Loopback.routerId();
        this.options = options;
    }

    /** Reserves an address and port (so the other side's config can name them) without starting. */
    public static FrrPeer create(long asn, Consumer<Options> opts) {
        Options o = new Options();
        opts.accept(o);
        return new FrrPeer(asn, o);
    }

    public FrrPeer start(PeerNeighbor... neighbors) {
        this.neighbors = List.of(neighbors);
        write("bgpd.conf", config());
        spawn(LOG_FILE, List.of(BGPD, "-f", dir.resolve("bgpd.conf").toString(), "-Z", "-S", "-n",
                "-p", Integer.toString(port), "-l", address, "-P", "0",
                "-i", dir.resolve("bgpd.pid").toString(), "--vty_socket", dir.toString(),
                "--log", "file:" + dir.resolve("bgpd.log"), "--log-level", "debug"));
        awaitReady("vty", LOG_FILE, () -> tryRun(vtyshCommand("show bgp summary json")).exit() == 0);
        return this;
    }

    public void stop() {
        stopProcesses();
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public long asn() {
        return asn;
    }

    public String routerId() {
        return routerId;
    }

    public String log() {
        return log(LOG_FILE) + log("bgpd.log");
    }

    String config() {
        var b = new StringBuilder();
        b.append("frr defaults traditional\nhostname nvo3-frr\n!\nrouter bgp ").append(asn).append('\n');
        b.append(" bgp router-id ").append(routerId).append('\n');
        b.append(" no bgp ebgp-requires-policy\n no bgp default ipv4-unicast\n");
        b.append(" no bgp network import-check\n");
        if (options.gracefulRestart) {
            b.append(" bgp graceful-restart\n");
        }
        options.routerLines.forEach(l -> b.append(' ').append(l).append('\n'));
        for (PeerNeighbor n : neighbors) {
            String a = " neighbor " + n.address();
            b.append(a).append(" remote-as ").append(n.asn()).append('\n');
            b.append(a).append(" port ").append(n.port()).append('\n');
            b.append(a).append(" update-source ").append(address).append('\n');
            b.append(a).append(" timers connect 1\n");
            b.append(a).append(" timers ").append(Math.max(1, options.holdTime / 3)).append(' ')
                    .append(options.holdTime).append('\n');
            if (n.passive()) {
                b.append(a).append(" passive\n");
            }
        }
        for (PeerFamily f : PeerFamily.values()) {
            if (f.frr == null) {
                continue;
            }
            List<PeerNeighbor> active = neighbors.stream().filter(n -> n.families().contains(f)).toList();
            List<String> lines = options.familyLines.getOrDefault(f, List.of());
            if (active.isEmpty() && lines.isEmpty()) {
                continue;
            }
            b.append(" !\n address-family ").append(f.frr).append('\n');
            for (PeerNeighbor n : active) {
                b.append("  neighbor ").append(n.address()).append(" activate\n");
                if (n.routeReflectorClient()) {
                    b.append("  neighbor ").append(n.address()).append(" route-reflector-client\n");
                }
            }
            lines.forEach(l -> b.append("  ").append(l).append('\n'));
            b.append(" exit-address-family\n");
        }
        b.append("!\n");
        return b.toString();
    }

    private List<String> vtyshCommand(String command) {
        return List.of("vtysh", "--vty_socket", dir.toString(), "-c", command);
    }

    /** Runs one vtysh command (configuration commands need {@code configure terminal} first). */
    public String vtysh(String command) {
        return run(vtyshCommand(command));
    }

    /** Runs several commands in one vtysh session, e.g. {@code "configure terminal", "router bgp 1", ...}. */
    public String vtysh(List<String> commands) {
        var c = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString()));
        for (String s : commands) {
            c.add("-c");
            c.add(s);
        }
        return run(c);
    }

    public JsonNode vtyshJson(String command) {
        String out = vtysh(command.endsWith(" json") ? command : command + " json");
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("vtysh printed no JSON: " + out, e);
        }
    }

    /** The neighbor's state as FRR prints it ("Established", "Active", ...). */
    public Optional<String> sessionState(String neighborAddress) {
        Result r = tryRun(vtyshCommand("show bgp neighbors " + neighborAddress + " json"));
        if (r.exit() != 0) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(r.output()).path(neighborAddress).path("bgpState");
            return n.isMissingNode() ? Optional.empty() : Optional.of(n.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean established(String neighborAddress) {
        return sessionState(neighborAddress).filter("Established"::equals).isPresent();
    }

    /** {@code show bgp l2vpn evpn json}. */
    public JsonNode evpnRib() {
        return vtyshJson("show bgp l2vpn evpn json");
    }

    /** {@code show bgp ipv4 vpn json}. */
    public JsonNode vpnv4Rib() {
        return vtyshJson("show bgp ipv4 vpn json");
    }

    /** Prefixes received from a neighbor in a family ("l2vpn evpn", "ipv4 vpn", "ipv4 unicast"). */
    public int prefixesReceived(String neighborAddress, String frrFamily) {
        JsonNode s = vtyshJson("show bgp " + frrFamily + " summary json");
        return s.path("peers").path(neighborAddress).path("pfxRcd").asInt(0);
    }
}
