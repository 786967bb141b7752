package io.nvo3.app.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, three domains: one tenant network has a different VNI in each (6001, 6002, 6003). With only the default
 * route targets (AS:VNI) the domains do not import each other's routes; an l2 BGPVPN with route target 65000:777
 * associated with the network in every domain (networking-bgpvpn API) stitches them: each NVE sends with the VNI
 * of the remote route and classifies every stitched VNI into its VN.
 */
class FederationStitchingIT {
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final String[] BGP = {"127.0.0.81", "127.0.0.82", "127.0.0.83"};
    static final int[] VNI = {6001, 6002, 6003};
    static Testbed tb;
    static final Domain[] D = new Domain[3];
    static final Hypervisor[] HV = new Hypervisor[3];
    static final Vm[] VM = new Vm[3];
    static final String[] NET = new String[3];

    @BeforeAll
    static void up() throws Exception {
        Testbed.cleanupStale();
        tb = Testbed.create();
        for (int i = 0; i < 3; i++) {
            D[i] = new Domain("stitch-" + i, BGP[i]);
        }
        for (int i = 0; i < 3; i++) {
            StringBuilder s = new StringBuilder("""
                    bgp:
                      asn: 65000
                      router-id: 198.19.0.8%d
                      listen: "%%ADDR%%:%%PORT%%"
                      neighbors:
                    """.formatted(i + 1));
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    // Full iBGP mesh: the lower-numbered domain connects, the other one waits.
                    s.append("""
                                - address: %s
                                  port: %d
                                  remote-as: 65000
                                  families: [l2vpn-evpn, rtc]
                                  hold-time: 9
                                  passive: %s
                                  local-address: "%%ADDR%%"
                                  self-next-hop: 198.19.0.8%d
                            """.formatted(BGP[j], D[j].bgpPort, j < i, i + 1));
                }
            }
            D[i].bgp(s.toString());
            D[i].start();
        }
        for (int i = 0; i < 3; i++) {
            HV[i] = tb.addHypervisor("hv" + (i + 1));
            HV[i].joinController(tb.managementAddress(), D[i].ovsdbPort);
            NET[i] = D[i].network("stretched", VNI[i]).get("id").asText();
            String subnet = D[i].subnet(NET[i], "198.51.100.0/24").get("id").asText();
            VM[i] = FederationIT.vm(D[i], HV[i], "v" + (i + 1), NET[i], subnet, "198.51.100." + (31 + i));
        }
        await().atMost(CONVERGE).until(() -> D[0].allNeighborsEstablished() && D[1].allNeighborsEstablished()
                && D[2].allNeighborsEstablished());
    }

    @AfterAll
    static void down() throws Exception {
        try {
            for (Domain d : D) {
                if (d != null) {
                    d.close();
                }
            }
        } finally {
            if (tb != null) {
                tb.close();
            }
        }
    }

    @Test
    void aBgpVpnWithAnExplicitRouteTargetStitchesThreeDomainsWithDifferentVnis() {
        // Default RTs 65000:6001/6002/6003 differ: nothing is imported, nothing crosses.
        assertThat(VM[0].ping(VM[1].ip(), 3, 100, Duration.ofSeconds(3)).received()).isZero();
        assertThat(D[1].get("/api/v1/bgp/vns/" + NET[1]).at("/vn/remote_macs")).isEmpty();

        for (int i = 0; i < 3; i++) {
            JsonNode vpn = D[i].post("/v2.0/bgpvpn/bgpvpns", Map.of("bgpvpn", Map.of("name", "stitch", "type", "l2",
                    "route_targets", List.of("65000:777"), "project_id", "tenant-a"))).get("bgpvpn");
            D[i].post("/v2.0/bgpvpn/bgpvpns/" + vpn.get("id").asText() + "/network_associations",
                    Map.of("network_association", Map.of("network_id", NET[i], "project_id", "tenant-a")));
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    VM[i].awaitReachable(VM[j].ip(), CONVERGE);
                }
            }
        }
        assertThat(VM[2].ping(VM[0].ip(), 5, 100, Duration.ofSeconds(5)).allReceived()).isTrue();
        // Domain 2 reaches v1 with v1's own VNI, learned from its route.
        String flow = FederationIT.flowTo(HV[1], VM[0].mac()).orElseThrow();
        assertThat(flow).contains("set_field:0x" + Integer.toHexString(VNI[0]) + "->tun_id").contains(HV[0].vtep());
        JsonNode vn = D[1].get("/api/v1/bgp/vns/" + NET[1]).get("vn");
        assertThat(vn.get("import_targets").toString()).contains("65000:777").contains("65000:" + VNI[1]);
        boolean seen = false;
        for (JsonNode m : vn.get("remote_macs")) {
            if (m.get("mac").asText().equalsIgnoreCase(VM[2].mac())) {
                assertThat(m.get("vni").asInt()).isEqualTo(VNI[2]);
                assertThat(m.get("peer").asText()).isEqualTo(BGP[2]);
                seen = true;
            }
        }
        assertThat(seen).as("%s", vn).isTrue();
    }
}
