package io.nvo3.app.bgp;

import static io.nvo3.app.bgp.BgpTestSupport.call;
import static io.nvo3.app.bgp.BgpTestSupport.cli;
import static io.nvo3.app.bgp.BgpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nvo3.api.ApiServer;
import io.nvo3.api.NveStatusSource;
import io.nvo3.api.Principal;
import io.nvo3.api.TokenRegistry;
import io.nvo3.api.bgp.BgpRoutes;
import io.nvo3.controller.bgp.BgpService;
import io.nvo3.controller.model.ModelConfig;
import io.nvo3.controller.model.ModelService;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import io.nvo3.testbed.GoBgp;
import io.nvo3.testbed.LoopbackPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The controller's BGP wiring in process (BgpService + ApiServer + the {@code nvo3 bgp} CLI) against a
 * real gobgpd on loopback: session, GoBGP's route in our RIB, neighbors removed and added at runtime.
 */
class BgpGoBgpIT {
    static final String US = "127.0.0.41";
    static final String THEM = "127.0.0.42";
    static final String TOKEN = "it-admin";
    static final Duration UP = Duration.ofSeconds(40);
    static final String MAC_ROUTE = "[type:macadv][rd:65002:20][etag:0][mac:aa:bb:cc:00:00:42][ip:203.0.113.42]";

