package io.nvo3.bgp.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * gobgpd on its own loopback address: a TOML config written from {@link PeerNeighbor}s, the gRPC API
 * on {@code 127.0.0.1:apiPort} and the {@code gobgp -p apiPort} CLI for routes and state.
 */
public final class GoBgpPeer extends PeerProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG_FILE = "gobgpd.log";

    private final long asn;
    private final String address;
    private final int port;
    private final int apiPort;
    private final String routerId;
    private List<PeerNeighbor> neighbors = List.of();
    private final Options options;

    /** Extra knobs; defaults: no graceful restart, hold 9 s, connect retry 1 s. */
    public static final class Options {
        boolean gracefulRestart;
        int restartTime = 30;
        int holdTime = 9;
        final List<String> vrfs = new ArrayList<>();

        /** Helper (and restarting) mode of RFC 4724 toward every neighbor and family. */
        public Options gracefulRestart(int restartTimeSeconds) {
            gracefulRestart = true;
            restartTime = restartTimeSeconds;
            return this;
        }

        public Options holdTime(int seconds) {
            holdTime = seconds;
            return this;
        }
    }

    private GoBgpPeer(long asn, Options options) {
        super("gobgpd");
        this.asn = asn;
        this.address = Loopback.address();
        this.port = Loopback.freePort(address);
        this.apiPort = Loopback.freePort("127.0.0.1");
        this.routerId = Loopback.routerId();
        this.options = options;
    }

    /** Reserves an address and port (so the other side's config can name them) without starting. */
    public static GoBgpPeer create(long asn, Consumer<Options> opts) {
        Options o = new Options();
        opts.accept(o);
        return new GoBgpPeer(asn, o);
    }

    public GoBgpPeer start(PeerNeighbor... neighbors) {
        this.neighbors = List.of(neighbors);
        write("gobgpd.toml", config());
        spawn(LOG_FILE, List.of("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "-t", "toml",
                "--api-hosts=127.0.0.1:" + apiPort, "--log-plain"));
        awaitApi();
        return this;
    }

    /** Stops gobgpd as an orderly shutdown (NOTIFICATION Cease) would. */
    public void stop() {
        stopProcesses();
    }

    /** SIGKILL: the TCP sessions drop without NOTIFICATION, as in a crash (graceful restart tests). */
    public void crash() {
        crashProcesses();
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
        return log(LOG_FILE);
    }

    String config() {
        var b = new StringBuilder();
        b.append("[global.config]\n  as = ").append(asn).append("\n  router-id = \"").append(routerId)
                .append("\"\n  port = ").append(port).append("\n  local-address-list = [\"").append(address)
                .append("\"]\n");
        for (PeerNeighbor n : neighbors) {
            b.append("\n[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"").append(n.address())
                    .append("\"\n    peer-as = ").append(n.asn()).append('\n');
            b.append("  [neighbors.timers.config]\n    connect-retry = 1\n    hold-time = ")
                    .append(options.holdTime).append("\n    keepalive-interval = ")
                    .append(Math.max(1, options.holdTime / 3)).append('\n');
            b.append("  [neighbors.transport.config]\n    local-address = \"").append(address)
                    .append("\"\n    remote-port = ").append(n.port()).append("\n    passive-mode = ")
                    .append(n.passive()).append('\n');
            if (n.routeReflectorClient()) {
                b.append("  [neighbors.route-reflector.config]\n    route-reflector-client = true\n")
                        .append("    route-reflector-cluster-id = \"").append(routerId).append("\"\n");
            }
            if (options.gracefulRestart) {
                b.append("  [neighbors.graceful-restart.config]\n    enabled = true\n    restart-time = ")
                        .append(options.restartTime).append('\n');
            }
            for (PeerFamily f : n.families()) {
                b.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"")
                        .append(f.gobgp).append("\"\n");
                if (options.gracefulRestart) {
                    b.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n      enabled = true\n");
                }
            }
        }
        return b.toString();
    }

    private void awaitApi() {
        awaitReady("API", LOG_FILE, () -> tryRun(cli("global")).exit() == 0);
    }

    private List<String> cli(String... args) {
        var c = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p", Integer.toString(apiPort)));
        c.addAll(List.of(args));
        return c;
    }

    /** Runs {@code gobgp -p API args...} and returns its output. */
    public String gobgp(String... args) {
        return run(cli(args));
    }

    /** Runs {@code gobgp ... -j} and parses the JSON. */
    public JsonNode gobgpJson(String... args) {
        var a = new ArrayList<>(List.of(args));
        a.add("-j");
        String out = run(cli(a.toArray(String[]::new)));
        try {
            return JSON.readTree(out.isBlank() ? "null" : out);
        } catch (IOException e) {
            throw new UncheckedIOException("gobgp printed no JSON: " + out, e);
        }
    }

    /**
      * The BGP FSM state of a neighbor as gobgp names it ("established", "active", "idle", ...), or
      * empty when gobgpd does not know it.
      */
    public Optional<String> sessionState(String neighborAddress) {
        Result r = tryRun(cli("neighbor", neighborAddress, "-j"));
        if (r.exit() != 0) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(r.output());
            JsonNode state = n.path("state").path("session_state");
            if (state.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(state.isNumber() ? stateName(state.asInt()) : state.asText().toLowerCase());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String stateName(int n) {
        return switch (n) {
            case 1 -> "idle";
            case 2 -> "connect";
            case 3 -> "active";
            case 4 -> "opensent";
            case 5 -> "openconfirm";
            case 6 -> "established";
            default -> "unknown(" + n + ")";
        };
    }

    public boolean established(String neighborAddress) {
        return sessionState(neighborAddress).filter("established"::equals).isPresent();
    }

    /** {@code gobgp neighbor NEIGHBOR adj-in -a FAMILY -j}. */
    public JsonNode adjIn(String neighborAddress, String family) {
        return gobgpJson("neighbor", neighborAddress, "adj-in", "-a", family);
    }

    /** {@code gobgp global rib -a FAMILY -j}: a map prefix → list of paths. */
    public JsonNode rib(String family) {
        return gobgpJson("global", "rib", "-a", family);
    }

    /** Number of destinations in the global RIB of a family. */
    public int ribSize(String family) {
        JsonNode n = rib(family);
        return n == null || n.isNull() ? 0 : n.size();
    }

    /** EVPN type 2: {@code global rib -a evpn add macadv MAC IP etag E label L rd RD rt RT encap vxlan}. */
    public void addMacAdvertisement(String mac, String ip, long etag, int label, String rd, String rt,
            String nexthop) {
        gobgp("global", "rib", "-a", "evpn", "add", "macadv", mac, ip, "etag", Long.toString(etag),
                "label", Integer.toString(label), "rd", rd, "rt", rt, "encap", "vxlan", "nexthop", nexthop);
    }

    public void deleteMacAdvertisement(String mac, String ip, long etag, int label, String rd) {
        gobgp("global", "rib", "-a", "evpn", "del", "macadv", mac, ip, "etag", Long.toString(etag),
                "label", Integer.toString(label), "rd", rd);
    }

    /** EVPN type 3 with an ingress-replication PMSI tunnel. */
    public void addMulticast(String originatorIp, long etag, String rd, String rt, int vni,
            String nexthop) {
        gobgp("global", "rib", "-a", "evpn", "add", "multicast", originatorIp, "etag",
                Long.toString(etag), "rd", rd, "rt", rt, "encap", "vxlan", "pmsi", "ingress-repl",
                Integer.toString(vni), originatorIp, "nexthop", nexthop);
    }

    /** EVPN type 5 (RFC 9136). */
    public void addIpPrefix(String prefix, String gateway, long etag, int label, String rd, String rt,
            String routerMac, String nexthop) {
        gobgp("global", "rib", "-a", "evpn", "add", "prefix", prefix, "gw", gateway, "etag",
                Long.toString(etag), "label", Integer.toString(label), "rd", rd, "rt", rt, "encap", "vxlan",
                "router-mac", routerMac, "nexthop", nexthop);
    }

    public void addVpnv4(String prefix, int label, String rd, String rt, String nexthop) {
        gobgp("global", "rib", "-a", "vpnv4", "add", prefix, "label", Integer.toString(label), "rd", rd,
                "rt", rt, "nexthop", nexthop);
    }

    public void deleteVpnv4(String prefix, int label, String rd) {
        gobgp("global", "rib", "-a", "vpnv4", "del", prefix, "label", Integer.toString(label), "rd", rd);
    }

    public void addIpv4(String prefix, String nexthop, String... extra) {
        var a = new ArrayList<>(List.of("global", "rib", "-a", "ipv4", "add", prefix, "nexthop", nexthop));
        a.addAll(List.of(extra));
        gobgp(a.toArray(String[]::new));
    }

    public void deleteIpv4(String prefix) {
        gobgp("global", "rib", "-a", "ipv4", "del", prefix);
    }

    /**
      * A VRF whose import RTs gobgpd advertises as RT-constraint routes (RFC 4684) to neighbors with
      * the {@code rtc} family.
      */
    public void addVrf(String vrf, String rd, String importExportRt) {
        gobgp("vrf", "add", vrf, "rd", rd, "rt", "both", importExportRt);
    }

    public void deleteVrf(String vrf) {
        gobgp("vrf", "del", vrf);
    }

    /** {@code gobgp neighbor ADDR softresetin}: sends ROUTE-REFRESH to the neighbor. */
    public void softResetIn(String neighborAddress, String family) {
        gobgp("neighbor", neighborAddress, "softresetin", "-a", family);
    }
}
