package io.nvo3.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real OVS hypervisors (userspace datapath) carry ping between two VMs over VXLAN, with flows
 * written by ovs-ofctl the way the controller will write them, and leave nothing behind.
 */
class TestbedIT {
    private static final String MAC1 = "fa:16:3e:00:00:01";
    private static final String MAC2 = "fa:16:3e:00:00:02";
    private static final Pattern N_PACKETS = Pattern.compile("n_packets=(\\d+)");
    private static final Duration T = Duration.ofSeconds(20);

    @BeforeAll
    static void removeLeftoversOfCrashedRuns() {
        Testbed.cleanupStale();
    }

    @Test
    void vmsOnTwoHypervisorsPingOverVxlanAndCloseRemovesEverything() {
        String prefix;
        try (Testbed tb = Testbed.create()) {
            prefix = tb.prefix();
            Hypervisor hv1 = tb.addHypervisor("hv1");
            Hypervisor hv2 = tb.addHypervisor("hv2");
            assertThat(hv1.vtep()).isEqualTo("198.18.0.1");
            assertThat(hv2.vtep()).isEqualTo("198.18.0.2");
            makeBrInt(hv1);
            makeBrInt(hv2);
            Vm vm1 = hv1.addVm("vm1", MAC1, "203.0.113.1/24", "port-1");
            Vm vm2 = hv2.addVm("vm2", MAC2, "203.0.113.2/24", "port-2");
            assertThat(hv1.vsctl("get", "Interface", vm1.tap(), "external_ids:iface-id")).isEqualTo("port-1");

            // Before any flow, br-int (fail_mode=secure) drops everything.
            assertThat(vm1.ping(vm2.ip(), 2, 200, Duration.ofSeconds(2)).received()).isZero();

            addFlows(hv1, vm1, MAC2, hv2.vtep());
            addFlows(hv2, vm2, MAC1, hv1.vtep());
            assertThat(hv1.dumpFlows()).hasSize(4);

            vm1.awaitReachable(vm2.ip(), T);
            PingResult r = vm1.ping(vm2.ip(), 5, 100, Duration.ofSeconds(5));
            assertThat(r.allReceived()).as(r.output()).isTrue();
            assertThat(r.transmitted()).isEqualTo(5);

            // The tunnel really carried it: packets with VNI 100 came out of hv1's VXLAN port.
            assertThat(packets(hv1, "tun_id=0x64", "dl_dst=" + MAC1)).isPositive();
            assertThat(packets(hv2, "tun_id=0x64", "dl_dst=" + MAC2)).isPositive();

            // A full-size frame (MTU 1450) fits into the 1500-byte underlay with VXLAN's 50 bytes.
            PingResult big = PingResult.parse(vm1.execUnchecked("ping", "-n", "-c", "2", "-i", "0.2", "-W", "2",
                    "-M", "do", "-s", Integer.toString(Vm.MTU - 28), vm2.ip()));
            assertThat(big.allReceived()).as(big.output()).isTrue();

            // A live ping across a vswitchd restart loses packets, and the handle must count them.
            LivePing live = vm1.startPing(vm2.ip(), 10);
            live.awaitReplies(20, T);
            assertThat(live.lostSoFar()).isZero();
            hv2.restartVswitchd();
            assertThat(hv2.vswitchdRunning()).isTrue();
            // OpenFlow flows live only in ovs-vswitchd: a restart forgets them, the controller reinstalls.
            assertThat(hv2.dumpFlows()).isEmpty();
            addFlows(hv2, vm2, MAC1, hv1.vtep());
            live.awaitMoreReplies(20, T);
            LivePingResult lr = live.stop();
            assertThat(lr.lost()).as(lr.toString()).isPositive();
            assertThat(lr.replies()).isGreaterThanOrEqualTo(40);
        }
        Await.until("namespaces and links of " + prefix + " to vanish", T,
                () -> Testbed.leftovers(prefix).isEmpty());
        assertThat(StaleCleaner.stateRoot().resolve(prefix)).doesNotExist();
    }

    @Test
    void joinControllerPointsOvsdbServerAtTheManagementAddress() throws Exception {
        try (Testbed tb = Testbed.builder().extraManagementAddress("198.19.0.253").build();
                ServerSocket controller = new ServerSocket()) {
            assertThat(tb.managementAddresses()).containsExactly("198.19.0.254", "198.19.0.253");
            // A stand-in second controller on the extra management address only (not 0.0.0.0: nothing
            // but the testbed's own namespaces may reach it).
            controller.bind(new InetSocketAddress("198.19.0.253", 0));
            controller.setSoTimeout((int) T.toMillis());
            Hypervisor hv = tb.addHypervisor("hv1");
            hv.joinController("198.19.0.253", controller.getLocalPort());
            try (Socket fromOvsdb = controller.accept()) {
                assertThat(fromOvsdb.getInetAddress().getHostAddress()).isEqualTo(hv.managementAddress());
            }
            assertThat(hv.vsctl("get", "Open_vSwitch", ".", "external_ids:system-id")).isEqualTo("hv1");
            assertThat(hv.vsctl("get", "Open_vSwitch", ".", "other_config:local_ip")).isEqualTo("\"198.18.0.1\"");
            assertThat(hv.vsctl("get", "Open_vSwitch", ".", "external_ids:nvo3-datapath-type")).isEqualTo("netdev");
            assertThat(hv.vsctl("get-manager")).isEqualTo("tcp:198.19.0.253:" + controller.getLocalPort());
        }
    }