    @Test
    void peersWithGoBgpShowsItsRouteAndChangesNeighborsAtRuntime() throws Exception {
        try (Peering p = Peering.start(new String[] {"l2vpn-evpn", "rtc"}, "l2vpn-evpn, rtc", "description: gobgp")) {
            GoBgp gobgp = p.gobgp();
            String api = p.api();
            PrometheusMeterRegistry meters = p.meters();
            int theirPort = p.theirPort();

            await().atMost(UP).untilAsserted(() -> {
                assertThat(get(api, TOKEN, "/api/v1/bgp/neighbors").at("/neighbors/0/state").asText()).as(gobgp.log())
                        .isEqualTo("Established");
                assertThat(gobgp.cli("neighbor")).containsPattern(US + "\\s+65001\\s+\\S+\\s+Establ");
            });

            gobgp.cli("global", "rib", "-a", "evpn", "add", "macadv", "aa:bb:cc:00:00:42", "203.0.113.42", "etag", "0",
                    "label", "10020", "rd", "65002:20", "rt", "65002:20", "encap", "vxlan", "nexthop", "198.18.0.42");
            await().atMost(UP).untilAsserted(() ->
                    assertThat(get(api, TOKEN, "/api/v1/bgp/rib?family=l2vpn-evpn").path("routes")).hasSize(1));
            JsonNode route = get(api, TOKEN, "/api/v1/bgp/rib?family=l2vpn-evpn").at("/routes/0");
            assertThat(route.get("prefix").asText()).isEqualTo(MAC_ROUTE);
            assertThat(route.get("next_hop").asText()).isEqualTo("198.18.0.42");
            assertThat(route.get("as_path").asText()).isEqualTo("65002");
            assertThat(route.get("peer").asText()).isEqualTo(THEM);
            assertThat(route.get("labels")).extracting(JsonNode::asInt).containsExactly(10020);
            assertThat(route.get("extended_communities")).extracting(JsonNode::asText).contains("rt:65002:20", "encap:vxlan");
            JsonNode n = get(api, TOKEN, "/api/v1/bgp/neighbors/" + THEM).path("neighbor");
            assertThat(n.at("/prefixes/l2vpn-evpn/accepted").asLong()).isEqualTo(1);
            assertThat(n.at("/prefixes/received").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(n.get("negotiated_families")).extracting(JsonNode::asText).containsExactly("l2vpn-evpn", "rtc");
            // RFC 4684: with rtc negotiated GoBGP sends EVPN routes only because we announce the default membership.
            assertThat(get(api, TOKEN, "/api/v1/bgp/rib?family=rtc").path("routes")).extracting(r -> r.get("prefix").asText())
                    .contains("default");

            BgpTestSupport.CliRun table = cli(api, TOKEN, "neighbor");
            assertThat(table.exit()).isZero();
            assertThat(table.out()).contains("PEER").contains("#RECEIVED")
                    .containsPattern(THEM.replace(".", "\\.") + "\\s+65002\\s+\\d\\d:\\d\\d:\\d\\d\\s+Established\\s+\\d+\\s+\\d+");
            assertThat(cli(api, TOKEN, "neighbor", THEM).out()).contains("BGP neighbor is " + THEM + ", remote AS 65002")
                    .contains("BGP state = Established").contains("Message statistics:")
                    .containsPattern("Opens:\\s+1\\s+1");
            // Message statistics agree with GoBGP's own count of the same session, once UPDATEs stop flowing
            // (keepalives keep ticking, so only OPENs, UPDATEs and NOTIFICATIONs are compared).
            await().atMost(UP).untilAsserted(() -> {
                JsonNode ours = get(api, TOKEN, "/api/v1/bgp/neighbors/" + THEM).at("/neighbor/messages");
                JsonNode theirs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gobgp.cliJson("neighbor", US))
                        .at("/state/messages");
                assertThat(theirs.isMissingNode()).as("gobgp -j neighbor: %s", theirs).isFalse();
                assertThat(ours.at("/received/update").asLong()).isPositive()
                        .isEqualTo(theirs.at("/sent/update").asLong());
                assertThat(ours.at("/sent/update").asLong()).isEqualTo(theirs.at("/received/update").asLong());
                assertThat(ours.at("/received/open").asLong()).isEqualTo(1).isEqualTo(theirs.at("/sent/open").asLong());
                assertThat(ours.at("/sent/notification").asLong()).isZero();
                assertThat(ours.at("/received/keepalive").asLong()).isPositive();
                assertThat(ours.at("/sent/total").asLong()).isGreaterThanOrEqualTo(ours.at("/sent/update").asLong() + 2);
            });
            BgpTestSupport.CliRun rib = cli(api, TOKEN, "rib", "-a", "evpn");
            assertThat(rib.out()).contains("NETWORK").contains(MAC_ROUTE).contains("198.18.0.42").contains("[rt:65002:20]");
            await().atMost(UP).untilAsserted(() -> assertThat(meters.scrape())
                    .contains("nvo3_bgp_sessions{state=\"Established\"} 1.0"));

            // Runtime removal: the session ends with Cease, GoBGP sees it go down, our RIB forgets its route.
            assertThat(cli(api, TOKEN, "neighbor", "del", THEM).exit()).isZero();
            assertThat(get(api, TOKEN, "/api/v1/bgp/neighbors").path("neighbors")).isEmpty();
            await().atMost(UP).untilAsserted(() -> {
                assertThat(gobgp.cli("neighbor")).doesNotContainPattern(US + "\\s+65001\\s+\\S+\\s+Establ");
                assertThat(get(api, TOKEN, "/api/v1/bgp/rib?family=l2vpn-evpn").path("routes")).isEmpty();
            });
            assertThat(cli(api, TOKEN, "neighbor", "del", THEM).exit()).isEqualTo(1);

            // Runtime addition through the CLI (POST): Established again and the route is back.
            BgpTestSupport.CliRun added = cli(api, TOKEN, "neighbor", "add", THEM, "as", "65002", "--port", Integer.toString(theirPort),
                    "--family", "l2vpn-evpn", "--family", "rtc", "--local-address", US, "--hold-time", "9");
            assertThat(added.exit()).as(added.out()).isZero();
            assertThat(added.out()).contains("added neighbor " + THEM + " AS 65002");
            await().atMost(UP).untilAsserted(() -> {
                assertThat(get(api, TOKEN, "/api/v1/bgp/neighbors").at("/neighbors/0/state").asText()).isEqualTo("Established");
                assertThat(get(api, TOKEN, "/api/v1/bgp/rib?family=l2vpn-evpn").at("/routes/0/prefix").asText()).isEqualTo(MAC_ROUTE);
            });
            assertThat(call(api, TOKEN, "POST", "/api/v1/bgp/neighbors", "{\"neighbor\": {\"address\": \"" + THEM
                    + "\", \"remote-as\": 65002}}").status()).isEqualTo(409);
        }
    }

