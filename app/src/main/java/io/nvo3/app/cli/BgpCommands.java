package io.nvo3.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nvo3 bgp ...}: the controller's BGP neighbors and RIB, with the habits of the {@code gobgp} CLI:
 * <pre>
 * nvo3 bgp neighbor                                   # table: Peer, AS, Up/Down, State, #Received, Accepted
 * nvo3 bgp neighbor 127.0.0.2                         # one neighbor in detail
 * nvo3 bgp neighbor add 127.0.0.3 as 65003 [--port 1790] [--family l2vpn-evpn ...] [--passive] [--hold-time 90]
 * nvo3 bgp neighbor del 127.0.0.3
 * nvo3 bgp rib [-a l2vpn-evpn|ipv4-vpn|ipv6-vpn|ipv4-unicast|rtc]   # also evpn, vpnv4, vpnv6, ipv4
 * </pre>
 * Every subcommand takes the common {@code --api}, {@code --token}, {@code --data-dir} and {@code -o json}.
 */
@Command(name = "bgp", mixinStandardHelpOptions = true, description = "BGP neighbors and RIB of the controller.",
        subcommands = {BgpCommands.Neighbor.class, BgpCommands.Rib.class, BgpVnsCommand.class})
public final class BgpCommands implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static final String NEIGHBORS = "/api/v1/bgp/neighbors";

    @Command(name = "neighbor", aliases = "neighbors", mixinStandardHelpOptions = true,
            description = "List BGP neighbors, or show one (like `gobgp neighbor [ADDRESS]`).",
            subcommands = {NeighborAdd.class, NeighborDel.class})
    public static final class Neighbor extends CliCommands.Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", description = "Show this neighbor in detail.")
        String address;

        @Override
        void run(ApiClient api) {
            if (address != null) {
                JsonNode n = api.get(NEIGHBORS + "/" + address).path("neighbor");
                if (target.json()) {
                    System.out.println(n.toPrettyString());
                } else {
                    System.out.print(detail(n));
                }
                return;
            }
            JsonNode list = api.get(NEIGHBORS).path("neighbors");
            if (target.json()) {
                System.out.println(list.toPrettyString());
                return;
            }
            ArrayNode rows = ApiClient.JSON.createArrayNode();
            for (JsonNode n : list) {
                ObjectNode r = rows.addObject();
                r.put("peer", n.path("address").asText());
                r.put("as", n.path("remote_as").asText());
                r.put("up/down", upDown(n));
                r.put("state", n.path("state").asText());
                r.put("#received", n.at("/prefixes/received").asText("0"));
                r.put("accepted", n.at("/prefixes/accepted").asText("0"));
            }
            Table.print(System.out, rows, "peer", "as", "up/down", "state", "#received", "accepted");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a neighbor at runtime (like `gobgp neighbor add ADDRESS as ASN`).")
    public static final class NeighborAdd extends CliCommands.Base {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "as", description = "The word 'as'.")
        String as;

        @Parameters(index = "2", paramLabel = "ASN")
        String asn;

        @Option(names = "--port", paramLabel = "PORT", description = "The neighbor's BGP port (default 179).")
        Integer port;

        @Option(names = {"--family", "-a"}, paramLabel = "FAMILY",
                description = "l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast or rtc; repeat for several (default l2vpn-evpn).")
        List<String> families = new ArrayList<>();

        @Option(names = "--passive", description = "Only accept connections from the neighbor.")
        boolean passive;

        @Option(names = "--hold-time", paramLabel = "SECONDS", description = "0 or 3..65535 (default 90).")
        Integer holdTime;

        @Option(names = "--local-address", paramLabel = "ADDRESS", description = "Source address of outbound connections.")
        String localAddress;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Override
        void run(ApiClient api) {
            if (!"as".equalsIgnoreCase(as)) {
                throw new CliException("usage: nvo3 bgp neighbor add ADDRESS as ASN [--port P] [--family F ...] [--passive]");
            }
            ObjectNode n = ApiClient.JSON.createObjectNode();
            n.put("address", address);
            if (asn.chars().allMatch(Character::isDigit) && asn.length() < 19) {
                n.put("remote-as", Long.parseLong(asn));
            } else {
                n.put("remote-as", asn);
            }
            if (port != null) {
                n.put("port", port);
            }
            if (!families.isEmpty()) {
                ArrayNode f = n.putArray("families");
                families.forEach(f::add);
            }
            if (passive) {
                n.put("passive", true);
            }
            if (holdTime != null) {
                n.put("hold-time", holdTime);
            }
            if (localAddress != null) {
                n.put("local-address", localAddress);
            }
            if (description != null) {
                n.put("description", description);
            }
            ObjectNode body = ApiClient.JSON.createObjectNode();
            body.set("neighbor", n);
            JsonNode res = api.post(NEIGHBORS, body).path("neighbor");
            if (target.json()) {
                System.out.println(res.toPrettyString());
            } else {
                System.out.println("added neighbor " + res.path("address").asText() + " AS " + res.path("remote_as").asText()
                        + " (" + res.path("state").asText() + ")");
            }
        }
    }

    @Command(name = "del", aliases = "delete", mixinStandardHelpOptions = true,
            description = "Remove a neighbor (like `gobgp neighbor del ADDRESS`); its session ends with Cease.")
    public static final class NeighborDel extends CliCommands.Base {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Override
        void run(ApiClient api) {
            api.delete(NEIGHBORS + "/" + address);
            if (!target.json()) {
                System.out.println("deleted neighbor " + address);
            }
        }
    }

    @Command(name = "rib", mixinStandardHelpOptions = true,
            description = "Show the Loc-RIB of a family (like `gobgp global rib -a FAMILY`).")
    public static final class Rib extends CliCommands.Base {
        @Option(names = {"-a", "--family"}, paramLabel = "FAMILY", defaultValue = "l2vpn-evpn",
                description = "l2vpn-evpn (default), ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc; or gobgp's evpn, vpnv4, vpnv6, ipv4.")
        String family;

        @Override
        void run(ApiClient api) {
            JsonNode res = api.get("/api/v1/bgp/rib?family=" + URLEncoder.encode(family, StandardCharsets.UTF_8));
            if (target.json()) {
                System.out.println(res.toPrettyString());
                return;
            }
            JsonNode routes = res.path("routes");
            if (routes.isEmpty()) {
                System.out.println("Network not in table");
                return;
            }
            ArrayNode rows = ApiClient.JSON.createArrayNode();
            for (JsonNode r : routes) {
                ObjectNode row = rows.addObject();
                row.put("", r.path("stale").asBoolean() ? "S>" : "*>");
                row.put("network", r.path("prefix").asText());
                row.put("labels", r.path("labels").isEmpty() ? "" : r.path("labels").toString());
                row.put("next_hop", r.path("next_hop").asText("-"));
                row.put("as_path", r.path("as_path").asText());
                row.put("age", clock(r.path("age").asLong()));
                row.put("attrs", attrs(r));
            }
            Table.print(System.out, rows, "", "network", "labels", "next_hop", "as_path", "age", "attrs");
        }
    }

    /** gobgp's Up/Down column: time since the session came up, "never" if it never did. */
    static String upDown(JsonNode n) {
        if (n.path("uptime").isIntegralNumber()) {
            return clock(n.path("uptime").asLong());
        }
        return n.path("last_error").isTextual() ? "down" : "never";
    }

    /** 00:01:05, or 2d 03:04:05 past a day, as gobgp prints durations. */
    static String clock(long seconds) {
        long d = seconds / 86400;
        String hms = String.format("%02d:%02d:%02d", (seconds % 86400) / 3600, (seconds % 3600) / 60, seconds % 60);
        return d > 0 ? d + "d " + hms : hms;
    }

    /** gobgp's Attrs column: {@code [{Origin: i} {LocalPref: 100} {Extcomms: [rt:65001:10], [encap:vxlan]}]}. */
    static String attrs(JsonNode r) {
        List<String> parts = new ArrayList<>();
        parts.add("{Origin: " + switch (r.path("origin").asText()) {
            case "igp" -> "i";
            case "egp" -> "e";
            default -> "?";
        } + "}");
        if (r.path("med").isNumber()) {
            parts.add("{Med: " + r.path("med").asText() + "}");
        }
        if (r.path("local_pref").isNumber()) {
            parts.add("{LocalPref: " + r.path("local_pref").asText() + "}");
        }
        if (!r.path("communities").isEmpty()) {
            parts.add("{Communities: " + join(r.path("communities"), ", ") + "}");
        }
        if (!r.path("extended_communities").isEmpty()) {
            List<String> ec = new ArrayList<>();
            r.path("extended_communities").forEach(x -> ec.add("[" + x.asText() + "]"));
            parts.add("{Extcomms: " + String.join(", ", ec) + "}");
        }
        if (!r.path("large_communities").isEmpty()) {
            parts.add("{LargeCommunity: " + join(r.path("large_communities"), ", ") + "}");
        }
        r.path("other_attributes").forEach(x -> parts.add("{" + x.asText() + "}"));
        return "[" + String.join(" ", parts) + "]";
    }

    private static String join(JsonNode array, String sep) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return String.join(sep, out);
    }

    /** The detail view of one neighbor, in the manner of `gobgp neighbor ADDRESS`. */
    static String detail(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        sb.append("BGP neighbor is ").append(n.path("address").asText()).append(", remote AS ").append(n.path("remote_as").asText())
                .append(n.path("port").asInt() == 179 ? "" : ", port " + n.path("port").asText()).append('\n');
        if (n.path("description").isTextual()) {
            sb.append("  Description: ").append(n.path("description").asText()).append('\n');
        }
        sb.append("  BGP state = ").append(n.path("state").asText());
        if (n.path("uptime").isIntegralNumber()) {
            sb.append(", up for ").append(clock(n.path("uptime").asLong()));
        }
        sb.append('\n');
        sb.append("  Remote router ID ").append(n.path("peer_router_id").asText("unknown")).append('\n');
        sb.append("  Hold time is ").append(n.path("negotiated_hold_time").asText("-")).append(", configured hold time is ")
                .append(n.path("hold_time").asText()).append('\n');
        sb.append("  Passive: ").append(n.path("passive").asBoolean() ? "yes" : "no").append(", graceful restart: ")
                .append(n.path("graceful_restart").asBoolean() ? "yes" : "no").append('\n');
        sb.append("  Families: ").append(join(n.path("families"), ", "))
                .append("  (negotiated: ").append(n.path("negotiated_families").isEmpty() ? "-" : join(n.path("negotiated_families"), ", "))
                .append(")\n");
        sb.append("  Prefixes:            Received   Accepted  Advertised\n");
        sb.append(prefixLine("Total", n.path("prefixes")));
        n.path("families").forEach(f -> sb.append(prefixLine(f.asText(), n.path("prefixes").path(f.asText()))));
        if (n.path("messages").isObject()) {
            // As gobgp prints it: "Message statistics:" with Sent and Rcvd columns per type.
            JsonNode sent = n.path("messages").path("sent");
            JsonNode rcvd = n.path("messages").path("received");
            sb.append("  Message statistics:\n");
            sb.append("                         Sent       Rcvd\n");
            for (String[] t : new String[][] {{"Opens", "open"}, {"Notifications", "notification"},
                    {"Updates", "update"}, {"Keepalives", "keepalive"}, {"Route Refresh", "route_refresh"},
                    {"Total", "total"}}) {
                sb.append(String.format("    %-16s %10s %10s%n", t[0] + ":", sent.path(t[1]).asText("-"),
                        rcvd.path(t[1]).asText("-")));
            }
        }
        if (n.path("last_error").isTextual()) {
            sb.append("  Last error: ").append(n.path("last_error").asText()).append('\n');
        }
        return sb.toString();
    }

    private static String prefixLine(String label, JsonNode p) {
        return String.format("    %-16s %10s %10s %11s%n", label + ":", p.path("received").asText("-"),
                p.path("accepted").asText("-"), p.path("advertised").isNumber() ? p.path("advertised").asText() : "-");
    }
}
