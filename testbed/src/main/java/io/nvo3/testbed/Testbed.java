package io.nvo3.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One test bed of real Open vSwitch hypervisors and VMs in network namespaces (see TESTBED.md).
 *
 * <p>In the root namespace it creates an underlay Linux bridge (no address; hypervisor VTEPs are
 * {@code 198.18.0.N/24}) and a management bridge holding {@code 198.19.0.254/24} plus any extra
 * addresses (e.g. {@code 198.19.0.253} for a second controller). A controller listening on 0.0.0.0 is
 * reached by the hypervisors at those addresses. Everything is named after a random prefix
 * ({@link #prefix()}); {@link #close()} removes it all, also after failures, and
 * {@link #cleanupStale()} removes what a crashed earlier run left.
 *
 * <pre>{@code
 * Testbed.cleanupStale();
 * try (Testbed tb = Testbed.create()) {
 *     Hypervisor hv1 = tb.addHypervisor("hv1");
 *     hv1.joinController(tb.managementAddress(), 6640);
 *     Vm vm = hv1.addVm("vm1", "fa:16:3e:00:00:01", "203.0.113.5/24", portId);
 * }
 * }</pre>
 *
 * <p>Needs root, iproute2, ethtool and openvswitch-switch. Use one per test JVM: two live testbeds
 * would both put the management address on a root-namespace bridge.
 */
public final class Testbed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Testbed.class);
    private static final Pattern MGMT = Pattern.compile("198\\.19\\.(\\d{1,3})\\.(25[1-4])");
    static final int MAX_HYPERVISORS = 250;

    private final String prefix;
    private final Path stateDir;
    private final String managementAddress;
    private final String managementNet;
    private final Set<String> extraManagementAddresses = new LinkedHashSet<>();
    private final Map<String, Hypervisor> hypervisors = new LinkedHashMap<>();
    private final AtomicInteger vmCounter = new AtomicInteger();
    private final Duration timeout;
    private final Thread shutdownHook;
    private volatile boolean closed;

    /** Options of a testbed. */
    public static final class Builder {
        /** null: the first free 198.19.K.0/24 (K from 0) is chosen at build time, so test beds can run side by side. */
        private String managementAddress;
        private final List<String> extra = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {}

        /**
         * The controller's address on the management bridge, 198.19.K.251–254 (default: 198.19.K.254 with the
         * lowest K whose /24 no interface of this machine holds, so two test beds can run side by side).
         * Its /24 is the management subnet; hypervisors get 198.19.K.N.
         */
        public Builder managementAddress(String address) {
            this.managementAddress = requireMgmt(address);
            return this;
        }

        /**
         * A further address on the management bridge (e.g. a second controller), 198.19.K.251–254; with the chosen
         * default subnet, give it as 198.19.0.X and it moves to the chosen K.
         */
        public Builder extraManagementAddress(String address) {
            extra.add(requireMgmt(address));
            return this;
        }

        /** How long waits inside the testbed (for br-int, daemons) may take; 30 s by default. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Testbed build() {
            if (managementAddress == null) {
                return buildInFreeSubnet();
            }
            String net = subnetOf(managementAddress);
            for (String a : extra) {
                if (!subnetOf(a).equals(net)) {
                    throw new IllegalArgumentException("extra management address " + a + " is not in "
                            + net + "0/24 of " + managementAddress);
                }
            }
            return new Testbed(this);
        }

        /**
         * Picks the lowest free 198.19.K.0/24 and builds there, holding a machine-wide lock until its addresses are
         * configured, so two JVMs starting at once never pick the same K.
         */
        private Testbed buildInFreeSubnet() {
            java.nio.file.Path lockFile = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "nvo3-testbed.mgmt.lock");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 java.nio.channels.FileLock lock = ch.lock()) {
                String inUse = ProcessRunner.check("ip", "-o", "-4", "addr", "show").stdout();
                for (int k = 0; k < 64; k++) {
                    if (!inUse.contains(" inet 198.19." + k + ".")) {
                        List<String> given = List.copyOf(extra);
                        managementAddress = "198.19." + k + ".254";
                        extra.clear();
                        for (String a : given) {
                            extra.add("198.19." + k + "." + a.substring(a.lastIndexOf('.') + 1));
                        }
                        return build();
                    }
                }
                throw new IllegalStateException("no free management subnet in 198.19.0.0/18: leftovers of crashed test beds? "
                        + "(Testbed.cleanupStale())");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot lock " + lockFile, e);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Testbed create() {
        return builder().build();
    }

    /**
     * Removes namespaces, root links, daemons and state directories of earlier testbeds whose owning JVM
     * is gone; those of a live JVM (a concurrent run) are left alone. Returns what it removed.
     */
    public static List<String> cleanupStale() {
        return StaleCleaner.cleanupStale();
    }

    /** Namespaces and root links of the given prefix that still exist (empty once a close finished). */
    public static List<String> leftovers(String prefix) {
        return StaleCleaner.leftovers(prefix);
    }

    private Testbed(Builder b) {
        this.timeout = b.timeout;
        this.managementAddress = b.managementAddress;
        this.managementNet = subnetOf(managementAddress);
        this.extraManagementAddresses.addAll(b.extra);
        this.extraManagementAddresses.remove(managementAddress);
        this.stateDir = StaleCleaner.newStateDir();
        this.prefix = stateDir.getFileName().toString();
        this.shutdownHook = new Thread(this::closeFromHook, "nvo3-testbed-" + prefix + "-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            setUp();
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        LOG.info("testbed {} up: underlay bridge {}, management bridge {} with {} {}", prefix,
                underlayBridge(), managementBridge(), managementAddress, extraManagementAddresses);
    }

    private void setUp() {
        for (String a : managementAddresses()) {
            ProcessResult r = ProcessRunner.check("ip", "-o", "-4", "addr", "show");
            if (r.stdout().contains(" inet " + a + "/")) {
                throw new IllegalStateException(a + " is already configured on this machine: another testbed "
                        + "runs (or a crashed one was not cleaned: Testbed.cleanupStale()); give this one its own "
                        + "management subnet, e.g. Testbed.builder().managementAddress(\"198.19.1.254\")");
            }
        }
        ProcessRunner.check("ip", "link", "add", underlayBridge(), "type", "bridge");
        ProcessRunner.check("ip", "link", "set", underlayBridge(), "up");
        ProcessRunner.check("ip", "link", "add", managementBridge(), "type", "bridge");
        for (String a : managementAddresses()) {
            ProcessRunner.check("ip", "addr", "add", a + "/24", "dev", managementBridge());
        }
        ProcessRunner.check("ip", "link", "set", managementBridge(), "up");
    }

    /** Adds an address on the management bridge while the testbed runs (198.19.K.251–254). */
    public synchronized void addManagementAddress(String address) {
        requireOpen();
        if (managementAddresses().contains(requireMgmt(address))) {
            return;
        }
        if (!subnetOf(address).equals(managementNet)) {
            throw new IllegalArgumentException(address + " is not in the management subnet " + managementNet + "0/24");
        }
        ProcessRunner.check("ip", "addr", "add", address + "/24", "dev", managementBridge());
        extraManagementAddresses.add(address);
    }

    /**
     * Starts a hypervisor: namespace {@code nvo3tb-PREFIX-NAME} with its own ovsdb-server and
     * ovs-vswitchd, br-phy on the underlay and a management veth. The N-th hypervisor gets VTEP
     * {@code 198.18.0.N} and management address {@code 198.19.K.N} (K = 0 unless configured).
     */
    public synchronized Hypervisor addHypervisor(String name) {
        requireOpen();
        Names.requireName("hypervisor", name);
        if (hypervisors.containsKey(name)) {
            throw new IllegalArgumentException("hypervisor " + name + " exists already");
        }
        int index = hypervisors.size() + 1;
        if (index > MAX_HYPERVISORS) {
            throw new IllegalStateException("at most " + MAX_HYPERVISORS + " hypervisors per testbed");
        }
        Hypervisor hv = new Hypervisor(this, name, index);
        hypervisors.put(name, hv);
        hv.start();
        return hv;
    }

    public synchronized Hypervisor hypervisor(String name) {
        Hypervisor hv = hypervisors.get(name);
        if (hv == null) {
            throw new IllegalArgumentException("no hypervisor " + name);
        }
        return hv;
    }

    public synchronized List<Hypervisor> hypervisors() {
        return List.copyOf(hypervisors.values());
    }

    /** The short unique prefix of every name this testbed creates. */
    public String prefix() {
        return prefix;
    }

    /** Where the controller listens for hypervisors: {@code 198.19.0.254} unless configured. */
    public String managementAddress() {
        return managementAddress;
    }

    public synchronized List<String> managementAddresses() {
        List<String> all = new ArrayList<>();
        all.add(managementAddress);
        all.addAll(extraManagementAddresses);
        return all;
    }

    public String underlayBridge() {
        return Names.underlayBridge(prefix);
    }

    public String managementBridge() {
        return Names.managementBridge(prefix);
    }

    /** Per-testbed directory holding OVS databases, sockets and logs. */
    public Path stateDir() {
        return stateDir;
    }

    /** "198.19.K." — the management subnet without its last octet. */
    String managementNet() {
        return managementNet;
    }

    Duration timeout() {
        return timeout;
    }

    int nextVmIndex() {
        return vmCounter.incrementAndGet();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("testbed " + prefix + " is closed");
        }
    }

    /** Stops every daemon and removes every namespace, link and file the testbed made. */
    @Override
    public void close() {
        closeInternal();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
    }

    private void closeFromHook() {
        if (!closed) {
            LOG.warn("JVM exits with testbed {} open: removing it", prefix);
            closeInternal();
        }
    }

    private synchronized void closeInternal() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        Collection<Hypervisor> hvs = new ArrayList<>(hypervisors.values());
        for (Hypervisor hv : hvs) {
            collect(failures, hv::closeVms);
        }
        List<ProcessHandle> dying = new ArrayList<>();
        for (Hypervisor hv : hvs) {
            collect(failures, () -> dying.addAll(hv.killDaemons()));
        }
        collect(failures, () -> Await.until("OVS daemons of " + prefix + " to die", Duration.ofSeconds(20),
                () -> dying.stream().noneMatch(ProcessHandle::isAlive)));
        for (Hypervisor hv : hvs) {
            collect(failures, hv::deleteNamespace);
        }
        // By pattern too: whatever a failed start left half-made.
        collect(failures, () -> StaleCleaner.removeAll(prefix));
        if (!failures.isEmpty()) {
            RuntimeException e = new IllegalStateException("closing testbed " + prefix + " failed partly");
            failures.forEach(e::addSuppressed);
            throw e;
        }
        LOG.info("testbed {} removed", prefix);
    }

    private static void collect(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static String requireMgmt(String address) {
        var m = address == null ? null : MGMT.matcher(address);
        if (m == null || !m.matches() || Integer.parseInt(m.group(1)) > 255) {
            throw new IllegalArgumentException("management address must be 198.19.K.251-254 "
                    + "(hypervisors use .1-.250), got " + address);
        }
        return address;
    }

    private static String subnetOf(String address) {
        return address.substring(0, address.lastIndexOf('.') + 1);
    }
}