    /**
     * A session carrying l2vpn-evpn and ipv4-vpn with routes both ways: our per-family received and advertised
     * counts (API, CLI) equal GoBGP's own advertised and received counts of the same session, family by family.
     */
    @Test
    void perFamilyPrefixCountsAgreeWithGoBgps() throws Exception {
        try (Peering p = Peering.start(new String[] {"l2vpn-evpn", "l3vpn-ipv4-unicast"}, "l2vpn-evpn, ipv4-vpn", "")) {
            GoBgp gobgp = p.gobgp();
            BgpService bgp = p.bgp();
            String api = p.api();
            PrometheusMeterRegistry meters = p.meters();
            await().atMost(UP).untilAsserted(() -> assertThat(get(api, TOKEN, "/api/v1/bgp/neighbors").at("/neighbors/0/state").asText())
                    .as(gobgp.log()).isEqualTo("Established"));
            // GoBGP -> us: 3 EVPN MAC/IP routes and 2 VPN-IPv4 prefixes.
            for (int i = 1; i <= 3; i++) {
                gobgp.cli("global", "rib", "-a", "evpn", "add", "macadv", "aa:bb:cc:00:01:0" + i, "203.0.113." + i, "etag", "0",
                        "label", "10020", "rd", "65002:20", "rt", "65002:20", "encap", "vxlan", "nexthop", "198.18.0.42");
            }
            for (int i = 1; i <= 2; i++) {
                gobgp.cli("global", "rib", "-a", "vpnv4", "add", "198.51.100." + (i * 16) + "/28", "label", "100" + i, "rd", "65002:30",
                        "rt", "65002:30", "nexthop", "198.18.0.42");
            }
            // us -> GoBGP: 1 EVPN MAC/IP route and 4 VPN-IPv4 prefixes.
            io.nvo3.bgp.speaker.BgpSpeaker speaker = bgp.speaker().orElseThrow();
            var rt = java.util.List.<io.nvo3.bgp.wire.attributes.PathAttribute>of(new io.nvo3.bgp.wire.attributes.PathAttribute.ExtendedCommunities(
                    java.util.List.of(io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget.parse("65001:30"))));
            speaker.originate(io.nvo3.bgp.wire.AfiSafi.L2VPN_EVPN, new io.nvo3.bgp.wire.nlri.EvpnRoute.MacIpAdvertisement(
                    io.nvo3.bgp.wire.nlri.Nlri.NO_PATH_ID, io.nvo3.bgp.wire.nlri.RouteDistinguisher.parse("65001:20"),
                    io.nvo3.bgp.wire.nlri.Esi.ZERO, 0, io.nvo3.bgp.wire.MacAddress.parse("02:00:00:00:02:01"),
                    java.util.Optional.of(InetAddress.getByName("203.0.113.100")), io.nvo3.bgp.wire.nlri.Labels.vni(10030),
                    java.util.OptionalInt.empty()), rt, InetAddress.getByName("198.18.0.41"));
            for (int i = 1; i <= 4; i++) {
                speaker.originate(io.nvo3.bgp.wire.AfiSafi.VPN_IPV4, io.nvo3.bgp.wire.nlri.VpnPrefix.of(2000 + i,
                        io.nvo3.bgp.wire.nlri.RouteDistinguisher.parse("65001:30"), InetAddress.getByName("203.0.113." + (i * 16)), 28),
                        rt, InetAddress.getByName("198.18.0.41"));
            }
            Map<String, String> gobgpName = Map.of("l2vpn-evpn", "l2vpn-evpn", "ipv4-vpn", "l3vpn-ipv4-unicast");
            Map<String, long[]> expected = Map.of("l2vpn-evpn", new long[] {3, 1}, "ipv4-vpn", new long[] {2, 4});
            await().atMost(UP).untilAsserted(() -> {
                JsonNode ours = get(api, TOKEN, "/api/v1/bgp/neighbors/" + THEM).at("/neighbor/prefixes");
                JsonNode theirs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gobgp.cliJson("neighbor", US));
                for (var e : expected.entrySet()) {
                    JsonNode fam = ours.path(e.getKey());
                    assertThat(fam.path("received").asLong()).as("our %s received", e.getKey()).isEqualTo(e.getValue()[0]);
                    assertThat(fam.path("accepted").asLong()).as("our %s accepted", e.getKey()).isEqualTo(e.getValue()[0]);
                    assertThat(fam.path("advertised").asLong()).as("our %s advertised", e.getKey()).isEqualTo(e.getValue()[1]);
                    JsonNode state = goBgpFamilyState(theirs, gobgpName.get(e.getKey()));
                    assertThat(state).as("gobgp -j neighbor: %s", theirs).isNotNull();
                    // What GoBGP sent us is what we received, and the other way round.
                    assertThat(state.path("advertised").asLong()).as("gobgp %s advertised", e.getKey())
                            .isEqualTo(fam.path("received").asLong());
                    assertThat(state.path("received").asLong()).as("gobgp %s received", e.getKey())
                            .isEqualTo(fam.path("advertised").asLong());
                }
                assertThat(ours.path("received").asLong()).isEqualTo(5);
                assertThat(ours.path("advertised").asLong()).isEqualTo(5);
            });
            assertThat(cli(api, TOKEN, "neighbor", THEM).out())
                    .containsPattern("l2vpn-evpn:\\s+3\\s+3\\s+1").containsPattern("ipv4-vpn:\\s+2\\s+2\\s+4");
            await().atMost(UP).untilAsserted(() -> assertThat(meters.scrape()).containsPattern(
                    "nvo3_bgp_prefixes\\{family=\"ipv4-vpn\",kind=\"advertised\",neighbor=\"" + THEM.replace(".", "\\.") + "\"\\} 4\\.0"));

            // A withdraw on each side moves only its own family's counters, on both speakers alike.
            gobgp.cli("global", "rib", "-a", "evpn", "del", "macadv", "aa:bb:cc:00:01:01", "203.0.113.1", "etag", "0",
                    "label", "10020", "rd", "65002:20");
            speaker.withdraw(io.nvo3.bgp.wire.AfiSafi.VPN_IPV4, io.nvo3.bgp.wire.nlri.VpnPrefix.of(2001,
                    io.nvo3.bgp.wire.nlri.RouteDistinguisher.parse("65001:30"), InetAddress.getByName("203.0.113.16"), 28));
            await().atMost(UP).untilAsserted(() -> {
                JsonNode ours = get(api, TOKEN, "/api/v1/bgp/neighbors/" + THEM).at("/neighbor/prefixes");
                JsonNode theirs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(gobgp.cliJson("neighbor", US));
                assertThat(ours.at("/l2vpn-evpn/received").asLong()).isEqualTo(2)
                        .isEqualTo(goBgpFamilyState(theirs, "l2vpn-evpn").path("advertised").asLong());
                assertThat(ours.at("/ipv4-vpn/advertised").asLong()).isEqualTo(3)
                        .isEqualTo(goBgpFamilyState(theirs, "l3vpn-ipv4-unicast").path("received").asLong());
                assertThat(ours.at("/ipv4-vpn/received").asLong()).isEqualTo(2);
                assertThat(ours.at("/l2vpn-evpn/advertised").asLong()).isEqualTo(1);
            });
        }
    }

    /** The {@code state} of one family in {@code gobgp neighbor X -j} (GoBGP 3: afi_safis[].state with family afi/safi). */
    static JsonNode goBgpFamilyState(JsonNode neighbor, String name) {
        int[] afiSafi = switch (name) {
            case "l2vpn-evpn" -> new int[] {25, 70};
            case "l3vpn-ipv4-unicast" -> new int[] {1, 128};
            default -> throw new IllegalArgumentException(name);
        };
        for (JsonNode f : neighbor.path("afi_safis")) {
            JsonNode st = f.path("state");
            JsonNode fam = st.path("family");
            if (fam.path("afi").asInt() == afiSafi[0] && fam.path("safi").asInt() == afiSafi[1]) {
                return st;
            }
        }
        return null;
    }

    /**
     * GoBGP (AS 65002 on THEM, passive toward us for {@code goBgpFamilies}) and our BGP service (AS 65001 on US,
     * connecting with {@code ourFamilies} and the {@code extraNeighborYaml} line), the BGP API served over it.
     */
    private record Peering(GoBgp gobgp, BgpService bgp, KvStore store, ModelService model, ApiServer server,
                           PrometheusMeterRegistry meters, int theirPort) implements AutoCloseable {
        static Peering start(String[] goBgpFamilies, String ourFamilies, String extraNeighborYaml) throws Exception {
            int ourPort = LoopbackPorts.freePort(US);
            int theirPort = LoopbackPorts.freePort(THEM);
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            List<AutoCloseable> started = new ArrayList<>();
            try {
                GoBgp gobgp = add(started, GoBgp.builder(65002, "198.19.0.42").listen(THEM, theirPort)
                        .extraToml(BgpTestSupport.goBgpPassiveNeighbor(US, 65001, THEM, goBgpFamilies)).start());
                BgpService bgp = add(started, BgpService.start(BgpTestSupport.yaml("""
                        asn: 65001
                        router-id: 198.19.0.41
                        listen: %s:%d
                        neighbors:
                          - address: %s
                            port: %d
                            remote-as: 65002
                            families: [%s]
                            hold-time: 9
                            local-address: %s
                            %s
                        """.formatted(US, ourPort, THEM, theirPort, ourFamilies, US, extraNeighborYaml)), meters));
                KvStore store = add(started, KvStores.inMemory());
                ModelService model = add(started, ModelService.open(store, ModelConfig.defaults()));
                ApiServer server = add(started, ApiServer.start(ApiServer.Options.of(new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), 0)).withRoutes(BgpRoutes.routes(bgp)), model,
                        TokenRegistry.of(Map.of(TOKEN, new Principal("admin", true))), store, NveStatusSource.empty(),
                        meters));
                return new Peering(gobgp, bgp, store, model, server, meters, theirPort);
            } catch (Exception | Error e) {
                closeAll(started);
                throw e;
            }
        }

        String api() {
            return "127.0.0.1:" + server.address().getPort();
        }

        private static <T extends AutoCloseable> T add(List<AutoCloseable> started, T c) {
            started.add(c);
            return c;
        }

        /** In reverse order of start, as try-with-resources would. */
        private static void closeAll(List<AutoCloseable> started) throws Exception {
            Exception first = null;
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }

        @Override
        public void close() throws Exception {
            closeAll(List.of(gobgp, bgp, store, model, server));
        }
    }

    @Test
    void aMisconfiguredNeighborIsOneErrorNamingTheKeyPath() {
        assertThatThrownBy(() -> BgpService.start(BgpTestSupport.yaml("""
                asn: 65001
                router-id: 198.19.0.41
                listen: none
                neighbors:
                  - address: 127.0.0.42
                    remote-as: 65002
                  - address: 127.0.0.43
                    remote-as: 65002
                    families: [l2vpn-evpn, evpn]
                """), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bgp.neighbors[1].families: unknown family 'evpn' (known: l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc)");
    }
}
