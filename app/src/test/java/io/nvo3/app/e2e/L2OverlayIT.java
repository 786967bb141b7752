package io.nvo3.app.e2e;

import io.nvo3.app.ControllerRuntime;
import io.nvo3.app.config.ControllerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.LivePing;
import io.nvo3.testbed.LivePingResult;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * Issue 3 end to end: three real OVS hypervisors join the controller, two tenants each have a network on the same
 * 203.0.113.0/24 with VMs on all three, and ping judges. One test bed and one controller for the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class L2OverlayIT {
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static Testbed tb;
    static Path dataDir;
    static ControllerRuntime ctl;
    static Neutron api;
    static Hypervisor hv1;
    static Hypervisor hv2;
    static Hypervisor hv3;
    static Vm a1;
    static Vm a2;
    static Vm a3;
    static Vm b1;
    static Vm b2;
    static Vm b3;
    static Vm bOnly;
    static String subnetA;
    static String netA;

    @BeforeAll
    static void up() throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        tb = Testbed.create();
        dataDir = Files.createTempDirectory("nvo3-e2e-");
        ctl = ControllerRuntime.start(ControllerConfig.embedded(dataDir, tb.managementAddress()));
        api = new Neutron(ctl.apiAddress().getPort(), ctl.adminToken().orElseThrow());
        hv1 = tb.addHypervisor("hv1");
        hv2 = tb.addHypervisor("hv2");
        hv3 = tb.addHypervisor("hv3");
        for (Hypervisor hv : List.of(hv1, hv2, hv3)) {
            hv.joinController(tb.managementAddress(), ctl.ovsdbAddress().getPort());
        }
        JsonNode na = api.network("tenant-a", "net-a");
        JsonNode nb = api.network("tenant-b", "net-b");
        netA = na.get("id").asText();
        subnetA = api.subnet("tenant-a", netA, "203.0.113.0/24").get("id").asText();
        String subnetB = api.subnet("tenant-b", nb.get("id").asText(), "203.0.113.0/24").get("id").asText();
        a1 = vm(hv1, "a1", "tenant-a", netA, subnetA, "203.0.113.11");
        a2 = vm(hv2, "a2", "tenant-a", netA, subnetA, "203.0.113.12");
        a3 = vm(hv3, "a3", "tenant-a", netA, subnetA, "203.0.113.13");
        b1 = vm(hv1, "b1", "tenant-b", nb.get("id").asText(), subnetB, "203.0.113.11");
        b2 = vm(hv2, "b2", "tenant-b", nb.get("id").asText(), subnetB, "203.0.113.12");
        b3 = vm(hv3, "b3", "tenant-b", nb.get("id").asText(), subnetB, "203.0.113.13");
        bOnly = vm(hv2, "b4", "tenant-b", nb.get("id").asText(), subnetB, "203.0.113.40");
        for (Vm v : List.of(a1, a2, a3, b1, b2, b3, bOnly)) {
            await().atMost(CONVERGE).until(() -> api.getPort(v.portId()).get("status").asText().equals("ACTIVE"));
        }
    }

    static Vm vm(Hypervisor hv, String name, String project, String net, String subnet, String ip) {
        JsonNode p = api.port(project, net, subnet, ip);
        return hv.addVm(name, p.get("mac_address").asText(), ip + "/24", p.get("id").asText());
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (ctl != null) {
                ctl.close();
            }
        } finally {
            try {
                if (tb != null) {
                    tb.close();
                }
            } finally {
                if (dataDir != null) {
                    try (Stream<Path> s = Files.walk(dataDir)) {
                        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
    }

    @Test
    @Order(1)
    void pingWorksInsideEachTenantNetworkAcrossAllThreeNves() {
        a1.awaitReachable(a2.ip(), CONVERGE);
        a1.awaitReachable(a3.ip(), CONVERGE);
        a2.awaitReachable(a3.ip(), CONVERGE);
        b1.awaitReachable(b2.ip(), CONVERGE);
        b3.awaitReachable(b1.ip(), CONVERGE);
        assertThat(a1.ping(a2.ip(), 5, 100, Duration.ofSeconds(5)).allReceived()).isTrue();
        JsonNode port = api.getPort(a1.portId());
        assertThat(port.get("binding:host_id").asText()).isEqualTo(hv1.systemId());
        assertThat(api.nves()).extracting(n -> n.get("system_id").asText())
                .contains(hv1.systemId(), hv2.systemId(), hv3.systemId());
    }

    @Test
    @Order(2)
    void tenantsWithOverlappingAddressesNeverReachEachOther() {
        a1.awaitReachable(a2.ip(), CONVERGE);
        // 203.0.113.40 exists only in tenant B; tenant A never reaches it.
        assertThat(a1.ping(bOnly.ip(), 3, 200, Duration.ofSeconds(4)).received()).isZero();
        assertThat(a2.ping(bOnly.ip(), 3, 200, Duration.ofSeconds(4)).received()).isZero();
        // The same address answers from the VM of the caller's own tenant.
        assertThat(neighbourMac(a1, "203.0.113.12")).isEqualTo(a2.mac());
        b1.awaitReachable("203.0.113.12", CONVERGE);
        assertThat(neighbourMac(b1, "203.0.113.12")).isEqualTo(b2.mac());
    }

    @Test
    @Order(3)
    void vmSendingFromAnAddressItDoesNotOwnIsDroppedUntilAllowed() {
        a3.awaitReachable(a1.ip(), CONVERGE);
        a3.exec("ip", "addr", "add", "203.0.113.99/32", "dev", Vm.IFACE);
        try {
            assertThat(a3.execUnchecked("ping", "-n", "-c", "3", "-i", "0.2", "-W", "1", "-I", "203.0.113.99",
                    a1.ip()).succeeded()).isFalse();
            api.allowAddressPair(a3.portId(), "203.0.113.99");
            await().atMost(CONVERGE).until(() -> a3.execUnchecked("ping", "-n", "-c", "1", "-W", "1", "-I",
                    "203.0.113.99", a1.ip()).succeeded());
        } finally {
            a3.exec("ip", "addr", "del", "203.0.113.99/32", "dev", Vm.IFACE);
        }
    }

    @Test
    @Order(4)
    void unplugAndPortDeleteRemoveReachabilityAndFlows() {
        Vm a4 = vm(hv3, "a4", "tenant-a", netA, subnetA, "203.0.113.14");
        a1.awaitReachable(a4.ip(), CONVERGE);
        assertThat(flowsMentioning(a4.mac())).isNotEmpty();

        a4.unplug();
        await().atMost(CONVERGE).until(() -> api.getPort(a4.portId()).get("status").asText().equals("DOWN"));
        await().atMost(CONVERGE).until(() -> flowsMentioning(a4.mac()).isEmpty());
        assertThat(a1.ping(a4.ip(), 3, 200, Duration.ofSeconds(4)).received()).isZero();

        a4.plug();
        a1.awaitReachable(a4.ip(), CONVERGE);

        api.deletePort(a4.portId());
        await().atMost(CONVERGE).until(() -> flowsMentioning(a4.mac()).isEmpty());
        assertThat(a1.ping(a4.ip(), 3, 200, Duration.ofSeconds(4)).received()).isZero();
        a4.unplug();
    }

    @Test
    @Order(5)
    void controllerRestartDuringPingAt10msLosesNoPacketAndSendsNoFlowMod() throws Exception {
        a1.awaitReachable(a2.ip(), CONVERGE);
        try (LivePing ping = a1.startPing(a2.ip(), 10)) {
            ping.awaitMoreReplies(50, CONVERGE);
            int ovsdb = ctl.ovsdbAddress().getPort();
            int of = ctl.openflowAddress().getPort();
            int apiPort = ctl.apiAddress().getPort();
            ctl.close();
            ctl = null;
            ping.awaitMoreReplies(100, CONVERGE);
            ctl = ControllerRuntime.start(ControllerConfig.embedded(dataDir, tb.managementAddress())
                    .withPorts(apiPort, ovsdb, of));
            await().atMost(CONVERGE).until(() -> readBackCount() == 3);
            ping.awaitMoreReplies(100, CONVERGE);
            LivePingResult r = ping.stop();
            assertThat(r.lost()).as("lost during restart: %s", r.missingSequences()).isZero();
        }
        for (JsonNode n : nvesOf(hv1, hv2, hv3)) {
            JsonNode last = n.get("last_reconcile");
            assertThat(last.get("full_read").asBoolean()).isTrue();
            assertThat(last.get("flow_adds").asInt() + last.get("flow_mods").asInt() + last.get("flow_deletes").asInt()
                    + last.get("group_adds").asInt() + last.get("group_mods").asInt() + last.get("group_deletes").asInt())
                    .as("flow and group mods after restart on %s", n.get("system_id")).isZero();
        }
    }

    @Test
    @Order(6)
    void ovsVswitchdRestartReconverges() {
        hv2.restartVswitchd();
        a1.awaitReachable(a2.ip(), CONVERGE);
        b3.awaitReachable(b2.ip(), CONVERGE);
        await().atMost(CONVERGE).until(() -> nvesOf(hv2).getFirst().get("in_sync").asBoolean());
    }

    @Test
    @Order(7)
    void anOvsdbDisconnectKeepsForwardingAndRejoiningChangesNothing() {
        a1.awaitReachable(a3.ip(), CONVERGE);
        String controllers = hv3.vsctl("get", "bridge", "br-int", "controller");
        try (LivePing ping = a1.startPing(a3.ip(), 10)) {
            ping.awaitMoreReplies(30, CONVERGE);
            hv3.vsctl("del-manager");
            await().atMost(CONVERGE).until(() -> nvesOf(hv3).getFirst().get("ovsdb").asText().equals("disconnected"));
            ping.awaitMoreReplies(50, CONVERGE);
            hv3.joinController(tb.managementAddress(), ctl.ovsdbAddress().getPort());
            await().atMost(CONVERGE).until(() -> nvesOf(hv3).getFirst().get("ovsdb").asText().equals("connected"));
            ping.awaitMoreReplies(50, CONVERGE);
            assertThat(ping.stop().lost()).isZero();
        }
        assertThat(hv3.vsctl("get", "bridge", "br-int", "controller")).isEqualTo(controllers);
        assertThat(hv3.vsctl("list-br")).contains("br-int").contains("br-phy");
        JsonNode hv3Status = nvesOf(hv3).getFirst();
        assertThat(hv3Status.get("in_sync").asBoolean()).isTrue();
        assertThat(hv3Status.get("warnings")).isEmpty();
    }

    @Test
    @Order(8)
    void badNveInputIsWarnedAboutAndDisturbsNothing() {
        Hypervisor nameless = tb.addHypervisor("hv4");
        nameless.vsctl("set-manager", "tcp:" + tb.managementAddress() + ":" + ctl.ovsdbAddress().getPort());
        nameless.vsctl("set", "Open_vSwitch", ".", "external_ids:system-id=hv4");
        Hypervisor impostor = tb.addHypervisor("hv5");
        impostor.vsctl("set-manager", "tcp:" + tb.managementAddress() + ":" + ctl.ovsdbAddress().getPort());
        impostor.vsctl("set", "Open_vSwitch", ".", "external_ids:system-id=" + hv1.systemId(),
                "other_config:local_ip=" + impostor.vtep());
        String ghost = UUID.randomUUID().toString();
        hv1.vsctl("add-port", "br-int", "ghost0", "--", "set", "Interface", "ghost0", "type=internal",
                "external_ids:iface-id=" + ghost);
        hv1.vsctl("add-br", "br-other", "--", "set", "bridge", "br-other", "datapath_type=netdev");
        hv1.vsctl("add-port", "br-other", "stray0", "--", "set", "Interface", "stray0", "type=internal",
                "external_ids:iface-id=" + a1.portId());
        try {
            await().atMost(CONVERGE).untilAsserted(() -> {
                List<String> warnings = api.nves().stream().flatMap(n -> stream(n.get("warnings"))).toList();
                assertThat(warnings).anyMatch(w -> w.contains("local_ip"));
                assertThat(warnings).anyMatch(w -> w.contains("duplicate system-id"));
                assertThat(warnings).anyMatch(w -> w.contains(ghost) && w.contains("no known port"));
                assertThat(warnings).anyMatch(w -> w.contains("stray0") && w.contains("br-other"));
            });
            assertThat(impostor.hasBrInt()).isFalse();
            assertThat(nameless.hasBrInt()).isFalse();
            assertThat(nvesOf(hv1).getFirst().get("vtep").asText()).isEqualTo(hv1.vtep());
            assertThat(api.getPort(a1.portId()).get("binding:host_id").asText()).isEqualTo(hv1.systemId());
            assertThat(a1.ping(a2.ip(), 5, 100, Duration.ofSeconds(5)).allReceived()).isTrue();
        } finally {
            impostor.vsctl("del-manager");
            nameless.vsctl("del-manager");
            hv1.vsctl("--if-exists", "del-port", "br-int", "ghost0");
            hv1.vsctl("--if-exists", "del-br", "br-other");
        }
    }

    // ------------------------------------------------------------------ helpers

    static Stream<String> stream(JsonNode array) {
        return array == null ? Stream.empty() : java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText);
    }

    static List<JsonNode> nvesOf(Hypervisor... hvs) {
        List<String> ids = Stream.of(hvs).map(Hypervisor::systemId).toList();
        return api.nves().stream().filter(n -> ids.contains(n.path("system_id").asText())).toList();
    }

    /** NVEs (of the three) whose last reconcile read the switch back after the restart and is in sync. */
    static long readBackCount() {
        Neutron fresh = new Neutron(ctl.apiAddress().getPort(), ctl.adminToken().orElseThrow());
        api = fresh;
        return nvesOf(hv1, hv2, hv3).stream().filter(n -> n.get("in_sync").asBoolean()
                && n.path("last_reconcile").path("full_read").asBoolean()).count();
    }

    static List<String> flowsMentioning(String mac) {
        return Stream.of(hv1, hv2, hv3).flatMap(h -> h.dumpFlows().stream()).filter(l -> l.contains(mac)).toList();
    }

    static String neighbourMac(Vm vm, String ip) {
        String out = vm.exec("ip", "neigh", "show", ip, "dev", Vm.IFACE).stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lladdr (\\S+)").matcher(out);
        return m.find() ? m.group(1) : "";
    }

}
