package io.nvo3.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hypervisor: a network namespace with its own ovsdb-server and ovs-vswitchd (userspace datapath),
 * a netdev bridge {@code br-phy} holding a veth to the underlay bridge with the VTEP address on br-phy's
 * internal interface, and a management veth ({@code mgmt0}, 198.19.K.N/24) towards the controller.
 * {@code br-int} is not created here: the controller (or a test) makes it.
 */
public final class Hypervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Hypervisor.class);
    /** Name of the underlay veth end inside the namespace. */
    public static final String UNDERLAY_IFACE = "phy0";
    /** Name of the management veth end inside the namespace. */
    public static final String MANAGEMENT_IFACE = "mgmt0";
    public static final String BR_PHY = "br-phy";
    public static final String BR_INT = "br-int";

    private final Testbed testbed;
    private final String name;
    private final int index;
    private final String ns;
    private final OvsDaemons ovs;
    private final Map<String, Vm> vms = new LinkedHashMap<>();

    Hypervisor(Testbed testbed, String name, int index) {
        this.testbed = testbed;
        this.name = name;
        this.index = index;
        this.ns = Names.netns(testbed.prefix(), name);
        this.ovs = new OvsDaemons(ns, testbed.stateDir().resolve(name));
    }

    void start() {
        String p = testbed.prefix();
        ovs.createDatabase();
        Netns.add(ns);
        // Underlay veth: root end on the underlay bridge, namespace end in br-phy.
        String uRoot = Names.hvUnderlayVeth(p, index);
        ProcessRunner.check("ip", "link", "add", uRoot, "type", "veth", "peer", "name", UNDERLAY_IFACE, "netns", ns);
        ProcessRunner.check("ip", "link", "set", uRoot, "master", testbed.underlayBridge(), "up");
        ProcessRunner.check("ip", "-n", ns, "link", "set", UNDERLAY_IFACE, "up");
        // TESTBED.md: the userspace datapath drops VXLAN packets with an unfinished checksum
        // (coverage counter datapath_drop_tunnel_pop_error) when a kernel peer sends them.
        Netns.txChecksumOff(null, uRoot);
        Netns.txChecksumOff(ns, UNDERLAY_IFACE);
        // Management veth.
        String mRoot = Names.hvManagementVeth(p, index);
        ProcessRunner.check("ip", "link", "add", mRoot, "type", "veth", "peer", "name", MANAGEMENT_IFACE, "netns", ns);
        ProcessRunner.check("ip", "link", "set", mRoot, "master", testbed.managementBridge(), "up");
        ProcessRunner.check("ip", "-n", ns, "addr", "add", managementAddress() + "/24", "dev", MANAGEMENT_IFACE);
        ProcessRunner.check("ip", "-n", ns, "link", "set", MANAGEMENT_IFACE, "up");
        ovs.startOvsdbServer();
        ovs.startVswitchd();
        vsctl("add-br", BR_PHY, "--", "set", "bridge", BR_PHY, "datapath_type=netdev",
                "--", "add-port", BR_PHY, UNDERLAY_IFACE);
        configureVtepAddress();
        LOG.info("hypervisor {} up in {} (VTEP {}, management {})", name, ns, vtep(), managementAddress());
    }

    /** The userspace tunnel code routes through the kernel's view of br-phy's internal (tap) port. */
    private void configureVtepAddress() {
        Await.until(BR_PHY + " tap device in " + ns, testbed.timeout(), () -> Netns.linkExists(ns, BR_PHY));
        ProcessRunner.check("ip", "-n", ns, "addr", "replace", vtep() + "/24", "dev", BR_PHY);
        ProcessRunner.check("ip", "-n", ns, "link", "set", BR_PHY, "up");
    }

    /** Runs {@code ovs-vsctl} against this hypervisor's database; returns stdout, trimmed. */
    public String vsctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=" + ovs.dbSocket(), "--timeout=20"));
        cmd.addAll(List.of(args));
        return ovs.run(cmd).stdout().strip();
    }

    /** {@code ovs-vsctl --no-wait ...}: for when ovs-vswitchd is stopped and would never confirm. */
    public String vsctlNoWait(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--db=" + ovs.dbSocket(), "--timeout=20", "--no-wait"));
        cmd.addAll(List.of(args));
        return ovs.run(cmd).stdout().strip();
    }

    /** {@code ovs-appctl ofproto/trace br-int FLOW}, e.g. {@code "in_port=tap1,dl_src=...,dl_dst=..."}. */
    public String trace(String flow) {
        return appctl("ofproto/trace", BR_INT, flow);
    }

    /**
     * Runs {@code ovs-ofctl -O OpenFlow13 COMMAND br-int ARGS...}, e.g. {@code ofctl("add-flow", "...")}
     * or {@code ofctl("dump-flows")}; returns stdout.
     */
    public String ofctl(String command, String... args) {
        return ofctlOn(BR_INT, command, args);
    }

    /** {@code ovs-ofctl -O OpenFlow13 COMMAND BRIDGE ARGS...}. */
    public String ofctlOn(String bridge, String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-ofctl", "-O", "OpenFlow13", command, bridge));
        cmd.addAll(List.of(args));
        return ovs.run(cmd).stdout();
    }

    /** {@code ovs-appctl -t ovs-vswitchd ARGS...} (e.g. {@code appctl("ofproto/trace", "br-int", flow)}). */
    public String appctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ovs-appctl", "-t", "ovs-vswitchd"));
        cmd.addAll(List.of(args));
        return ovs.run(cmd).stdout();
    }

    /** The flows of br-int, one per line, without statistics. */
    public List<String> dumpFlows() {
        List<String> flows = new ArrayList<>();
        for (String line : ovs.run("ovs-ofctl", "-O", "OpenFlow13", "--no-stats", "dump-flows", BR_INT)
                .lines()) {
            if (!line.startsWith("OFPST_FLOW") && !line.startsWith("NXST_FLOW")) {
                flows.add(line);
            }
        }
        return flows;
    }

    /**
     * The onboarding contract: {@code ovs-vsctl set-manager tcp:HOST:PORT} and {@code ovs-vsctl set
     * Open_vSwitch . external_ids:system-id=NAME other_config:local_ip=VTEP
     * external_ids:nvo3-datapath-type=netdev}.
     */
    public void joinController(String host, int ovsdbPort) {
        vsctl("set-manager", "tcp:" + host + ":" + ovsdbPort);
        vsctl("set", "Open_vSwitch", ".", "external_ids:system-id=" + systemId(),
                "other_config:local_ip=" + vtep(), "external_ids:nvo3-datapath-type=netdev");
    }

    /** Waits until br-int exists (the controller creates it). */
    public void awaitBrInt(Duration timeout) {
        Await.until(BR_INT + " on " + name, timeout, this::hasBrInt);
    }

    public boolean hasBrInt() {
        List<String> cmd = List.of("ovs-vsctl", "--db=" + ovs.dbSocket(), "br-exists", BR_INT);
        return ProcessRunner.run(ProcessRunner.DEFAULT_TIMEOUT, ovs.env(), cmd).succeeded();
    }

    /** Stops ovs-vswitchd (SIGTERM, as systemd would) and waits until it is gone. */
    public void stopVswitchd() {
        ovs.stopVswitchd(testbed.timeout());
    }

    /** Starts ovs-vswitchd again after {@link #stopVswitchd()}; restores the VTEP address on br-phy. */
    public void startVswitchd() {
        if (ovs.vswitchdRunning()) {
            throw new IllegalStateException("ovs-vswitchd of " + name + " runs already");
        }
        ovs.startVswitchd();
        // The netdev datapath's internal port is a tap device that dies with the daemon.
        configureVtepAddress();
    }

    public void restartVswitchd() {
        stopVswitchd();
        startVswitchd();
    }

    public boolean vswitchdRunning() {
        return ovs.vswitchdRunning();
    }

    /**
     * Creates a VM whose veth is added to br-int as os-vif does, waiting (up to the testbed timeout) for
     * br-int to exist. The VM's MTU is 1450: VXLAN adds 50 bytes to a 1500-byte underlay.
     */
    public Vm addVm(String vmName, String mac, String cidr, String portId) {
        Vm vm = createVm(vmName, mac, cidr, portId);
        vm.plug();
        return vm;
    }

    /** Creates a VM wired into this hypervisor's namespace but not added to br-int ({@link Vm#plug()}). */
    public synchronized Vm createVm(String vmName, String mac, String cidr, String portId) {
        Vm vm = new Vm(testbed, this, vmName, mac, cidr, portId);
        vms.put(vmName, vm);
        vm.create();
        return vm;
    }

    synchronized void adopt(Vm vm) {
        vms.put(vm.name(), vm);
    }

    synchronized void release(Vm vm) {
        vms.remove(vm.name());
    }

    public synchronized List<Vm> vms() {
        return List.copyOf(vms.values());
    }

    synchronized void closeVms() {
        for (Vm vm : List.copyOf(vms.values())) {
            vm.destroy();
        }
        vms.clear();
    }

    /** SIGKILLs the daemons; returns them for the caller to await. */
    List<ProcessHandle> killDaemons() {
        return ovs.killAll();
    }

    void deleteNamespace() {
        Netns.delete(ns);
    }

    public String name() {
        return name;
    }

    /** {@code external_ids:system-id}: the hypervisor's name. */
    public String systemId() {
        return name;
    }

    /** The VTEP address, {@code 198.18.0.N}. */
    public String vtep() {
        return "198.18.0." + index;
    }

    /** The address of {@code mgmt0}, {@code 198.19.K.N} (K = 0 unless the testbed was configured). */
    public String managementAddress() {
        return testbed.managementNet() + index;
    }

    /** The network namespace name. */
    public String namespace() {
        return ns;
    }

    /** Where this hypervisor's conf.db, sockets and logs live. */
    public java.nio.file.Path ovsDir() {
        return ovs.dir();
    }

    /** Runs a command inside the hypervisor's namespace (checked). */
    public ProcessResult exec(String... command) {
        return ProcessRunner.check(testbed.timeout(), ovs.env(), Netns.exec(ns, command));
    }

    @Override
    public String toString() {
        return "Hypervisor[" + name + ", " + ns + ", vtep " + vtep() + "]";
    }
}
