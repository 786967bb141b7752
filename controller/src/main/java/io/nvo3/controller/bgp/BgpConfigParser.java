package io.nvo3.controller.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates the {@code bgp:} section of the controller's YAML and neighbor bodies of the API.
 *
 * <pre>
 * bgp:
 *   asn: 65001                      # required, 1..4294967295
 *   router-id: 198.19.0.254         # required, IPv4, not 0.0.0.0
 *   listen: 127.0.0.1:1179          # ADDRESS[:PORT] or [IPv6]:PORT, default 0.0.0.0:179; "none" = connect out only
 *   restart-time: 120               # graceful-restart Restart Time we announce, 0..4095 s
 *   neighbors:
 *     - address: 127.0.0.2          # required, IP literal (no names)
 *       port: 1790                  # default 179
 *       remote-as: 65001            # required; equal to asn = iBGP
 *       families: [l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc]   # default [l2vpn-evpn]
 *       passive: false              # only accept, never connect (default false)
 *       hold-time: 90               # 0 or 3..65535 s (default 90)
 *       graceful-restart: true      # RFC 4724 capability and helper mode (default true)
 *       local-address: 127.0.0.1    # source of outbound connections (FRR update-source, GoBGP local-address)
 *       route-reflector-client: false   # RFC 4456 (FRR/GoBGP route-reflector-client)
 *       next-hop-self: false        # rewrite next hops toward this neighbor (FRR next-hop-self)
 *       self-next-hop: 198.18.0.1   # the address announced as "ourselves" (default: the session's local address)
 *       max-prefixes: 0             # Cease/1 (RFC 4486) when exceeded; 0 = no limit (FRR maximum-prefix)
 *       connect-retry: 1            # first ConnectRetry interval in seconds (doubles up to 120)
 *       description: "spine 1"      # free text (FRR/GoBGP description)
 * </pre>
 *
 * Keys may use underscores for dashes ({@code remote_as}). Every problem is a {@link BgpConfigException}
 * naming the key path; unknown keys are errors, so a typo never silently falls back to a default.
 */
public final class BgpConfigParser {
    public static final List<String> SECTION_KEYS = List.of("asn", "router-id", "listen", "restart-time", "neighbors");
    public static final List<String> NEIGHBOR_KEYS = List.of("address", "port", "remote-as", "families", "passive",
            "hold-time", "graceful-restart", "local-address", "route-reflector-client", "next-hop-self", "self-next-hop",
            "max-prefixes", "connect-retry", "description");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

    private BgpConfigParser() {}

    /** Parses the {@code bgp:} mapping; paths start with {@code bgp.}. */
    public static BgpSettings parse(JsonNode section) {
        Map<String, Entry> keys = keys(section, "bgp", SECTION_KEYS);
        long asn = integer(required(keys, "bgp", "asn"), 1, 0xffff_ffffL);
        Entry rid = required(keys, "bgp", "router-id");
        InetAddress routerId = address(rid);
        if (!(routerId instanceof Inet4Address v4) || routerId.isAnyLocalAddress()) {
            throw rid.error("must be an IPv4 address other than 0.0.0.0, got " + rid.text());
        }
        Optional<InetSocketAddress> listen = keys.containsKey("listen") ? listen(keys.get("listen"))
                : Optional.of(new InetSocketAddress(anyAddress(), BgpSettings.DEFAULT_LISTEN_PORT));
        Duration restart = keys.containsKey("restart-time")
                ? Duration.ofSeconds(integer(keys.get("restart-time"), 0, 4095)) : Duration.ofSeconds(120);
        List<NeighborSpec> neighbors = new ArrayList<>();
        Entry ns = keys.get("neighbors");
        if (ns != null && !ns.value().isNull()) {
            if (!ns.value().isArray()) {
                throw ns.error("expected a list of neighbors");
            }
            Map<InetAddress, String> seen = new HashMap<>();
            for (int i = 0; i < ns.value().size(); i++) {
                String path = ns.path() + "[" + i + "]";
                NeighborSpec n = parseNeighbor(ns.value().get(i), path);
                String before = seen.putIfAbsent(n.address(), path);
                if (before != null) {
                    throw new BgpConfigException(path + ".address",
                            "duplicate neighbor " + n.address().getHostAddress() + " (also " + before + ")");
                }
                neighbors.add(n);
            }
        }
        return new BgpSettings(asn, v4, listen, neighbors, restart);
    }

