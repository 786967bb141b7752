package io.nvo3.app.lifecycle;

import io.nvo3.app.ControllerRuntime;
import io.nvo3.app.config.ControllerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvo3.controller.mobility.LifecycleOptions;
import io.nvo3.controller.nve.pull.PullService;
import io.nvo3.fib.PullPolicy;
import io.nvo3.testbed.Hypervisor;
import io.nvo3.testbed.LivePing;
import io.nvo3.testbed.LivePingResult;
import io.nvo3.testbed.Testbed;
import io.nvo3.testbed.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * Issue 6 end to end on three real OVS hypervisors: tenant-system states drive forwarding, a VM moves under a 10 ms
 * ping, and a network populated on demand (pull, then hybrid) with a punt storm from one hypervisor. One test bed and
 * one controller for the class; ping and the NVEs' flow tables judge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleIT {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleIT.class);
    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final Duration GRACE = Duration.ofSeconds(4);
    static final int IDLE_SECONDS = 3;
    static final int SWITCH_METER_PPS = 1000;
    static Testbed tb;
    static Path dataDir;
    static ControllerRuntime ctl;
    static Api api;
    static Hypervisor hv1;
    static Hypervisor hv2;
    static Hypervisor hv3;
    static Vm p1;
    static Vm p2;
    static Vm p3;
    static Vm q1;
    static Vm q2;
    static Vm q3;
    static String pullNet;

    @BeforeAll
    static void up() throws Exception {
        tb = Testbed.create();
        dataDir = Files.createTempDirectory("nvo3-lifecycle-");
        LifecycleOptions lifecycle = LifecycleOptions.defaults().withGrace(GRACE).withPull(PullService.Options
                .defaults().withPolicy(new PullPolicy(IDLE_SECONDS, PullPolicy.Unknown.FLOOD)).withRate(100, 50)
                .withSwitchMeter(SWITCH_METER_PPS));
        ctl = ControllerRuntime.start(ControllerConfig.embedded(dataDir, tb.managementAddress()).withLifecycle(lifecycle));
        api = new Api(ctl.apiAddress().getPort(), ctl.adminToken().orElseThrow());
        hv1 = tb.addHypervisor("hv1");
        hv2 = tb.addHypervisor("hv2");
        hv3 = tb.addHypervisor("hv3");
        for (Hypervisor hv : List.of(hv1, hv2, hv3)) {
            hv.joinController(tb.managementAddress(), ctl.ovsdbAddress().getPort());
        }
        String pushNet = api.network("tenant-a", "push").get("id").asText();
        String pushSubnet = api.subnet("tenant-a", pushNet, "203.0.113.0/24").get("id").asText();
        pullNet = api.network("tenant-b", "pull").get("id").asText();
        assertThat(api.fibPolicy(pullNet, "pull").get("mode").asText()).isEqualTo("pull");
        String pullSubnet = api.subnet("tenant-b", pullNet, "198.51.100.0/24").get("id").asText();
        p1 = vm(hv1, "p1", "tenant-a", pushNet, pushSubnet, "203.0.113.11");
        p2 = vm(hv2, "p2", "tenant-a", pushNet, pushSubnet, "203.0.113.12");
        p3 = vm(hv3, "p3", "tenant-a", pushNet, pushSubnet, "203.0.113.13");
        q1 = vm(hv1, "q1", "tenant-b", pullNet, pullSubnet, "198.51.100.21");
        q2 = vm(hv2, "q2", "tenant-b", pullNet, pullSubnet, "198.51.100.22");
        q3 = vm(hv3, "q3", "tenant-b", pullNet, pullSubnet, "198.51.100.23");
        for (Vm v : List.of(p1, p2, p3, q1, q2, q3)) {
            await().atMost(CONVERGE).until(() -> api.neutronPort(v.portId()).get("status").asText().equals("ACTIVE"));
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
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
    }

    static List<String> flowsWith(Hypervisor hv, String mac) {
        return hv.dumpFlows().stream().filter(l -> l.contains(mac)).toList();
    }

    /** Table 40 entries whose destination is {@code mac} (not the ARP responder flows that answer with it). */
    static List<String> l2EntriesFor(Hypervisor hv, String mac) {
        return hv.dumpFlows().stream().filter(l -> l.contains("dl_dst=" + mac)).toList();
    }

    /** The explicit drop of everything a suspended VM sends, on its own NVE. */
    static boolean dropsFromPort(Hypervisor hv, Vm vm) {
        return hv.dumpFlows().stream().anyMatch(l -> l.matches(".*in_port=" + vm.ofport() + "\\b.*actions=drop.*"));
    }

    static boolean unreachable(Vm from, Vm to) {
        return from.ping(to.ip(), 3, 200, Duration.ofSeconds(2)).received() == 0;
    }

    /**
     * Runs {@code ./nvo3 ARGS --api ... --token ...} (the operator's CLI, as a child process) and parses its JSON
     * output; a non-zero exit fails with what it printed.
     */
    static JsonNode cli(String... args) {
        Path repo = Path.of(System.getProperty("user.dir")).getParent();
        List<String> cmd = new java.util.ArrayList<>(List.of(repo.resolve("nvo3").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--api", "127.0.0.1:" + ctl.apiAddress().getPort(), "--token",
                ctl.adminToken().orElseThrow(), "-o", "json"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("exit of %s: %s", cmd, out).isZero();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void state(Vm vm, String state) {
        JsonNode ts = api.setTenantSystem(vm.portId(), Map.of("state", state));
        assertThat(ts.get("state").asText()).isEqualTo(state);
    }

    @Test
    @Order(1)
    void eachTenantSystemStateDrivesPingAndTheFlowsOfLocalAndRemoteNves() {
        p1.awaitReachable(p2.ip(), CONVERGE);
        p3.awaitReachable(p2.ip(), CONVERGE);
        String mac = p2.mac();
        assertThat(flowsWith(hv1, mac)).isNotEmpty();
        assertThat(flowsWith(hv3, mac)).isNotEmpty();

        // SUSPENDED: traffic to and from it dropped by explicit local flows; the other NVEs hold nothing for it.
        state(p2, "SUSPENDED");
        await().atMost(CONVERGE).until(() -> flowsWith(hv1, mac).isEmpty() && flowsWith(hv3, mac).isEmpty());
        assertThat(unreachable(p1, p2)).isTrue();
        assertThat(unreachable(p2, p3)).isTrue();
        assertThat(dropsFromPort(hv2, p2)).isTrue();

        // SHUTDOWN keeps forwarding.
        state(p2, "RUNNING");
        p1.awaitReachable(p2.ip(), CONVERGE);
        state(p2, "SHUTDOWN");
        assertThat(p1.ping(p2.ip(), 5, 100, Duration.ofSeconds(3)).allReceived()).isTrue();
        assertThat(flowsWith(hv1, mac)).isNotEmpty();

        // SHUT_OFF: forwarding state gone everywhere, also on its own NVE.
        state(p2, "SHUT_OFF");
        await().atMost(CONVERGE).until(() -> Stream.of(hv1, hv2, hv3).allMatch(h -> flowsWith(h, mac).isEmpty()));
        assertThat(unreachable(p1, p2)).isTrue();

        // OTHER is carried and shown and changes nothing (it forwards like RUNNING).
        state(p2, "RUNNING");
        p1.awaitReachable(p2.ip(), CONVERGE);
        JsonNode other = api.setTenantSystem(p2.portId(), Map.of("state", "OTHER", "substate", "hibernating"));
        assertThat(other.get("substate").asText()).isEqualTo("hibernating");
        assertThat(api.tenantSystem(p2.portId()).get("state").asText()).isEqualTo("OTHER");
        assertThat(p1.ping(p2.ip(), 5, 100, Duration.ofSeconds(3)).allReceived()).isTrue();

        // NOT_DEPLOYED: nothing anywhere.
        state(p2, "NOT_DEPLOYED");
        await().atMost(CONVERGE).until(() -> Stream.of(hv1, hv2, hv3).allMatch(h -> flowsWith(h, mac).isEmpty()));
        assertThat(unreachable(p1, p2)).isTrue();
        state(p2, "RUNNING");
        p1.awaitReachable(p2.ip(), CONVERGE);

        // Neutron admin_state_up=false suspends (local drops, nothing remote); true resumes.
        api.updatePort(p2.portId(), Map.of("admin_state_up", false));
        await().atMost(CONVERGE).until(() -> flowsWith(hv1, mac).isEmpty());
        assertThat(unreachable(p1, p2)).isTrue();
        assertThat(dropsFromPort(hv2, p2)).isTrue();
        api.updatePort(p2.portId(), Map.of("admin_state_up", true));
        p1.awaitReachable(p2.ip(), CONVERGE);
    }

    @Test
    @Order(2)
    void aVmMovedFromHypervisor1To3UnderA10msPingLosesAtMostOneSecondAndTheOldNveRedirectsForTheGraceTime() {
        p2.awaitReachable(p1.ip(), CONVERGE);
        String mac = p1.mac();
        try (LivePing ping = p2.startPing(p1.ip(), 10)) {
            ping.awaitReplies(50, CONVERGE);
            JsonNode moving = cli("move", p1.portId(), hv3.systemId()); // what an operator types
            assertThat(moving.get("state").asText()).isEqualTo("MOVING");
            assertThat(moving.get("move_target").asText()).isEqualTo(hv3.systemId());
            assertThat(api.tenantSystem(p1.portId()).get("moving").asBoolean()).isTrue();
            long t0 = System.nanoTime();
            p1.plugInto(hv3);
            await().atMost(CONVERGE).until(() -> {
                JsonNode ts = api.tenantSystem(p1.portId());
                return ts.get("state").asText().equals("RUNNING") && hv3.systemId().equals(ts.get("nve").asText());
            });
            JsonNode ts = api.tenantSystem(p1.portId());
            assertThat(ts.get("moves").asLong()).isEqualTo(1);
            assertThat(ts.get("moving").asBoolean()).isFalse();
            // In transit: hv1 no longer hosts p1 but tunnels what still reaches it on to hv3.
            List<String> redirect = flowsWith(hv1, mac);
            assertThat(redirect).anyMatch(l -> l.contains(hv3.vtep() + "->tun_dst"));
            assertThat(api.redirects()).singleElement().satisfies(r -> {
                assertThat(r.get("from_nve").asText()).isEqualTo(hv1.systemId());
                assertThat(r.get("to_vtep").asText()).isEqualTo(hv3.vtep());
            });
            assertThat(cli("redirects")).singleElement().satisfies(r -> {
                assertThat(r.get("mac_address").asText()).isEqualTo(mac);
                assertThat(r.get("from_nve").asText()).isEqualTo(hv1.systemId());
            });
            ping.awaitMoreReplies(100, CONVERGE);
            LivePingResult r = ping.stop();
            LOG.info("move under 10 ms ping: {} requests, {} lost ({} ms to converge)", r.requests(), r.lost(),
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.lost()).as("pings lost during the move").isLessThanOrEqualTo(100);
        }
        // After the grace time the redirect is gone.
        await().atMost(GRACE.plusSeconds(10)).until(() -> flowsWith(hv1, mac).isEmpty());
        assertThat(api.redirects()).isEmpty();
        assertThat(flowsWith(hv2, mac)).anyMatch(l -> l.contains(hv3.vtep() + "->tun_dst"));
        assertThat(p3.ping(p1.ip(), 3, 100, Duration.ofSeconds(3)).allReceived()).isTrue();
    }

    @Test
    @Order(3)
    void inAPullNetworkFlowsAppearOnlyAfterTrafficCarryAnIdleTimeoutExpireAndComeBack() {
        String mac = q2.mac();
        assertThat(flowsWith(hv1, mac)).as("nothing pushed for a remote MAC in a pull network").isEmpty();
        long handledBefore = api.nve(hv1.systemId()).get("packet_in").get("handled").asLong();
        q1.awaitReachable(q2.ip(), CONVERGE);
        List<String> pulled = flowsWith(hv1, mac);
        assertThat(pulled).singleElement().satisfies(l -> assertThat(l).contains("idle_timeout=" + IDLE_SECONDS));
        JsonNode stats = api.nve(hv1.systemId()).get("packet_in");
        assertThat(stats.get("handled").asLong()).isGreaterThan(handledBefore);
        assertThat(stats.get("arp_replies").asLong()).as("proxy ARP").isPositive();
        assertThat(stats.get("pulled_flows_installed").asLong()).isPositive();

        await().atMost(Duration.ofSeconds(IDLE_SECONDS + 15)).until(() -> flowsWith(hv1, mac).isEmpty());
        assertThat(q1.ping(q2.ip(), 3, 200, Duration.ofSeconds(3)).allReceived()).isTrue();
        assertThat(flowsWith(hv1, mac)).singleElement()
                .satisfies(l -> assertThat(l).contains("idle_timeout=" + IDLE_SECONDS));
    }

    @Test
    @Order(4)
    void switchingToHybridKeepsEstablishedTrafficAndALatencySensitiveVmNeedsNoPacketIn() {
        q1.awaitReachable(q2.ip(), CONVERGE);
        try (LivePing ping = q1.startPing(q2.ip(), 10)) {
            ping.awaitReplies(50, CONVERGE);
            JsonNode ts = api.setTenantSystem(q3.portId(), Map.of("fib_class", "latency-sensitive"));
            assertThat(ts.get("fib_class").asText()).isEqualTo("latency-sensitive");
            assertThat(cli("fib-policy", pullNet, "--mode", "hybrid").path("fib_policy").path("mode").asText())
                    .isEqualTo("hybrid");
            assertThat(cli("fib-policy", pullNet).path("fib_policy").path("mode").asText()).isEqualTo("hybrid");
            assertThat(api.neutronNetwork(pullNet).get("fib_policy").get("mode").asText()).isEqualTo("hybrid");
            await().atMost(CONVERGE).until(() -> !l2EntriesFor(hv1, q3.mac()).isEmpty());
            ping.awaitMoreReplies(100, CONVERGE);
            LivePingResult r = ping.stop();
            LOG.info("pull -> hybrid under 10 ms ping: {} requests, {} lost", r.requests(), r.lost());
            assertThat(r.lost()).as("pings lost while the mode changed").isLessThanOrEqualTo(2);
        }
        q1.execUnchecked("ip", "neigh", "del", q3.ip(), "dev", Vm.IFACE);
        long handledBefore = api.nve(hv1.systemId()).get("packet_in").get("handled").asLong();
        assertThat(q1.ping(q3.ip(), 1, 200, Duration.ofSeconds(3)).allReceived()).isTrue();
        assertThat(api.nve(hv1.systemId()).get("packet_in").get("handled").asLong())
                .as("ARP answered by the hybrid responder, q3 pushed: no packet-in on hv1").isEqualTo(handledBefore);
    }

    @Test
    @Order(6)
    void switchingALiveNetworkFromPushToPullKeepsEstablishedTrafficOnPreInstalledPulledEntries() {
        p2.awaitReachable(p3.ip(), CONVERGE);
        assertThat(l2EntriesFor(hv2, p3.mac())).singleElement().satisfies(l -> assertThat(l).doesNotContain("idle"));
        String pushNet = api.neutronPort(p2.portId()).get("network_id").asText();
        long handledBefore = api.nve(hv2.systemId()).get("packet_in").get("handled").asLong();
        try (LivePing ping = p2.startPing(p3.ip(), 10)) {
            ping.awaitReplies(50, CONVERGE);
            assertThat(api.fibPolicy(pushNet, "pull").get("mode").asText()).isEqualTo("pull");
            await().atMost(CONVERGE).until(() -> l2EntriesFor(hv2, p3.mac()).stream()
                    .allMatch(l -> l.contains("idle_timeout=" + IDLE_SECONDS)));
            ping.awaitMoreReplies(100, CONVERGE);
            LivePingResult r = ping.stop();
            LOG.info("push -> pull under 10 ms ping: {} requests, {} lost", r.requests(), r.lost());
            assertThat(r.lost()).as("pings lost while the mode changed").isZero();
        }
        assertThat(api.nve(hv2.systemId()).get("packet_in").get("handled").asLong())
                .as("established pair pre-installed, not punted").isEqualTo(handledBefore);
    }

    @Test
    @Order(7)
    void aVmAppearingOnAnotherHypervisorBeforeLeavingTheOldOneMovesWithoutAMoveRequest() {
        p2.awaitReachable(p3.ip(), CONVERGE);
        String mac = p3.mac();
        long movesBefore = api.tenantSystem(p3.portId()).get("moves").asLong();
        try (LivePing ping = p2.startPing(p3.ip(), 10)) {
            ping.awaitReplies(50, CONVERGE);
            // The migrated copy (same port, MAC and address) comes up on hv1 while the original still runs on hv3.
            Vm copy = hv1.createVm("p3m", mac, p3.cidr(), p3.portId());
            copy.plug();
            await().atMost(CONVERGE).until(() -> hv1.systemId().equals(api.tenantSystem(p3.portId())
                    .path("nve").asText()));
            assertThat(flowsWith(hv3, mac)).anyMatch(l -> l.contains(hv1.vtep() + "->tun_dst"));
            p3.unplug();
            ping.awaitMoreReplies(100, CONVERGE);
            LivePingResult r = ping.stop();
            LOG.info("appear-before-leave move under 10 ms ping (pull network): {} requests, {} lost", r.requests(),
                    r.lost());
            assertThat(r.lost()).as("pings lost during the move").isLessThanOrEqualTo(100);
        }
        JsonNode ts = api.tenantSystem(p3.portId());
        assertThat(ts.get("state").asText()).isEqualTo("RUNNING");
        assertThat(ts.get("moves").asLong()).isEqualTo(movesBefore + 1);
        // hv2's pulled entry towards hv3 was stale after the move and replaced by one towards hv1.
        assertThat(l2EntriesFor(hv2, mac)).allMatch(l -> !l.contains(hv3.vtep() + "->tun_dst"));
        await().atMost(GRACE.plusSeconds(10)).until(() -> flowsWith(hv3, mac).isEmpty());
    }

    /** Unicast IPv4/UDP frames from the VM's own MAC and IP to {@code rate}/s random unknown MACs for {@code seconds}. */
    static final String STORM = """
            import socket, struct, time, random, sys
            src_mac = bytes.fromhex(sys.argv[1].replace(':', ''))
            src_ip = socket.inet_aton(sys.argv[2])
            dst_ip = socket.inet_aton(sys.argv[3])
            rate, seconds = int(sys.argv[4]), float(sys.argv[5])
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind(('eth0', 0))
            def csum(h):
                t = sum(struct.unpack('!10H', h))
                t = (t >> 16) + (t & 0xffff); t += t >> 16
                return (~t) & 0xffff
            hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28 + 18, 0, 0, 64, 17, 0, src_ip, dst_ip)
            hdr = hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:]
            body = hdr + struct.pack('!HHHH', 40000, 9, 8 + 18, 0) + bytes(18)
            sent, start = 0, time.time()
            while time.time() - start < seconds:
                dst = bytes([0x02, 0x42]) + random.randbytes(4)
                s.send(dst + src_mac + b'\\x08\\x00' + body)
                sent += 1
                ahead = sent / rate - (time.time() - start)
                if ahead > 0:
                    time.sleep(ahead)
            print(sent)
            """;

    @Test
    @Order(5)
    void aPuntStormFromOneHypervisorIsRateLimitedThereAndLeavesTheOthersTrafficUnharmed() throws Exception {
        api.setTenantSystem(q3.portId(), Map.of("fib_class", "standard"));
        await().atMost(CONVERGE).until(() -> l2EntriesFor(hv2, q3.mac()).isEmpty());
        Path script = tb.stateDir().resolve("storm.py");
        Files.writeString(script, STORM);
        long dropsHv2 = api.nve(hv2.systemId()).get("packet_in").get("dropped_rate_limit").asLong();
        long dropsHv3 = api.nve(hv3.systemId()).get("packet_in").get("dropped_rate_limit").asLong();
        Thread storm = Thread.ofPlatform().start(() -> LOG.info("storm sent {} frames", q1.exec("python3",
                script.toString(), q1.mac(), q1.ip(), "198.51.100.200", "3000", "4").stdout().strip()));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    api.nve(hv1.systemId()).get("packet_in").get("dropped_rate_limit").asLong() > 0);
            // New pairs on the other hypervisors still pull their entries at once.
            try (LivePing ping = q2.startPing(q3.ip(), 10)) {
                ping.awaitReplies(150, CONVERGE);
                LivePingResult r = ping.stop();
                LOG.info("q2 -> q3 during the storm: {} requests, {} lost", r.requests(), r.lost());
                assertThat(r.lost()).isLessThanOrEqualTo(1);
            }
            assertThat(storm.isAlive()).as("the storm still ran while q2 pinged q3").isTrue();
        } finally {
            storm.join(Duration.ofSeconds(20));
        }
        JsonNode hv1Stats = api.nve(hv1.systemId()).get("packet_in");
        LOG.info("hv1 packet-ins during the storm: {}", hv1Stats);
        String meter = hv1.ofctl("meter-stats");
        LOG.info("hv1 controller meter: {} / {}", hv1.ofctl("dump-meters").strip(), meter.strip());
        assertThat(hv1.ofctl("dump-meters")).contains("meter=controller").contains("rate=" + SWITCH_METER_PPS);
        java.util.regex.Matcher band = java.util.regex.Pattern.compile("0: packet_count:(\\d+)").matcher(meter);
        assertThat(band.find()).as("meter band stats in %s", meter).isTrue();
        assertThat(Long.parseLong(band.group(1))).as("frames cut by the hypervisor's controller meter").isPositive();
        assertThat(hv1Stats.get("dropped_rate_limit").asLong()).isPositive();
        assertThat(api.nve(hv2.systemId()).get("packet_in").get("dropped_rate_limit").asLong()).isEqualTo(dropsHv2);
        assertThat(api.nve(hv3.systemId()).get("packet_in").get("dropped_rate_limit").asLong()).isEqualTo(dropsHv3);
        assertThat(l2EntriesFor(hv2, q3.mac())).singleElement()
                .satisfies(l -> assertThat(l).contains("idle_timeout=" + IDLE_SECONDS));
    }
}
