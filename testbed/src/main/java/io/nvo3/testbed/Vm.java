package io.nvo3.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant system: a namespace {@code nvo3tb-PREFIX-NAME} with one veth end {@code eth0} (MAC, IP, MTU
 * 1450, up); the other end {@code tapK} lives in a hypervisor's namespace and is added to br-int as
 * os-vif does, with {@code external_ids:iface-id}, {@code attached-mac} and {@code iface-status=active}.
 */
public final class Vm {
    private static final Logger LOG = LoggerFactory.getLogger(Vm.class);
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})/(\\d{1,2})");
    /** VXLAN over IPv4 adds 50 bytes; the underlay MTU is 1500. */
    public static final int MTU = 1450;
    public static final String IFACE = "eth0";

    private final Testbed testbed;
    private final String name;
    private final String ns;
    private final String mac;
    private final String cidr;
    private final String ip;
    private final String portId;
    private final String tap;
    private final List<LivePing> pings = new ArrayList<>();
    private Hypervisor hypervisor;
    private boolean plugged;

    Vm(Testbed testbed, Hypervisor hypervisor, String name, String mac, String cidr, String portId) {
        this.testbed = testbed;
        this.hypervisor = hypervisor;
        this.name = Names.requireName("vm", name);
        this.mac = requireMac(mac == null ? null : mac.toLowerCase(Locale.ROOT));
        this.cidr = requireTenantCidr(cidr);
        this.ip = cidr.substring(0, cidr.indexOf('/'));
        if (portId == null || portId.isBlank()) {
            throw new IllegalArgumentException("portId must not be blank");
        }
        this.portId = portId;
        this.ns = Names.netns(testbed.prefix(), name);
        this.tap = "tap" + testbed.nextVmIndex();
    }

    void create() {
        Netns.add(ns);
        ProcessRunner.check("ip", "link", "add", IFACE, "netns", ns, "address", mac, "mtu", Integer.toString(MTU),
                "type", "veth", "peer", "name", tap, "netns", hypervisor.namespace());
        ProcessRunner.check("ip", "-n", ns, "addr", "add", cidr, "dev", IFACE);
        ProcessRunner.check("ip", "-n", ns, "link", "set", IFACE, "up");
        // Checked here: with transmit checksum offload on, TCP between two VMs over the userspace
        // datapath fails (the segments leave with partial checksums); ICMP works either way.
        Netns.txChecksumOff(ns, IFACE);
        tapUp(hypervisor);
    }

    private void tapUp(Hypervisor hv) {
        ProcessRunner.check("ip", "-n", hv.namespace(), "link", "set", tap, "mtu", Integer.toString(MTU), "up");
        Netns.txChecksumOff(hv.namespace(), tap);
    }

    /** Adds the tap to br-int of the current hypervisor (waiting for br-int to exist). */
    public synchronized void plug() {
        if (plugged) {
            return;
        }
        hypervisor.awaitBrInt(testbed.timeout());
        hypervisor.vsctl("add-port", Hypervisor.BR_INT, tap, "--", "set", "Interface", tap,
                "external_ids:iface-id=" + portId, "external_ids:attached-mac=" + mac,
                "external_ids:iface-status=active");
        plugged = true;
        LOG.info("vm {} ({} {}) plugged into {} as {}", name, mac, cidr, hypervisor.name(), tap);
    }

    /** Removes the tap from br-int (the veth stays, as when a VM is shut off). */
    public synchronized void unplug() {
        if (!plugged) {
            return;
        }
        hypervisor.vsctl("--if-exists", "del-port", Hypervisor.BR_INT, tap);
        plugged = false;
    }

    /** Moves the VM to another hypervisor: unplug, move the tap into its namespace, plug there. */
    public synchronized void plugInto(Hypervisor other) {
        if (other == hypervisor) {
            plug();
            return;
        }
        unplug();
        ProcessRunner.check("ip", "-n", hypervisor.namespace(), "link", "set", tap, "netns", other.namespace());
        hypervisor.release(this);
        hypervisor = other;
        other.adopt(this);
        tapUp(other);
        plug();
    }

    /** {@code ping -c COUNT -i INTERVAL -w TIMEOUT IP}; a lossy run is a result, not an exception. */
    public PingResult ping(String target, int count, int intervalMs, Duration timeout) {
        long deadline = Math.max(1, (timeout.toMillis() + 999) / 1000);
        List<String> cmd = Netns.exec(ns, "ping", "-n", "-c", Integer.toString(count), "-i", seconds(intervalMs),
                "-W", "1", "-w", Long.toString(deadline), target);
        ProcessResult r = ProcessRunner.run(timeout.plusSeconds(5), Map.of(), cmd);
        return PingResult.parse(r);
    }

    /** Pings once a second (up to the timeout) until a reply comes. */
    public void awaitReachable(String target, Duration timeout) {
        Await.until(name + " reaching " + target, timeout,
                () -> ping(target, 1, 200, Duration.ofSeconds(1)).allReceived());
    }

    /** Starts {@code ping -O -i INTERVAL} in the background; stop it (or close the testbed) to end it. */
    public synchronized LivePing startPing(String target, int intervalMs) {
        LivePing p = new LivePing(Netns.exec(ns, "ping", "-n", "-O", "-i", seconds(intervalMs), target),
                name + " -> " + target);
        pings.add(p);
        return p;
    }

    /** Runs a command in the VM's namespace; throws on a non-zero exit. */
    public ProcessResult exec(String... command) {
        return ProcessRunner.check(testbed.timeout(), Map.of(), Netns.exec(ns, command));
    }

    /** Runs a command in the VM's namespace and returns whatever happened. */
    public ProcessResult execUnchecked(String... command) {
        return ProcessRunner.run(testbed.timeout(), Map.of(), Netns.exec(ns, command));
    }

    synchronized void destroy() {
        for (LivePing p : pings) {
            p.stop();
        }
        pings.clear();
        Netns.delete(ns);
    }

    public String name() {
        return name;
    }

    public String mac() {
        return mac;
    }

    /** The address without prefix length. */
    public String ip() {
        return ip;
    }

    public String cidr() {
        return cidr;
    }

    public String portId() {
        return portId;
    }

    /** The hypervisor-side interface name (OVS port name on br-int). */
    public String tap() {
        return tap;
    }

    public synchronized Hypervisor hypervisor() {
        return hypervisor;
    }

    public synchronized boolean plugged() {
        return plugged;
    }

    public String namespace() {
        return ns;
    }

    /** The OpenFlow port number of the tap on br-int, once plugged and assigned. */
    public int ofport() {
        return Integer.parseInt(hypervisor().vsctl("get", "Interface", tap, "ofport"));
    }

    private static String seconds(int ms) {
        if (ms <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + ms + " ms");
        }
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String requireMac(String mac) {
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new IllegalArgumentException("mac must be xx:xx:xx:xx:xx:xx (hex), got " + mac);
        }
        return mac;
    }

    private static String requireTenantCidr(String cidr) {
        if (cidr == null || !CIDR.matcher(cidr).matches()
                || !(cidr.startsWith("203.0.113.") || cidr.startsWith("198.51.100."))) {
            throw new IllegalArgumentException("VM address must be in 203.0.113.0/24 or 198.51.100.0/24 "
                    + "with a prefix length, got " + cidr);
        }
        return cidr;
    }

    @Override
    public String toString() {
        return "Vm[" + name + ", " + mac + ", " + cidr + ", port " + portId + ", on " + hypervisor().name() + "]";
    }
}
