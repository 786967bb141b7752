package io.nvo3.app.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.Frr;
import io.nvo3.testbed.GoBgp;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.LoopbackPorts;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 over iBGP route reflectors: two controller domains (one OVS hypervisor each) are route-reflector clients of
 * a real GoBGP, then of a real FRR, and never peer with each other. The reflector is added and removed through
 * {@code POST/DELETE /api/v1/bgp/neighbors}.
 */
class FederationRouteReflectorIT {
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final int VNI = 5002;
    static final String A_BGP = "127.0.0.71";
    static final String B_BGP = "127.0.0.72";
    static final String RR = "127.0.0.70";
    static Testbed tb;
    static Domain a;
    static Domain b;
    static Hypervisor hv1;
    static Hypervisor hv2;
    static Vm a1;
    static Vm b2;

    static String bgp(String routerId) {
        return """
                bgp:
                  asn: 65000
                  router-id: %s
                  listen: "%%ADDR%%:%%PORT%%"
                """.formatted(routerId);
    }

    @BeforeAll
    static void up() throws Exception {
        Testbed.cleanupStale();
        tb = Testbed.create();
        a = new Domain("rr-a", A_BGP).bgp(bgp("198.19.0.71"));
        b = new Domain("rr-b", B_BGP).bgp(bgp("198.19.0.72"));
        a.start();
        b.start();
        hv1 = tb.addHypervisor("hv1");
        hv2 = tb.addHypervisor("hv2");
        hv1.joinController(tb.managementAddress(), a.ovsdbPort);
        hv2.joinController(tb.managementAddress(), b.ovsdbPort);
        String netA = a.network("stretched", VNI).get("id").asText();
        String netB = b.network("stretched", VNI).get("id").asText();
        a1 = FederationIT.vm(a, hv1, "a1", netA, a.subnet(netA, "203.0.113.0/24").get("id").asText(), "203.0.113.21");
        b2 = FederationIT.vm(b, hv2, "b2", netB, b.subnet(netB, "203.0.113.0/24").get("id").asText(), "203.0.113.22");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            for (Domain d : new Domain[] {a, b}) {
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

    static void peerWith(int port) {
        for (Domain d : List.of(a, b)) {
            d.post("/api/v1/bgp/neighbors", Map.of("neighbor", Map.of("address", RR, "port", port, "remote-as", 65000,
                    "families", List.of("l2vpn-evpn"), "local-address", d.bgpAddress, "hold-time", 9)));
        }
        await().atMost(CONVERGE).until(() -> a.allNeighborsEstablished() && b.allNeighborsEstablished());
    }

    static void unpeer() {
        for (Domain d : List.of(a, b)) {
            d.send("DELETE", "/api/v1/bgp/neighbors/" + RR, null, 204);
        }
    }

    static Optional<JsonNode> remoteMac(Domain d, String mac) {
        for (JsonNode vn : d.get("/api/v1/bgp/vns").get("vns")) {
            for (JsonNode m : vn.get("remote_macs")) {
                if (m.get("mac").asText().equalsIgnoreCase(mac)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    static String rrClient(String address) {
        return io.nvo3.testbed.GoBgp.passiveNeighborToml(address, 65000, RR, "198.19.0.70", "l2vpn-evpn");
    }

    @Test
    void domainsReachEachOtherThroughAGoBgpRouteReflectorAndLoseTheirRoutesWithIt() {
        int port = LoopbackPorts.freePort(RR);
        try (GoBgp rr = GoBgp.builder(65000, "198.19.0.70").listen(RR, port)
                .extraToml(rrClient(A_BGP) + rrClient(B_BGP)).start()) {
            peerWith(port);
            a1.awaitReachable(b2.ip(), CONVERGE);
            assertThat(b2.ping(a1.ip(), 5, 100, Duration.ofSeconds(5)).allReceived()).isTrue();
            String rib = rr.cli("global", "rib", "-a", "evpn");
            assertThat(rib.toLowerCase()).contains(a1.mac().toLowerCase()).contains(b2.mac().toLowerCase());
            JsonNode m = remoteMac(b, a1.mac()).orElseThrow();
            assertThat(m.get("peer").asText()).isEqualTo(RR);
            assertThat(m.get("next_hop").asText()).isEqualTo(hv1.vtep());

            // Removing the reflector (Cease, no graceful restart) withdraws the remote entries and their flows.
            unpeer();
            await().atMost(CONVERGE).until(() -> FederationIT.flowTo(hv2, a1.mac()).isEmpty()
                    && FederationIT.flowTo(hv1, b2.mac()).isEmpty());
            assertThat(remoteMac(b, a1.mac())).isEmpty();
        }
    }

    @Test
    void domainsReachEachOtherThroughAnFrrRouteReflectorThatShowsEveryRoute() {
        int port = LoopbackPorts.freePort(RR);
        try (Frr rr = Frr.builder(65000, "198.19.0.70").listen(RR, port).routerBgp(
                "neighbor " + A_BGP + " remote-as 65000",
                "neighbor " + A_BGP + " passive",
                "neighbor " + B_BGP + " remote-as 65000",
                "neighbor " + B_BGP + " passive",
                "address-family l2vpn evpn",
                " neighbor " + A_BGP + " activate",
                " neighbor " + A_BGP + " route-reflector-client",
                " neighbor " + B_BGP + " activate",
                " neighbor " + B_BGP + " route-reflector-client",
                "exit-address-family").start()) {
            peerWith(port);
            a1.awaitReachable(b2.ip(), CONVERGE);
            assertThat(a1.ping(b2.ip(), 5, 100, Duration.ofSeconds(5)).allReceived()).isTrue();
            String shown = rr.vtysh("show bgp l2vpn evpn");
            // Every route: MAC and MAC+IP of each VM, and the IMET route of each NVE, with the VTEP as next hop.
            assertThat(shown.toLowerCase()).contains(a1.mac().toLowerCase()).contains(b2.mac().toLowerCase())
                    .contains("[3]:[0]:[32]:[" + hv1.vtep() + "]").contains("[3]:[0]:[32]:[" + hv2.vtep() + "]")
                    .contains(a1.ip()).contains(b2.ip());
            JsonNode m = remoteMac(a, b2.mac()).orElseThrow();
            assertThat(m.get("peer").asText()).isEqualTo(RR);
            assertThat(m.get("next_hop").asText()).isEqualTo(hv2.vtep());
            unpeer();
        }
    }
}
