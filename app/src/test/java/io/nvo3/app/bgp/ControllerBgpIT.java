package io.nvo3.app.bgp;

import static io.nvo3.app.bgp.BgpTestSupport.call;
import static io.nvo3.app.bgp.BgpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.GoBgp;
import io.nvo3.testbed.LoopbackPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BGP in the real controller: {@code ./nvo3 controller --config F} as a child process with a {@code bgp:}
 * section, peering with gobgpd on loopback (needs {@code mvn -o install -DskipTests} first).
 */
class ControllerBgpIT {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    static final String US = "127.0.0.43";
    static final String GOBGP1 = "127.0.0.44";
    static final String GOBGP2 = "127.0.0.45";
    static final Duration UP = Duration.ofSeconds(60);

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    record Controller(Process process, List<String> output) {
        boolean saw(String text) {
            return output.stream().anyMatch(l -> l.contains(text));
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Controller launch(String config, int apiPort) throws IOException {
        Path file = tmp.resolve("nvo3.yaml");
        Files.writeString(file, config);
        Process p = new ProcessBuilder(REPO.resolve("nvo3").toString(), "controller", "--config", file.toString(),
                "--data-dir", tmp.resolve("data").toString(), "--api", "127.0.0.1:" + apiPort,
                "--openflow", "127.0.0.1:0", "--ovsdb", "127.0.0.1:0").redirectErrorStream(true).start();
        started.add(p);
        List<String> out = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    out.add(l);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        pump.setDaemon(true);
        pump.start();
        return new Controller(p, out);
    }

    private String token() throws IOException {
        return Files.readAllLines(tmp.resolve("data").resolve("admin-token")).get(0).split("\\s+")[0];
    }

    private static String established(String address) {
        return address.replace(".", "\\.") + "\\s+65001\\s+\\S+\\s+Establ";
    }

    @Test
    void peersWithGoBgpFromItsYamlAndTakesNeighborsAtRuntime() throws Exception {
        int bgpPort = LoopbackPorts.freePort(US);
        int apiPort = LoopbackPorts.freePort("127.0.0.1");
        int port1 = LoopbackPorts.freePort(GOBGP1);
        int port2 = LoopbackPorts.freePort(GOBGP2);
        try (GoBgp gobgp1 = GoBgp.builder(65002, "198.19.0.44").listen(GOBGP1, port1)
                .extraToml(BgpTestSupport.goBgpPassiveNeighbor(US, 65001, GOBGP1, "l2vpn-evpn", "rtc")).start();
             GoBgp gobgp2 = GoBgp.builder(65003, "198.19.0.45").listen(GOBGP2, port2)
                     .extraToml(BgpTestSupport.goBgpPassiveNeighbor(US, 65001, GOBGP2, "l2vpn-evpn", "rtc")).start()) {
            Controller c = launch("""
                    bgp:
                      asn: 65001
                      router-id: 198.19.0.43
                      listen: %s:%d
                      neighbors:
                        - address: %s
                          port: %d
                          remote-as: 65002
                          families: [l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc]
                          hold-time: 9
                          local-address: %s
                    """.formatted(US, bgpPort, GOBGP1, port1, US), apiPort);
            await().atMost(UP).until(() -> c.saw(" ready") || !c.process().isAlive());
            assertThat(c.saw(" ready")).as("%s", c.output()).isTrue();
            String api = "127.0.0.1:" + apiPort;
            String token = token();

            await().atMost(UP).untilAsserted(() -> {
                assertThat(get(api, token, "/api/v1/bgp/neighbors").at("/neighbors/0/state").asText()).as(gobgp1.log())
                        .isEqualTo("Established");
                assertThat(gobgp1.cli("neighbor")).containsPattern(established(US));
            });

            gobgp1.cli("global", "rib", "-a", "evpn", "add", "macadv", "aa:bb:cc:00:00:44", "203.0.113.44", "etag", "0",
                    "label", "10044", "rd", "65002:44", "rt", "65002:44", "encap", "vxlan", "nexthop", "198.18.0.44");
            await().atMost(UP).untilAsserted(() -> assertThat(get(api, token, "/api/v1/bgp/rib?family=l2vpn-evpn")
                    .at("/routes/0/prefix").asText()).isEqualTo("[type:macadv][rd:65002:44][etag:0][mac:aa:bb:cc:00:00:44][ip:203.0.113.44]"));

            BgpTestSupport.Reply added = call(api, token, "POST", "/api/v1/bgp/neighbors", """
                    {"neighbor": {"address": "%s", "port": %d, "remote-as": 65003, "families": ["l2vpn-evpn"],
                                  "hold-time": 9, "local-address": "%s", "description": "added at runtime"}}
                    """.formatted(GOBGP2, port2, US));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            await().atMost(UP).untilAsserted(() -> {
                assertThat(get(api, token, "/api/v1/bgp/neighbors/" + GOBGP2).at("/neighbor/state").asText()).isEqualTo("Established");
                assertThat(gobgp2.cli("neighbor")).containsPattern(established(US));
            });
            JsonNode list = get(api, token, "/api/v1/bgp/neighbors").path("neighbors");
            assertThat(list).extracting(n -> n.get("address").asText()).containsExactly(GOBGP1, GOBGP2);
            await().atMost(UP).untilAsserted(() -> assertThat(call(api, token, "GET", "/metrics", null).body())
                    .contains("nvo3_bgp_sessions{state=\"Established\"} 2.0"));

            assertThat(call(api, token, "DELETE", "/api/v1/bgp/neighbors/" + GOBGP2, null).status()).isEqualTo(204);
            await().atMost(UP).untilAsserted(() -> assertThat(gobgp2.cli("neighbor")).doesNotContainPattern(established(US)));
            assertThat(call(api, token, "GET", "/api/v1/bgp/neighbors/" + GOBGP2, null).status()).isEqualTo(404);
            assertThat(gobgp1.cli("neighbor")).containsPattern(established(US));
            assertThat(c.saw("BGP config: neighbor added at runtime: " + GOBGP2)).isTrue();
            assertThat(c.saw("BGP config: neighbor removed at runtime: " + GOBGP2)).isTrue();
        }
    }

    @Test
    void aBadBgpSectionIsOneErrorLineAndANonZeroExit() throws Exception {
        Controller c = launch("""
                bgp:
                  asn: 65001
                  router-id: 198.19.0.43
                  listen: none
                  neighbors:
                    - address: 127.0.0.44
                      remote-as: 65002
                      families: [evpn]
                """, LoopbackPorts.freePort("127.0.0.1"));
        assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(c.process().exitValue()).isNotZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> c.saw("unknown family"));
        assertThat(c.output().stream().filter(l -> l.contains("unknown family")).toList()).singleElement().asString()
                .endsWith("bgp.neighbors[0].families: unknown family 'evpn' (known: l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc)");
        assertThat(c.output()).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        assertThat(c.saw(" ready")).isFalse();
    }
}
