package io.nvo3.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvo3.testbed.ControllerProcess;
import io.nvo3.testbed.GoBgp;
import io.nvo3.testbed.JsonRest;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.LoopbackPorts;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, MAC mobility seen from outside: {@code ./nvo3 controller} (child process) peers over iBGP l2vpn-evpn with a
 * real GoBGP on loopback; two OVS hypervisors. A VM moved between them (move request, then re-plugged at the target)
 * is re-advertised with the new hypervisor's VTEP as next hop and the MAC Mobility extended community whose sequence
 * number counts the moves, as GoBGP's own EVPN RIB ({@code gobgp -j global rib -a evpn}) shows it. Then a second
 * controller domain B (GoBGP reflects between the two) takes the VM over in a live migration (same MAC and IP, a port
 * of B, plugged on B's hypervisor before A lets go): B advertises with A's last sequence + 1 (RFC 7432 §15), A
 * withdraws its route, and A's hypervisors follow B's once A's copy stops. Then the VM migrates back the same way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MacMobilityIT {
    private static final Logger LOG = LoggerFactory.getLogger(MacMobilityIT.class);
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final String US = "127.0.0.81";
    static final String GOBGP = "127.0.0.82";
    static Testbed tb;
    static GoBgp gobgp;
    static final String OTHER = "127.0.0.83";
    static Controller ctlA;
    static Controller ctlB;
    static JsonNode network;
    static Api api;
    static Hypervisor hv1;
    static Hypervisor hv2;
    static Hypervisor hv3;
    static Vm vm;
    static Vm watcher;
    static Vm migrated;
    static String netB;

    /** {@code ./nvo3 controller} as a child process with a {@code bgp:} section, its own data dir and ports. */
    static final class Controller implements AutoCloseable {
        final String name;
        final String bgpAddress;
        final int apiPort = LoopbackPorts.freePort("127.0.0.1");
        final int ovsdbPort = LoopbackPorts.freePort("127.0.0.1");
        final int openflowPort = LoopbackPorts.freePort("127.0.0.1");
        final Path dir;
        final ControllerProcess process;
        final Api api;
        private final JsonRest rest;

        Controller(String name, String bgpAddress, String routerId) throws IOException {
            this.name = name;
            this.bgpAddress = bgpAddress;
            this.dir = Files.createTempDirectory("nvo3-mobility-" + name + "-");
            Path cfg = dir.resolve("nvo3.yaml");
            Files.writeString(cfg, """
                    bgp:
                      asn: 65000
                      router-id: %s
                      listen: "%s:%d"
                      neighbors:
                        - address: %s
                          port: %d
                          remote-as: 65000
                          families: [l2vpn-evpn]
                          hold-time: 9
                          local-address: "%s"
                    """.formatted(routerId, bgpAddress, LoopbackPorts.freePort(bgpAddress), GOBGP, gobgp.bgpPort(),
                    bgpAddress));
            this.process = ControllerProcess.start(REPO, name, List.of("--config", cfg.toString(),
                    "--data-dir", dir.resolve("data").toString(), "--api", "127.0.0.1:" + apiPort,
                    "--openflow", "0.0.0.0:" + openflowPort, "--ovsdb", "0.0.0.0:" + ovsdbPort), null, false, null,
                    Duration.ofSeconds(60));
            String token = ControllerProcess.adminToken(dir.resolve("data"));
            this.rest = JsonRest.local(name, apiPort, token);
            this.api = new Api(apiPort, token);
        }

        JsonNode post(String path, Object body) {
            return rest.post(path, body);
        }

        JsonNode get(String path) {
            return rest.get(path);
        }

        /** RFC 7432 §15 state of {@code mac} in VN {@code networkId} as {@code GET /api/v1/bgp/vns/{id}} shows it. */
        JsonNode localMac(String networkId, String mac) {
            for (JsonNode m : get("/api/v1/bgp/vns/" + networkId).path("vn").path("mobility")) {
                if (mac.equalsIgnoreCase(m.path("mac").asText())) {
                    return m;
                }
            }
            throw new AssertionError(name + " has no MAC mobility state for " + mac + ": "
                    + get("/api/v1/bgp/vns/" + networkId));
        }

        @Override
        public void close() throws IOException {
            try {
                process.close();
            } finally {
                Path logs = REPO.resolve("app/target/mobility-logs");
                Files.createDirectories(logs);
                Files.write(logs.resolve(dir.getFileName() + ".log"), process.output());
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    static String rrClient(String address) {
        return io.nvo3.testbed.GoBgp.passiveNeighborToml(address, 65000, GOBGP, "198.19.0.82", "l2vpn-evpn");
    }

    @BeforeAll
    static void up() throws Exception {
        Testbed.cleanupStale();
        tb = Testbed.create();
        // GoBGP reflects between domain A (US) and, in the cross-domain test, domain B (OTHER).
        gobgp = GoBgp.builder(65000, "198.19.0.82").listen(GOBGP, LoopbackPorts.freePort(GOBGP))
                .extraToml(rrClient(US) + rrClient(OTHER)).start();
        ctlA = new Controller("a", US, "198.19.0.81");
        api = ctlA.api;
        hv1 = tb.addHypervisor("hv1");
        hv2 = tb.addHypervisor("hv2");
        hv1.joinController(tb.managementAddress(), ctlA.ovsdbPort);
        hv2.joinController(tb.managementAddress(), ctlA.ovsdbPort);
        network = api.network("tenant-a", "mobile");
        String subnet = api.subnet("tenant-a", network.get("id").asText(), "203.0.113.0/24").get("id").asText();
        JsonNode port = api.port("tenant-a", network.get("id").asText(), subnet, "203.0.113.31");
        vm = hv1.addVm("m1", port.get("mac_address").asText(), "203.0.113.31/24", port.get("id").asText());
        await().atMost(CONVERGE).until(() -> api.neutronPort(vm.portId()).get("status").asText().equals("ACTIVE"));
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(gobgp.cli("neighbor")).containsPattern(
                US.replace(".", "\\.") + ".*Establ"));
    }

    @AfterAll
    static void down() throws Exception {
        try {
            for (Controller c : new Controller[] {ctlB, ctlA}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            try {
                if (gobgp != null) {
                    gobgp.close();
                }
            } finally {
                if (tb != null) {
                    tb.close();
                }
            }
        }
    }

    /** What GoBGP holds for one EVPN MAC/IP route: its next hop and MAC Mobility sequence (empty: no community). */
    record SeenRoute(String nextHop, Optional<Long> sequence, String json) {}

    /** Every best path of a type-2 route for {@code mac} and {@code ip} in GoBGP's global EVPN RIB (one per RD). */
    static List<SeenRoute> macIpRoutes(String mac, String ip) {
        JsonNode rib;
        try {
            rib = JSON.readTree(gobgp.cliJson("global", "rib", "-a", "evpn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SeenRoute> out = new java.util.ArrayList<>();
        for (JsonNode paths : rib) {
            for (JsonNode path : paths) {
                JsonNode nlri = path.path("nlri").path("value");
                if (path.path("nlri").path("type").asInt() != 2 || !mac.equalsIgnoreCase(nlri.path("mac").asText())
                        || !ip.equals(nlri.path("ip").asText()) || !path.path("best").asBoolean(true)) {
                    continue;
                }
                String nextHop = null;
                Long sequence = null;
                for (JsonNode attr : path.path("attrs")) {
                    if (attr.has("nexthop")) { // MP_REACH_NLRI (type 14)
                        nextHop = attr.get("nexthop").asText();
                    }
                    if (attr.path("type").asInt() == 16) { // EXTENDED COMMUNITIES
                        for (JsonNode c : attr.path("value")) {
                            // RFC 7432 §7.7: type 0x06 (EVPN), sub-type 0x00 (MAC Mobility).
                            if (c.path("type").asInt() == 6 && c.path("subtype").asInt() == 0 && c.has("sequence")) {
                                sequence = c.get("sequence").asLong();
                            }
                        }
                    }
                }
                out.add(new SeenRoute(nextHop, Optional.ofNullable(sequence), path.toString()));
            }
        }
        return out;
    }

    static Optional<SeenRoute> macIpRoute(String mac, String ip) {
        List<SeenRoute> all = macIpRoutes(mac, ip);
        assertThat(all).as("one MAC/IP route for %s: %s", mac, all).hasSizeLessThanOrEqualTo(1);
        return all.stream().findFirst();
    }

    static void moveAndReplug(Hypervisor to) {
        JsonNode moving = api.move(vm.portId(), to.systemId());
        assertThat(moving.get("state").asText()).isEqualTo("MOVING");
        vm.plugInto(to);
        await().atMost(CONVERGE).until(() -> {
            JsonNode ts = api.tenantSystem(vm.portId());
            return ts.get("state").asText().equals("RUNNING") && to.systemId().equals(ts.get("nve").asText());
        });
    }

    static void awaitAdvertised(Hypervisor at, long sequence) {
        await().atMost(CONVERGE).untilAsserted(() -> {
            SeenRoute r = macIpRoute(vm.mac(), vm.ip()).orElseThrow(() -> new AssertionError(
                    "no MAC/IP route for " + vm.mac() + " in GoBGP:\n" + gobgp.cli("global", "rib", "-a", "evpn")));
            assertThat(r.nextHop()).as(r.json()).isEqualTo(at.vtep());
            if (sequence == 0) {
                // RFC 7432 §15.1: a MAC advertised for the first time carries no MAC Mobility community (= 0).
                assertThat(r.sequence().orElse(0L)).as(r.json()).isZero();
            } else {
                assertThat(r.sequence()).as(r.json()).contains(sequence);
            }
        });
    }

    @Test
    @Order(1)
    void aVmThatNeverMovedIsAdvertisedFromItsHypervisorWithSequenceZero() {
        awaitAdvertised(hv1, 0);
    }

    @Test
    @Order(2)
    void eachMoveReadvertisesTheMacIpRouteFromTheNewVtepWithTheNextSequenceNumber() {
        // RFC 7432 §15.1: "the PE MUST increment the sequence number ... by 1 ... and advertise a MAC/IP route".
        moveAndReplug(hv2);
        awaitAdvertised(hv2, 1);
        assertThat(api.tenantSystem(vm.portId()).get("moves").asLong()).isEqualTo(1);
        moveAndReplug(hv1);
        awaitAdvertised(hv1, 2);
        assertThat(api.tenantSystem(vm.portId()).get("moves").asLong()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aVmMigratedLiveIntoAnotherDomainIsAdvertisedThereWithTheNextSequenceAndTheOldDomainWithdraws()
            throws Exception {
        // A second VM in domain A that keeps talking to the migrating one.
        String netA = network.get("id").asText();
        String subnetA = api.neutronPort(vm.portId()).get("fixed_ips").get(0).get("subnet_id").asText();
        JsonNode wp = api.port("tenant-a", netA, subnetA, "203.0.113.32");
        watcher = hv2.addVm("w1", wp.get("mac_address").asText(), "203.0.113.32/24", wp.get("id").asText());
        watcher.awaitReachable(vm.ip(), CONVERGE);
        awaitAdvertised(hv1, 2);

        // Domain B: own controller and hypervisor, the same VNI (so the same default route target ASN:VNI).
        ctlB = new Controller("b", OTHER, "198.19.0.83");
        hv3 = tb.addHypervisor("hv3");
        hv3.joinController(tb.managementAddress(), ctlB.ovsdbPort);
        int vni = network.get("provider:segmentation_id").asInt();
        netB = ctlB.post("/v2.0/networks", java.util.Map.of("network", java.util.Map.of("name", "mobile",
                "project_id", "tenant-a", "provider:network_type", "vxlan", "provider:segmentation_id", vni)))
                .get("network").get("id").asText();
        String subnetB = ctlB.api.subnet("tenant-a", netB, "203.0.113.0/24").get("id").asText();
        JsonNode portB = ctlB.post("/v2.0/ports", java.util.Map.of("port", java.util.Map.of("network_id", netB,
                "project_id", "tenant-a", "mac_address", vm.mac(),
                "fixed_ips", List.of(java.util.Map.of("subnet_id", subnetB, "ip_address", vm.ip()))))).get("port");
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(gobgp.cli("neighbor")).containsPattern(
                OTHER.replace(".", "\\.") + ".*Establ"));
        // B has received A's route (sequence 2) before the VM starts there.
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(ctlB.get("/api/v1/bgp/vns/" + netB).path("vn")
                .path("remote_macs").findValuesAsText("sequence")).contains("2"));

        // Live migration: the VM starts in B (same MAC and IP, port of B) while A still runs it on hv1.
        migrated = hv3.addVm("m1b", vm.mac(), vm.ip() + "/24", portB.get("id").asText());
        await().atMost(CONVERGE).until(() -> ctlB.api.neutronPort(migrated.portId()).get("status").asText()
                .equals("ACTIVE"));
        // RFC 7432 §15: B learnt the MAC locally while A advertised it with sequence 2: B advertises sequence 3, and A,
        // receiving a higher sequence than its own, withdraws, although its port is still up: GoBGP keeps B's only.
        awaitAdvertised(hv3, 3);
        JsonNode a = ctlA.localMac(netA, vm.mac());
        assertThat(a.path("withdrawn").asBoolean()).as(a.toString()).isTrue();
        assertThat(a.path("winner_vtep").asText()).as(a.toString()).isEqualTo(hv3.vtep());
        assertThat(a.path("winner_sequence").asLong()).as(a.toString()).isEqualTo(3);
        JsonNode b = ctlB.localMac(netB, vm.mac());
        assertThat(b.path("sequence").asLong()).as(b.toString()).isEqualTo(3);
        assertThat(b.path("withdrawn").asBoolean()).as(b.toString()).isFalse();
        JsonNode exportedB = ctlB.get("/api/v1/bgp/vns/" + netB).path("vn").path("exported");
        assertThat(exportedB).as(exportedB.toString()).anySatisfy(r -> {
            assertThat(r.path("route").asText()).containsIgnoringCase(vm.mac());
            assertThat(r.path("next_hop").asText()).isEqualTo(hv3.vtep());
            assertThat(r.path("sequence").asLong()).isEqualTo(3);
        });

        // The source stops: A's hypervisors now tunnel to hv3 (while A's port was up they still delivered to hv1:
        // a local port wins over a BGP route in the FIB).
        vm.unplug();
        await().atMost(CONVERGE).until(() -> hv2.dumpFlows().stream()
                .anyMatch(l -> l.contains("dl_dst=" + vm.mac()) && l.contains(hv3.vtep() + "->tun_dst")));
        watcher.exec("ip", "neigh", "flush", "dev", Vm.IFACE);
        watcher.awaitReachable(vm.ip(), CONVERGE);
        awaitAdvertised(hv3, 3);
    }

    @Test
    @Order(4)
    void migratedBackTheVmIsAdvertisedAgainFromTheFirstDomainWithTheNextSequence() {
        // Back from B to A: A's port is plugged again on hv1 while B still runs the VM on hv3.
        vm.plug();
        await().atMost(CONVERGE).until(() -> {
            JsonNode ts = api.tenantSystem(vm.portId());
            return ts.get("state").asText().equals("RUNNING") && hv1.systemId().equals(ts.get("nve").asText());
        });
        // A learnt it while B advertised sequence 3: sequence 4 from hv1; B withdraws its route.
        awaitAdvertised(hv1, 4);
        JsonNode b = ctlB.localMac(netB, vm.mac());
        assertThat(b.path("withdrawn").asBoolean()).as(b.toString()).isTrue();
        assertThat(b.path("winner_sequence").asLong()).as(b.toString()).isEqualTo(4);

        // B's copy stops; the watcher in A reaches the VM on hv1 again, and B's FIB takes A's route (hv3 carries
        // the VN again as soon as B has a port of it there).
        migrated.unplug();
        watcher.exec("ip", "neigh", "flush", "dev", Vm.IFACE);
        watcher.awaitReachable(vm.ip(), CONVERGE);
        await().atMost(CONVERGE).untilAsserted(() -> assertThat(ctlB.get("/api/v1/bgp/vns/" + netB).path("vn")
                .path("remote_macs")).anySatisfy(m -> {
                    assertThat(m.path("mac").asText()).isEqualToIgnoringCase(vm.mac());
                    assertThat(m.path("vtep").asText()).isEqualTo(hv1.vtep());
                    assertThat(m.path("sequence").asLong()).isEqualTo(4);
                    assertThat(m.path("selected").asBoolean()).isTrue();
                }));
        awaitAdvertised(hv1, 4);
    }
}