    /**
     * Parses one neighbor mapping. {@code path} prefixes every error path: {@code bgp.neighbors[0]} for the
     * YAML file, {@code ""} for an API body (so that the error names the bare field).
     */
    public static NeighborSpec parseNeighbor(JsonNode node, String path) {
        Map<String, Entry> keys = keys(node, path, NEIGHBOR_KEYS);
        Entry addr = required(keys, path, "address");
        InetAddress address = address(addr);
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw addr.error("must be a unicast address, got " + addr.text());
        }
        long remoteAs = integer(required(keys, path, "remote-as"), 1, 0xffff_ffffL);
        int port = opt(keys, "port").map(e -> (int) integer(e, 1, 65535)).orElse(NeighborSpec.DEFAULT_PORT);
        List<BgpFamily> families = opt(keys, "families").map(BgpConfigParser::families).orElse(NeighborSpec.DEFAULT_FAMILIES);
        boolean passive = opt(keys, "passive").map(BgpConfigParser::bool).orElse(false);
        int holdTime = opt(keys, "hold-time").map(BgpConfigParser::holdTime).orElse(NeighborSpec.DEFAULT_HOLD_TIME);
        boolean gr = opt(keys, "graceful-restart").map(BgpConfigParser::bool).orElse(true);
        Optional<InetAddress> local = opt(keys, "local-address").map(BgpConfigParser::address);
        boolean rrClient = opt(keys, "route-reflector-client").map(BgpConfigParser::bool).orElse(false);
        boolean nhSelf = opt(keys, "next-hop-self").map(BgpConfigParser::bool).orElse(false);
        Optional<InetAddress> selfNh = opt(keys, "self-next-hop").map(BgpConfigParser::address);
        int maxPrefixes = opt(keys, "max-prefixes").map(e -> (int) integer(e, 0, Integer.MAX_VALUE)).orElse(0);
        Duration retry = opt(keys, "connect-retry").map(e -> Duration.ofSeconds(integer(e, 1, 3600)))
                .orElse(NeighborSpec.DEFAULT_CONNECT_RETRY);
        Optional<String> description = opt(keys, "description").map(BgpConfigParser::text);
        if (local.isPresent() && (local.get() instanceof Inet4Address) != (address instanceof Inet4Address)) {
            throw keys.get("local-address").error("must be of the same address family as address " + addr.text());
        }
        return new NeighborSpec(address, port, remoteAs, families, passive, holdTime, gr, local, rrClient, nhSelf,
                maxPrefixes, description, selfNh, retry);
    }

    /** An IP address literal (never a name: no DNS lookups), or empty. */
    public static Optional<InetAddress> ipLiteral(String s) {
        String t = s.trim();
        try {
            if (IPV4.matcher(t).matches()) {
                String[] parts = t.split("\\.");
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int v = Integer.parseInt(parts[i]);
                    if (v > 255) {
                        return Optional.empty();
                    }
                    b[i] = (byte) v;
                }
                return Optional.of(InetAddress.getByAddress(b));
            }
            if (IPV6.matcher(t).matches()) {
                // A string with a colon is parsed as an IPv6 literal, never looked up.
                InetAddress a = InetAddress.getByName(t);
                return a instanceof Inet6Address || a instanceof Inet4Address ? Optional.of(a) : Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A key as written by the user with its value and full path. */
    record Entry(String path, JsonNode value) {
        BgpConfigException error(String reason) {
            return new BgpConfigException(path, reason);
        }

        String text() {
            return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static Map<String, Entry> keys(JsonNode node, String path, List<String> known) {
        if (node == null || !node.isObject()) {
            throw new BgpConfigException(path, "expected a mapping of keys, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String canonical = f.getKey().replace('_', '-');
            String p = join(path, f.getKey());
            if (!known.contains(canonical)) {
                throw new BgpConfigException(p, "unknown key (known: " + String.join(", ", known) + ")");
            }
            if (out.containsKey(canonical)) {
                throw new BgpConfigException(p, "given twice (as " + out.get(canonical).path() + " too)");
            }
            out.put(canonical, new Entry(p, f.getValue()));
        }
        return out;
    }

    private static Entry required(Map<String, Entry> keys, String path, String key) {
        Entry e = keys.get(key);
        if (e == null || e.value().isNull()) {
            throw new BgpConfigException(join(path, key), "required");
        }
        return e;
    }

    private static Optional<Entry> opt(Map<String, Entry> keys, String key) {
        Entry e = keys.get(key);
        return e == null || e.value().isNull() ? Optional.empty() : Optional.of(e);
    }

    private static long integer(Entry e, long min, long max) {
        JsonNode v = e.value();
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual() && DIGITS.matcher(v.asText().trim()).matches()) {
            n = Long.parseLong(v.asText().trim());
        } else {
            throw e.error("must be an integer " + min + ".." + max + ", got " + e.text());
        }
        if (n < min || n > max) {
            throw e.error("must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    private static int holdTime(Entry e) {
        long n = integer(e, 0, 65535);
        // RFC 4271 §4.2: "The Hold Time MUST be either zero or at least three seconds."
        if (n == 1 || n == 2) {
            throw e.error("must be 0 or 3..65535 seconds, got " + n);
        }
        return (int) n;
    }

    private static boolean bool(Entry e) {
        if (!e.value().isBoolean()) {
            throw e.error("must be true or false, got " + e.text());
        }
        return e.value().asBoolean();
    }

    private static String text(Entry e) {
        if (!e.value().isValueNode()) {
            throw e.error("must be a string, got " + e.text());
        }
        return e.value().asText();
    }

    private static InetAddress address(Entry e) {
        if (!e.value().isTextual()) {
            throw e.error("must be an IP address, got " + e.text());
        }
        return ipLiteral(e.value().asText()).orElseThrow(() -> e.error("not an IP address: " + e.text()));
    }

    private static List<BgpFamily> families(Entry e) {
        List<JsonNode> items = new ArrayList<>();
        if (e.value().isArray()) {
            e.value().forEach(items::add);
        } else {
            items.add(e.value());
        }
        List<BgpFamily> out = new ArrayList<>();
        for (JsonNode n : items) {
            if (!n.isTextual()) {
                throw e.error("expected family names (known: " + BgpFamily.known() + "), got " + n);
            }
            out.add(BgpFamily.parse(n.asText()).orElseThrow(() ->
                    e.error("unknown family '" + n.asText() + "' (known: " + BgpFamily.known() + ")")));
        }
        if (out.isEmpty()) {
            throw e.error("at least one family (known: " + BgpFamily.known() + ")");
        }
        return out;
    }

    private static Optional<InetSocketAddress> listen(Entry e) {
        JsonNode v = e.value();
        if (v.isBoolean() && !v.asBoolean() || v.isTextual() && v.asText().trim().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw e.error("expected ADDRESS:PORT, [IPv6]:PORT or none, got " + e.text());
        }
        String s = v.asText().trim();
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw e.error("expected [IPv6]:PORT, got " + e.text());
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw e.error("expected [IPv6]:PORT, got " + e.text());
                }
                port = s.substring(close + 2);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        String h = host;
        InetAddress addr = ipLiteral(h).orElseThrow(() -> e.error("not an IP address: '" + h + "'"));
        int p = BgpSettings.DEFAULT_LISTEN_PORT;
        if (port != null) {
            if (!DIGITS.matcher(port).matches() || Long.parseLong(port) > 65535) {
                throw e.error("port must be 0..65535, got '" + port + "'");
            }
            p = Integer.parseInt(port);
        }
        return Optional.of(new InetSocketAddress(addr, p));
    }

    private static InetAddress anyAddress() {
        return ipLiteral("0.0.0.0").orElseThrow();
    }
}
