package io.nvo3.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nvo3 bgp vns [NETWORK_ID]}: per VN its RD and route targets and the remote MACs / flood members imported
 * from BGP, each with the peer and next hop it came from ({@code GET /api/v1/bgp/vns}).
 */
@Command(name = "vns", aliases = "vn", mixinStandardHelpOptions = true,
        description = "Per VN: RD, route targets, and the remote MACs and flood members learned from which peer.")
public final class BgpVnsCommand extends CliCommands.Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NETWORK_ID", description = "Only this network.")
    String networkId;

    @Override
    void run(ApiClient api) {
        JsonNode res = api.get("/api/v1/bgp/vns");
        if (target.json()) {
            System.out.println((networkId == null ? res : api.get("/api/v1/bgp/vns/"
                    + URLEncoder.encode(networkId, StandardCharsets.UTF_8))).toPrettyString());
            return;
        }
        if (!res.path("import_ready").asBoolean(true)) {
            System.out.println("(restart: keeping " + res.path("held").asInt() + " remote entries until the peers re-send)");
        }
        for (JsonNode vn : res.path("vns")) {
            if (networkId != null && !networkId.equals(vn.path("network_id").asText())) {
                continue;
            }
            System.out.printf("VN %s  VNI %d (advertised %d)  RD %s  import %s  export %s  exported %d routes%n",
                    vn.path("network_id").asText(), vn.path("local_vni").asInt(), vn.path("advertised_vni").asInt(),
                    vn.path("rd").asText(), vn.path("import_targets"), vn.path("export_targets"),
                    vn.path("exported").size());
            ArrayNode rows = ApiClient.JSON.createArrayNode();
            for (JsonNode m : vn.path("remote_macs")) {
                ObjectNode row = rows.addObject();
                row.put("", m.path("selected").asBoolean() ? "*>" : "*");
                row.put("mac", m.path("mac").asText());
                row.put("ip", m.path("ip").asText("-"));
                row.put("vtep", m.path("vtep").asText());
                row.put("vni", m.path("vni").asInt());
                row.put("peer", m.path("peer").asText("-"));
                row.put("next_hop", m.path("next_hop").asText());
                row.put("rd", m.path("rd").asText());
            }
            for (JsonNode f : vn.path("flood_members")) {
                ObjectNode row = rows.addObject();
                row.put("", "*>");
                row.put("mac", "(flood)");
                row.put("ip", "-");
                row.put("vtep", f.path("vtep").asText());
                row.put("vni", f.path("vni").asInt());
                row.put("peer", f.path("peer").asText("-"));
                row.put("next_hop", f.path("next_hop").asText());
                row.put("rd", f.path("rd").asText());
            }
            if (rows.isEmpty()) {
                System.out.println("  no remote entries");
            } else {
                Table.print(System.out, rows, "", "mac", "ip", "vtep", "vni", "peer", "next_hop", "rd");
            }
            // RFC 7432 §15: local MACs another domain also advertises, with the sequence numbers that decide.
            for (JsonNode m : vn.path("mobility")) {
                if (!m.hasNonNull("winner_vtep") && !m.path("duplicate").asBoolean() && m.path("sequence").asLong() == 0) {
                    continue; // never moved, nobody else claims it
                }
                System.out.printf("  mobility %s: ours from %s seq %d%s; other domain's from %s seq %s%s%n",
                        m.path("mac").asText(), m.path("vtep").asText("-"), m.path("sequence").asLong(),
                        m.path("withdrawn").asBoolean() ? " (withdrawn: theirs wins)" : "",
                        m.path("winner_vtep").asText("-"), m.path("winner_sequence").asText("-"),
                        m.path("duplicate").asBoolean() ? "  DUPLICATE MAC (no longer incremented)" : "");
            }
        }
        for (JsonNode s : res.path("skipped")) {
            System.out.printf("skipped %s from %s: %s (%s)%n", s.path("route").asText(), s.path("peer").asText("-"),
                    s.path("reason").asText(), s.path("detail").asText());
        }
    }
}
