package io.nvo3.bgp.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIRD 2 in the foreground: {@code bird -f -c CONF -s SOCK -P PID}, read with {@code birdc -s SOCK}.
 * Each neighbor is protocol {@code n0, n1, ...}; static routes come from {@link Options}.
 */
public final class BirdPeer extends PeerProcess {
    private static final String LOG_FILE = "bird.out";
    private static final Pattern STATE = Pattern.compile("BGP state:\\s+(\\S+)");
    private static final Pattern ROUTES = Pattern.compile("Routes:\\s+(\\d+) imported");

    private final long asn;
    private final String address;
    private final int port;
    private final String routerId;
    private List<PeerNeighbor> neighbors = List.of();
    private final Options options;

    public static final class Options {
        final List<String> static4 = new ArrayList<>();
        final List<String> staticVpn4 = new ArrayList<>();
        int holdTime = 9;
        String nextHop = "198.18.255.3";
        boolean as4 = true;

        /** An IPv4 unicast route exported to every neighbor, e.g. {@code 198.51.100.0/24}. */
        public Options route4(String prefix) {
            static4.add(prefix);
            return this;
        }

        /** A VPNv4 route, e.g. {@code 65003:1 198.51.100.0/24} with MPLS label {@code label}. */
        public Options routeVpn4(String rd, String prefix, int label) {
            staticVpn4.add(rd + " " + prefix + " via \"lo\" mpls " + label);
            return this;
        }

        /**
          * The next hop BIRD puts on what it exports (default 198.18.255.3). Not its loopback address: GoBGP
          * treats UPDATEs with a 127/8 next hop as withdraw ("invalid nexthop address").
          */
        public Options nextHop(String address) {
            nextHop = address;
            return this;
        }

        /**
         * {@code enable as4 off}: BIRD does not announce the 4-octet AS capability, so its sessions are
         * OLD ones in RFC 6793 terms (2-octet AS_PATH with AS_TRANS, AS4_PATH alongside).
         */
        public Options as4(boolean on) {
            as4 = on;
            return this;
        }

        public Options holdTime(int seconds) {
            holdTime = seconds;
            return this;
        }
    }

    private BirdPeer(long asn, Options options) {
        super("bird");
        this.asn = asn;
        this.address = Loopback.address();
        this.port = Loopback.freePort(address);
        this.routerId = Loopback.routerId();
        this.options = options;
    }

    public static BirdPeer create(long asn, Consumer<Options> opts) {
        Options o = new Options();
        opts.accept(o);
        return new BirdPeer(asn, o);
    }

    public BirdPeer start(PeerNeighbor... neighbors) {
        this.neighbors = List.of(neighbors);
        write("bird.conf", config());
        spawn(LOG_FILE, List.of("bird", "-f", "-c", dir.resolve("bird.conf").toString(),
                "-s", sock(), "-P", dir.resolve("bird.pid").toString()));
        awaitReady("control socket", LOG_FILE, () -> tryRun(List.of("birdc", "-s", sock(), "show", "status")).exit() == 0);
        return this;
    }

    private String sock() {
        return dir.resolve("bird.ctl").toString();
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

    public String log() {
        return log(LOG_FILE) + log("bird.log");
    }

    String config() {
        var b = new StringBuilder();
        b.append("log \"").append(dir.resolve("bird.log")).append("\" all;\n");
        b.append("router id ").append(routerId).append(";\n");
        b.append("protocol device {}\n");
        b.append("vpn4 table vpntab4;\n");
        b.append("protocol static s4 {\n  ipv4;\n");
        // BIRD does not export blackhole routes over BGP; a device route on lo is unicast and harmless.
        options.static4.forEach(p -> b.append("  route ").append(p).append(" via \"lo\";\n"));
        b.append("}\n");
        b.append("protocol static svpn4 {\n  vpn4 { table vpntab4; };\n");
        options.staticVpn4.forEach(p -> b.append("  route ").append(p).append(";\n"));
        b.append("}\n");
        int i = 0;
        for (PeerNeighbor n : neighbors) {
            b.append("protocol bgp n").append(i++).append(" {\n");
            b.append("  local ").append(address).append(" port ").append(port).append(" as ").append(asn)
                    .append(";\n");
            b.append("  neighbor ").append(n.address()).append(" port ").append(n.port()).append(" as ")
                    .append(n.asn()).append(";\n");
            if (!options.as4) {
                b.append("  enable as4 off;\n");
            }
            b.append("  hold time ").append(options.holdTime).append(";\n  connect retry time 1;\n");
            // 127.0.0.0/8 on lo is not a "directly connected" network to BIRD's eyes: eBGP needs multihop.
            b.append("  multihop;\n  connect delay time 1;\n  error wait time 1, 5;\n");
            if (n.passive()) {
                b.append("  passive on;\n");
            }
            if (n.routeReflectorClient()) {
                b.append("  rr client;\n");
            }
            if (n.families().contains(PeerFamily.IPV4_UNICAST)) {
                b.append("  ipv4 { import all; export all; next hop address ").append(options.nextHop)
                        .append("; gateway recursive; igp table master4; };\n");
            }
            if (n.families().contains(PeerFamily.VPNV4)) {
                b.append("  vpn4 mpls { table vpntab4; import all; export all; next hop address ").append(options.nextHop)
                        .append("; gateway recursive; igp table master4; };\n");
            }
            b.append("}\n");
        }
        return b.toString();
    }

    public String birdc(String... args) {
        var c = new ArrayList<>(List.of("birdc", "-s", sock()));
        c.addAll(List.of(args));
        return run(c);
    }

    private String protocolOf(String neighborAddress) {
        for (int i = 0; i < neighbors.size(); i++) {
            if (neighbors.get(i).address().equals(neighborAddress)) {
                return "n" + i;
            }
        }
        throw new IllegalArgumentException("no neighbor " + neighborAddress);
    }

    /** "Established", "Active", "Connect", ... as {@code show protocols all} prints it. */
    public Optional<String> sessionState(String neighborAddress) {
        Result r = tryRun(List.of("birdc", "-s", sock(), "show", "protocols", "all",
                protocolOf(neighborAddress)));
        Matcher m = STATE.matcher(r.output());
        return r.exit() == 0 && m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public boolean established(String neighborAddress) {
        return sessionState(neighborAddress).filter("Established"::equals).isPresent();
    }

    /**
      * Routes imported from a neighbor, per channel in order (ipv4 first, then vpn4), as
      * {@code show protocols all} counts them.
      */
    public List<Integer> importedRoutes(String neighborAddress) {
        String out = birdc("show", "protocols", "all", protocolOf(neighborAddress));
        var counts = new ArrayList<Integer>();
        Matcher m = ROUTES.matcher(out);
        while (m.find()) {
            counts.add(Integer.parseInt(m.group(1)));
        }
        return counts;
    }

    /** {@code show route all table T} text. */
    public String routes(String table) {
        return birdc("show", "route", "all", "table", table);
    }
}