    @Test
    void vmMovedToAnotherHypervisorIsPluggedThereWithItsAddress() {
        try (Testbed tb = Testbed.create()) {
            Hypervisor hv1 = tb.addHypervisor("hv1");
            Hypervisor hv2 = tb.addHypervisor("hv2");
            makeBrInt(hv1);
            makeBrInt(hv2);
            Vm vm1 = hv1.addVm("vm1", MAC1, "203.0.113.1/24", "port-1");
            Vm vm2 = hv2.addVm("vm2", MAC2, "203.0.113.2/24", "port-2");

            vm2.plugInto(hv1);

            assertThat(vm2.hypervisor()).isSameAs(hv1);
            assertThat(hv2.vsctl("list-ports", "br-int")).doesNotContain(vm2.tap());
            assertThat(hv1.vsctl("get", "Interface", vm2.tap(), "external_ids:attached-mac"))
                    .isEqualTo("\"" + MAC2 + "\"");
            assertThat(hv1.vms()).containsExactlyInAnyOrder(vm1, vm2);
            hv1.ofctl("add-flow", "in_port=" + vm1.tap() + ",actions=output:" + vm2.tap());
            hv1.ofctl("add-flow", "in_port=" + vm2.tap() + ",actions=output:" + vm1.tap());
            vm1.awaitReachable(vm2.ip(), T);
        }
    }

    @Test
    void cleanupStaleRemovesARunWhoseJvmDiedButSparesALiveOne() throws Exception {
        try (Testbed tb = Testbed.create()) {
            Hypervisor hv = tb.addHypervisor("hv1");
            hv.createVm("vm1", MAC1, "203.0.113.1/24", "port-1");
            long vswitchd = Long.parseLong(Files.readString(hv.ovsDir().resolve("ovs-vswitchd.pid")).strip());

            Testbed.cleanupStale();
            assertThat(Testbed.leftovers(tb.prefix())).hasSize(6); // 2 netns, 2 bridges, 2 veths

            // Make it look like the run of a JVM that crashed: its owner pid is gone.
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Files.writeString(tb.stateDir().resolve("owner"), Long.toString(gone.pid()));
            assertThat(Testbed.cleanupStale()).contains("netns " + hv.namespace(), "link " + tb.underlayBridge());

            Await.until("stale testbed to vanish", T, () -> Testbed.leftovers(tb.prefix()).isEmpty());
            assertThat(ProcessHandle.of(vswitchd).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(tb.stateDir()).doesNotExist();
        } // close() after an outside cleanup must not fail
    }

    /** n_packets of the br-int flow whose match contains all the given fragments. */
    private static long packets(Hypervisor hv, String... fragments) {
        for (String line : hv.ofctl("dump-flows").lines().toList()) {
            if (java.util.Arrays.stream(fragments).allMatch(line::contains)) {
                Matcher m = N_PACKETS.matcher(line);
                assertThat(m.find()).as(line).isTrue();
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no flow with " + java.util.Arrays.toString(fragments) + " on " + hv.name()
                + " in:\n" + hv.ofctl("dump-flows"));
    }

    /** What the controller will do: a netdev br-int, secure fail mode, OpenFlow 1.3, a flow-based VXLAN port. */
    private static void makeBrInt(Hypervisor hv) {
        hv.vsctl("add-br", "br-int", "--", "set", "bridge", "br-int", "datapath_type=netdev",
                "fail_mode=secure", "protocols=OpenFlow13", "other-config:disable-in-band=true",
                "--", "add-port", "br-int", "vxlan", "--", "set", "Interface", "vxlan", "type=vxlan",
                "options:remote_ip=flow", "options:key=flow", "options:local_ip=" + hv.vtep());
        hv.awaitBrInt(T);
    }

    private static void addFlows(Hypervisor hv, Vm local, String remoteMac, String remoteVtep) {
        String toTunnel = "actions=set_field:100->tun_id,set_field:" + remoteVtep + "->tun_dst,output:vxlan";
        // ARP requests are broadcast: send them to the peer VTEP (head-end replication of one).
        hv.ofctl("add-flow", "table=0,priority=100,in_port=" + local.tap() + ",arp," + toTunnel);
        hv.ofctl("add-flow", "table=0,priority=100,in_port=" + local.tap() + ",dl_dst=" + remoteMac + "," + toTunnel);
        hv.ofctl("add-flow", "table=0,priority=100,in_port=vxlan,tun_id=100,arp,actions=output:" + local.tap());
        hv.ofctl("add-flow", "table=0,priority=100,in_port=vxlan,tun_id=100,dl_dst=" + local.mac()
                + ",actions=output:" + local.tap());
    }
}
