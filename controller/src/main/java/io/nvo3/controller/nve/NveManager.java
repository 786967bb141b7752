package io.nvo3.controller.nve;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.controller.fibwiring.FibWiring;
import io.nvo3.controller.mobility.Lifecycle;
import io.nvo3.controller.mobility.LifecycleOptions;
import io.nvo3.controller.model.ModelService;
import io.nvo3.controller.reconcile.NveReconciler;
import io.nvo3.controller.reconcile.ReconcileObserver;
import io.nvo3.controller.reconcile.SwitchConnectionFlowSwitch;
import io.nvo3.fib.FibUpdate;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.model.ModelEvent;
import io.nvo3.model.Port;
import io.nvo3.openflow.channel.ConnectionConfig;
import io.nvo3.openflow.channel.OpenFlowServer;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.channel.SwitchListener;
import io.nvo3.openflow.message.ErrorMsg;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.ovsdb.ConnectionListener;
import io.nvo3.ovsdb.OvsdbConnection;
import io.nvo3.ovsdb.OvsdbOptions;
import io.nvo3.ovsdb.OvsdbServer;
import io.nvo3.ovsdb.vswitch.BridgeSpec;
import io.nvo3.store.KvStore;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVE manager: the passive OVSDB manager and the OpenFlow controller of every hypervisor, and the loop
 * model → FIB → reconcile. A hypervisor joins with {@code ovs-vsctl set-manager tcp:CTRL:6640} and names itself
 * ({@code external_ids:system-id}, {@code other_config:local_ip}); the manager then creates or adopts br-int, points
 * its OpenFlow controller at the address the hypervisor used to reach us, adds the flow-based VXLAN port, binds the
 * ports that VMs plug (os-vif style), and keeps every NVE's flows equal to what the FIB computes.
 *
 * <p>All state lives on one thread; the OVSDB and OpenFlow adapters post their facts to it, and blocking model
 * writes (plug/unplug) run on a second one.
 */
public final class NveManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NveManager.class);
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * @param ovsdbListen    where hypervisors' ovsdb-server connects (set-manager)
     * @param openflowListen where br-int's OpenFlow connection goes; the target written into each hypervisor uses
     *                       the address that hypervisor reached us on and this port
     * @param nveGoneAfter   how long an NVE whose OVSDB connection is gone keeps its place (its flows elsewhere stay)
     * @param retryAfter     pause before retrying a failed reconcile
     * @param maxBackoff     reconnect back-off written into br-int's Controller and the Manager rows (0: leave alone)
     */
    public record Options(InetSocketAddress ovsdbListen, InetSocketAddress openflowListen, Duration nveGoneAfter,
                          Duration retryAfter, Duration maxBackoff, Clock clock, LifecycleOptions lifecycle) {
        public Options {
            Objects.requireNonNull(ovsdbListen, "ovsdbListen");
            Objects.requireNonNull(openflowListen, "openflowListen");
            Objects.requireNonNull(nveGoneAfter, "nveGoneAfter");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(clock, "clock");
            lifecycle = lifecycle == null ? LifecycleOptions.defaults() : lifecycle;
        }

        public Options(InetSocketAddress ovsdbListen, InetSocketAddress openflowListen, Duration nveGoneAfter,
                       Duration retryAfter, Duration maxBackoff, Clock clock) {
            this(ovsdbListen, openflowListen, nveGoneAfter, retryAfter, maxBackoff, clock, null);
        }

        /** Issue 6: mobility grace time, pull rate limits and idle timeout. */
        public Options withLifecycle(LifecycleOptions l) {
            return new Options(ovsdbListen, openflowListen, nveGoneAfter, retryAfter, maxBackoff, clock, l);
        }

        public static Options of(InetSocketAddress ovsdbListen, InetSocketAddress openflowListen) {
            return new Options(ovsdbListen, openflowListen, Duration.ofMinutes(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Clock.systemUTC());
        }
    }

    private final Options options;
    private final ModelService model;
    private final NveStore nveStore;
    private final FibWiring fib = new FibWiring();
    private final ScheduledExecutorService core;
    private final ExecutorService modelWriter;
    private final Map<String, NveEntry> nves = new TreeMap<>();
    private volatile Map<String, Inet4Address> vtepView = Map.of();
    private final Map<OvsdbConnection, OvsdbSessionState> sessions = new HashMap<>();
    private final Map<Long, SwitchConnection> unmatchedSwitches = new HashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final ReconcileObserver observer;
    private final Lifecycle lifecycle;
    private AutoCloseable modelSubscription;
    private OvsdbServer ovsdbServer;
    private OpenFlowServer openflowServer;
    private volatile boolean closed;
    /** Remote (BGP) entries remembered from before a restart, fed with the first load (federation wiring). */
    private List<io.nvo3.fib.input.FibChange> initialRemote = List.of();

    private NveManager(Options options, ModelService model, KvStore store, MeterRegistry metrics) {
        this.options = options;
        this.model = model;
        this.nveStore = new NveStore(store);
        this.core = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nvo3-nve"));
        this.modelWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "nvo3-nve-model"));
        this.observer = new ReconcileLog(metrics, options.retryAfter());
        Gauge.builder("nvo3.nve.connected", connected, AtomicInteger::get)
                .description("NVEs with both OVSDB and OpenFlow connected").register(metrics);
        this.lifecycle = new Lifecycle(options.lifecycle(), fib, core, this::dispatch, () -> call(fib::input), metrics);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Loads what is known (model, remembered NVEs), subscribes to model changes and starts listening for OVSDB and
     * OpenFlow connections.
     */
    public static NveManager start(Options options, ModelService model, KvStore store, MeterRegistry metrics)
            throws InterruptedException {
        return start(options, model, store, metrics, List.of());
    }

    /** As above, with the remote (BGP-learned) entries last applied, so the first reconcile keeps their flows. */
    public static NveManager start(Options options, ModelService model, KvStore store, MeterRegistry metrics,
                                   List<io.nvo3.fib.input.FibChange> initialRemote) throws InterruptedException {
        NveManager m = new NveManager(options, model, store, metrics);
        m.initialRemote = List.copyOf(initialRemote);
        try {
            m.modelSubscription = model.subscribe(e -> m.exec(() -> m.onModelEvent(e)));
            m.call(() -> {
                m.load();
                return null;
            });
            m.openflowServer = OpenFlowServer.start(options.openflowListen(), m.new OpenFlowSide(),
                    ConnectionConfig.defaults());
            m.ovsdbServer = OvsdbServer.start(options.ovsdbListen(), OvsdbOptions.defaults(), m.new OvsdbSide());
            LOG.info("NVE manager listening: ovsdb {} openflow {}", m.ovsdbServer.localAddress(),
                    m.openflowServer.localAddress());
            return m;
        } catch (InterruptedException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public InetSocketAddress ovsdbAddress() {
        return ovsdbServer.localAddress();
    }

    public InetSocketAddress openflowAddress() {
        return openflowServer.localAddress();
    }

    /** Every NVE (and every nameless or duplicate hypervisor connection), for {@code GET /api/v1/nves}. */
    public List<NveStatus> nves() {
        if (closed) {
            return List.of();
        }
        return call(this::statuses);
    }

    /** Federation: applies remote (BGP-learned) FIB changes on the manager's thread; affected NVEs reconcile. */
    public void applyRemote(List<io.nvo3.fib.input.FibChange> changes) {
        List<io.nvo3.fib.input.FibChange> copy = List.copyOf(changes);
        exec(() -> dispatch(fib.remoteAll(copy))); // one recompute per VN for the whole batch
    }

    /** Federation: the VTEP of every known NVE (connected, or remembered and not yet declared gone). */
    public Map<String, Inet4Address> vteps() {
        // A snapshot the NVE thread publishes whenever a VTEP changes: federation reads it on every recompute and
        // must not queue behind flow computations on that thread (a plug's export would wait for its local flows).
        return closed ? Map.of() : vtepView;
    }

    /** On the NVE thread, after any change of an NVE's VTEP or of the set of NVEs. */
    private void publishVteps() {
        Map<String, Inet4Address> out = new TreeMap<>();
        nves.values().forEach(e -> {
            if (e.vtep != null) {
                out.put(e.systemId, e.vtep);
            }
        });
        if (!out.equals(vtepView)) {
            vtepView = java.util.Collections.unmodifiableMap(out);
        }
    }

    /** Mobility redirects in their grace time (issue 6). */
    public List<io.nvo3.fib.input.Redirect> redirects() {
        return closed ? List.of() : call(fib::redirects);
    }

    /** Packet-in counters of one NVE (pull and hybrid VNs). */
    public io.nvo3.controller.nve.pull.PacketInStats packetIns(String systemId) {
        return lifecycle.pull().stats(systemId);
    }

    /** The current desired state of one NVE (for tests and diagnostics). */
    public Optional<NveState> desired(String systemId) {
        return call(() -> fib.state(systemId));
    }

    /** Runs on the manager's thread; a failure is logged, never lost. */
    private void exec(Runnable r) {
        if (closed) {
            return;
        }
        core.execute(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("NVE manager task failed", e);
            }
        });
    }

    private <T> T call(Callable<T> c) {
        try {
            return core.submit(c).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("NVE manager did not answer within 30 s", e);
        }
    }

    // ------------------------------------------------------------------ start-up

    private void load() {
        List<FibUpdate> updates = new ArrayList<>();
        List<NveRecord> records = nveStore.load();
        for (NveRecord r : records) {
            Inet4Address vtep = parseVtep(r.vtep()).orElse(null);
            if (vtep == null) {
                continue;
            }
            NveEntry e = entry(r.systemId());
            e.vtep = vtep;
            e.tunnelOfport = r.tunnelOfport();
            e.datapathType = r.datapathType();
            e.remoteIp = r.remoteIp();
            r.plugs().forEach((portId, ofport) -> e.plugs.put(portId,
                    new NveFacts.Plug(portId, "?", ofport, Optional.empty(), Optional.empty())));
            if (e.tunnelOfport > 0) {
                updates.addAll(fib.nveUp(new Nve(e.systemId, vtep, e.tunnelOfport)));
                e.inFib = true;
            }
            scheduleGone(e);
        }
        publishVteps(); // once for every remembered NVE
        model.networks().forEach(n -> updates.addAll(fib.network(n)));
        for (NveEntry e : nves.values()) {
            for (NveFacts.Plug p : e.plugs.values()) {
                updates.addAll(fib.binding(p.portId(), Optional.of(new TsLocation.Bound(e.systemId, p.ofport()))));
            }
        }
        model.ports().forEach(p -> updates.addAll(fib.port(p)));
        initialRemote.forEach(c -> updates.addAll(fib.remote(c)));
        dispatch(updates);
        LOG.info("NVE manager loaded {} remembered NVEs, {} networks, {} ports", records.size(),
                model.networks().size(), model.ports().size());
    }

    // ------------------------------------------------------------------ model side

    /**
     * Applies the event's own "after" value: the model's in-memory maps may lag the store watch that delivers the
     * event, so re-reading them here could see the state before this very change.
     */
    private void onModelEvent(ModelEvent e) {
        switch (e) {
            case ModelEvent.NetworkChanged n -> {
                if (n.after() == null) {
                    dispatch(fib.networkRemoved(n.id()));
                    return;
                }
                Optional<io.nvo3.fib.input.FibMode> before = lifecycle.modeBefore(n.after());
                List<FibUpdate> u = fib.network(n.after());
                lifecycle.networkApplied(before, n.after()); // mode change: pre-install pulled entries first
                dispatch(u);
            }
            case ModelEvent.PortChanged p -> {
                if (p.after() == null) {
                    dispatch(fib.portRemoved(p.id()));
                    return;
                }
                dispatch(fib.port(p.after()));
                if (fib.binding(p.id()).isEmpty() && p.before() == null) {
                    // Plugged before the port existed: bind it now.
                    for (NveEntry n : nves.values()) {
                        NveFacts.Plug plug = n.plugs.get(p.id());
                        if (plug != null && n.session != null) {
                            dispatch(bind(n, plug));
                            break;
                        }
                    }
                }
            }
            case ModelEvent.SubnetChanged s -> {
                // Subnets do not change L2 forwarding: fixed IPs arrive with their port.
            }
        }
    }

    private void dispatch(List<FibUpdate> updates) {
        for (FibUpdate u : updates) {
            u.changed().forEach((systemId, state) -> {
                NveEntry e = nves.get(systemId);
                if (e != null) {
                    e.reconciler.desired(state, u.delta(systemId));
                }
            });
        }
        if (!updates.isEmpty()) {
            lifecycle.fibChanged();
        }
    }

    // ------------------------------------------------------------------ OVSDB side

    private final class OvsdbSide implements ConnectionListener {
        @Override
        public void connected(OvsdbConnection connection) {
            exec(() -> onOvsdbConnected(connection));
        }

        @Override
        public void disconnected(OvsdbConnection connection) {
            exec(() -> onOvsdbDisconnected(connection));
        }
    }

    private void onOvsdbConnected(OvsdbConnection conn) {
        if (closed) {
            conn.close();
            return;
        }
        OvsdbNveSession session = new OvsdbNveSession(conn);
        OvsdbSessionState s = new OvsdbSessionState(session);
        sessions.put(conn, s);
        LOG.info("OVSDB connection from {}", session.remote());
        session.start(facts -> exec(() -> {
            if (sessions.get(conn) == s) {
                onFacts(s, facts);
            }
        })).whenComplete((v, err) -> {
            if (err != null && conn.isActive()) {
                LOG.warn("OVSDB monitor on {} failed: {}", session.remote(), err.toString());
                exec(() -> s.warnings = List.of("OVSDB monitor failed: " + err.getMessage()));
            }
        });
    }

    private void onOvsdbDisconnected(OvsdbConnection conn) {
        OvsdbSessionState s = sessions.remove(conn);
        if (s == null) {
            return;
        }
        for (NveEntry e : nves.values()) {
            e.duplicateClaims.remove(s.session.remote());
        }
        release(s, "OVSDB connection from " + s.session.remote() + " closed");
    }

    /** The session no longer speaks for its NVE; the NVE keeps its place (and flows) for a while. */
    private void release(OvsdbSessionState s, String why) {
        if (s.systemId == null) {
            return;
        }
        NveEntry e = nves.get(s.systemId);
        s.systemId = null;
        if (e == null || e.session != s) {
            return;
        }
        e.session = null;
        updateConnectedGauge();
        LOG.info("NVE {} left: {}; its forwarding state stays for {} unless it returns", e.systemId, why,
                options.nveGoneAfter());
        scheduleGone(e);
    }

    private void scheduleGone(NveEntry e) {
        if (e.goneTimer != null) {
            e.goneTimer.cancel(false);
        }
        e.goneTimer = core.schedule(() -> forget(e), options.nveGoneAfter().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forget(NveEntry e) {
        if (e.session != null || nves.get(e.systemId) != e) {
            return;
        }
        LOG.info("NVE {} gone for {}: removing it", e.systemId, options.nveGoneAfter());
        List<FibUpdate> updates = new ArrayList<>();
        for (NveFacts.Plug p : e.plugs.values()) {
            if (fib.binding(p.portId()).filter(b -> b.systemId().equals(e.systemId)).isPresent()) {
                updates.addAll(fib.binding(p.portId(), Optional.empty()));
                unplugInModel(p.portId(), e.systemId);
            }
        }
        updates.addAll(fib.nveDown(e.systemId));
        nves.remove(e.systemId);
        publishVteps();
        e.reconciler.detach();
        if (e.openflow != null) {
            e.openflow.close();
        }
        nveStore.remove(e.systemId);
        dispatch(updates);
    }

    private void onFacts(OvsdbSessionState s, NveFacts f) {
        List<String> bad = new ArrayList<>();
        Optional<Inet4Address> vtep = Optional.empty();
        if (f.systemId().isEmpty()) {
            bad.add("no external_ids:system-id on the Open_vSwitch row (ovs-vsctl set Open_vSwitch . "
                    + "external_ids:system-id=HOST)");
        }
        if (f.localIp().isEmpty()) {
            bad.add("no other_config:local_ip on the Open_vSwitch row (ovs-vsctl set Open_vSwitch . "
                    + "other_config:local_ip=VTEP)");
        } else {
            vtep = parseVtep(f.localIp().get());
            if (vtep.isEmpty()) {
                bad.add("other_config:local_ip '" + f.localIp().get() + "' is not an IPv4 address");
            }
        }
        if (!bad.isEmpty()) {
            if (!bad.equals(s.warnings)) {
                LOG.warn("hypervisor at {} cannot join: {}", s.session.remote(), String.join("; ", bad));
            }
            s.warnings = List.copyOf(bad);
            release(s, "it no longer names itself");
            return;
        }
        String systemId = f.systemId().get();
        if (s.systemId != null && !s.systemId.equals(systemId)) {
            release(s, "its system-id changed to " + systemId);
        }
        NveEntry e = nves.get(systemId);
        if (e != null && e.session != null && e.session != s) {
            List<String> dup = List.of("duplicate system-id " + systemId + ": already used by the NVE connected from "
                    + e.session.session.remote() + "; this hypervisor is ignored until its system-id is unique");
            if (!dup.equals(s.warnings)) {
                LOG.warn("hypervisor at {}: {}", s.session.remote(), dup.getFirst());
            }
            s.warnings = dup;
            e.duplicateClaims.add(s.session.remote());
            return;
        }
        if (e != null && e.session == null && e.goneTimer != null && e.remoteIp != null
                && !e.remoteIp.equals(s.session.remoteIp()) && !e.vtep.equals(vtep.get())) {
            // After a controller restart the first hypervisor to reconnect must not take over another's identity:
            // a claim from another address with another VTEP waits until the known NVE is declared gone.
            List<String> dup = List.of("duplicate system-id " + systemId + ": last seen from " + e.remoteIp
                    + " with VTEP " + e.vtep.getHostAddress() + "; this hypervisor is ignored until that NVE returns"
                    + " or is declared gone (" + options.nveGoneAfter() + ")");
            if (!dup.equals(s.warnings)) {
                LOG.warn("hypervisor at {}: {}", s.session.remote(), dup.getFirst());
            }
            s.warnings = dup;
            e.duplicateClaims.add(s.session.remote());
            return;
        }
        s.warnings = List.of();
        if (e == null) {
            e = entry(systemId);
        }
        if (e.session != s) {
            e.session = s;
            s.systemId = systemId;
            e.remoteIp = s.session.remoteIp();
            e.duplicateClaims.remove(s.session.remote());
            if (e.goneTimer != null) {
                e.goneTimer.cancel(false);
                e.goneTimer = null;
            }
            LOG.info("NVE {} joined from {} (VTEP {}, datapath type {})", systemId, s.session.remote(),
                    vtep.get().getHostAddress(), f.datapathType().orElse("default"));
            updateConnectedGauge();
        }
        e.vtep = vtep.get();
        publishVteps();
        e.datapathType = f.datapathType().orElse("");
        provision(e, s, f);

        List<FibUpdate> updates = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (f.brInt().isPresent()) {
            NveFacts.BrInt br = f.brInt().get();
            if (!br.datapathId().equals(e.datapathId)) {
                e.datapathId = br.datapathId();
                matchSwitch(e);
            }
            if (br.tunnelOfport().isPresent()) {
                e.tunnelOfport = br.tunnelOfport().getAsInt();
            }
            if (e.tunnelOfport > 0) {
                Nve nve = new Nve(systemId, e.vtep, e.tunnelOfport);
                if (!fib.nve(systemId).equals(Optional.of(nve))) {
                    updates.addAll(fib.nveUp(nve));
                    e.inFib = true;
                }
            }
            updates.addAll(replug(e, br.plugs()));
            br.duplicates().forEach(p -> warnings.add("iface-id " + p + " is set on more than one interface of br-int;"
                    + " only " + br.plugs().get(p).iface() + " is used"));
        }
        f.misplaced().forEach(m -> warnings.add("interface " + m.iface() + " (iface-id " + m.portId()
                + ") is plugged into bridge " + m.bridge() + ", not br-int; it is ignored"));
        e.factWarnings = List.copyOf(warnings);
        for (String w : warnings) {
            if (e.logged.add(w)) {
                LOG.warn("NVE {}: {}", systemId, w);
            }
        }
        if (!s.initialDone && f.brInt().isPresent()) {
            s.initialDone = true;
            // Ports the model still has on this NVE but that are no longer plugged (unplugged while we were away).
            for (Port p : model.ports()) {
                if (systemId.equals(p.attachedNve()) && !e.plugs.containsKey(p.id())) {
                    unplugInModel(p.id(), systemId);
                }
            }
        }
        dispatch(updates); // the flows first: remembering the NVE (below) is not on a plug's path to its flows
        maybeAttach(e);
        persist(e);
    }

    /** Applies a new set of plugs: unplugs first (an OpenFlow port number may be reused), then plugs. */
    private List<FibUpdate> replug(NveEntry e, Map<String, NveFacts.Plug> now) {
        List<FibUpdate> updates = new ArrayList<>();
        for (NveFacts.Plug old : e.plugs.values()) {
            NveFacts.Plug cur = now.get(old.portId());
            if (cur == null || cur.ofport() != old.ofport()) {
                if (fib.binding(old.portId()).filter(b -> b.systemId().equals(e.systemId)).isPresent()) {
                    updates.addAll(fib.binding(old.portId(), Optional.empty()));
                }
                if (cur == null) {
                    LOG.info("NVE {}: port {} unplugged ({})", e.systemId, old.portId(), old.iface());
                    unplugInModel(old.portId(), e.systemId);
                }
            }
        }
        Map<String, NveFacts.Plug> before = e.plugs;
        e.plugs = new TreeMap<>(now);
        for (NveFacts.Plug p : now.values()) {
            NveFacts.Plug old = before.get(p.portId());
            boolean known = fib.binding(p.portId()).equals(Optional.of(new TsLocation.Bound(e.systemId, p.ofport())));
            if (old == null || old.ofport() != p.ofport() || !known) {
                updates.addAll(bind(e, p));
            }
        }
        return updates;
    }

    /** Binds a plugged port when the model knows it; the model write (RUNNING, ACTIVE) runs off this thread. */
    private List<FibUpdate> bind(NveEntry e, NveFacts.Plug p) {
        if (model.port(p.portId()).isEmpty() && !fib.knowsPort(p.portId())) {
            String w = NveStatuses.unknownPortWarning(p);
            if (e.logged.add(w)) {
                LOG.warn("NVE {}: {}", e.systemId, w);
            }
            return List.of(); // bound once the port is created; listed in status() meanwhile
        }
        List<FibUpdate> u = fib.binding(p.portId(), Optional.of(new TsLocation.Bound(e.systemId, p.ofport())));
        LOG.info("NVE {}: port {} plugged as {} (ofport {})", e.systemId, p.portId(), p.iface(), p.ofport());
        modelWriter.execute(() -> {
            try {
                model.portPlugged(p.portId(), e.systemId);
            } catch (RuntimeException ex) {
                LOG.warn("could not mark port {} plugged on {}: {}", p.portId(), e.systemId, ex.getMessage());
            }
        });
        return u;
    }

    private void unplugInModel(String portId, String systemId) {
        modelWriter.execute(() -> {
            try {
                model.portUnplugged(portId, systemId);
            } catch (RuntimeException ex) {
                LOG.warn("could not mark port {} unplugged from {}: {}", portId, systemId, ex.getMessage());
            }
        });
    }

    private void provision(NveEntry e, OvsdbSessionState s, NveFacts f) {
        Optional<InetSocketAddress> local = s.session.local();
        if (local.isEmpty()) {
            return;
        }
        String target = "tcp:" + literal(local.get().getAddress()) + ":" + openflowServer.localAddress().getPort();
        BridgeSpec spec = new BridgeSpec(NveFacts.BR_INT, Optional.of("secure"), List.of("OpenFlow13"),
                f.datapathType(), Map.of("disable-in-band", "true"), Map.of(), List.of(target),
                List.of(BridgeSpec.PortSpec.flowBasedVxlan(NveFacts.TUNNEL_PORT, e.vtep.getHostAddress())));
        String key = spec.toString();
        boolean missing = f.brInt().isEmpty() || !f.brInt().get().controllers().contains(target);
        if (s.provisioning || (key.equals(s.provisionedSpec) && !missing)) {
            return;
        }
        s.provisioning = true;
        s.session.provision(spec, options.maxBackoff().toMillis()).whenCompleteAsync((outcome, err) -> {
            s.provisioning = false;
            if (err != null) {
                s.provisionError = "br-int provisioning failed: " + err.getMessage();
                LOG.warn("NVE {}: {}", e.systemId, s.provisionError);
                return;
            }
            s.provisionError = null;
            s.provisionedSpec = key;
            if (outcome.changes().isEmpty()) {
                LOG.info("NVE {}: br-int adopted unchanged (controller {})", e.systemId, target);
            } else {
                LOG.info("NVE {}: br-int provisioned: {}", e.systemId, String.join(", ", outcome.changes()));
            }
        }, core);
    }

    private void persist(NveEntry e) {
        if (e.tunnelOfport <= 0 || e.vtep == null) {
            return;
        }
        Map<String, Integer> plugs = new TreeMap<>();
        e.plugs.values().forEach(p -> plugs.put(p.portId(), p.ofport()));
        nveStore.save(new NveRecord(e.systemId, e.vtep.getHostAddress(), e.tunnelOfport, e.datapathType, plugs,
                e.remoteIp));
    }

    // ------------------------------------------------------------------ OpenFlow side

    private final class OpenFlowSide implements SwitchListener {
        @Override
        public void switchConnected(SwitchConnection conn, FeaturesReply features) {
            exec(() -> onSwitchConnected(conn));
        }

        @Override
        public void switchDisconnected(SwitchConnection conn, String reason) {
            exec(() -> onSwitchDisconnected(conn, reason));
        }

        @Override
        public void packetIn(SwitchConnection conn, io.nvo3.openflow.message.PacketIn packetIn) {
            lifecycle.pull().packetIn(conn, packetIn); // never blocks: queued per NVE
        }

        @Override
        public void flowRemoved(SwitchConnection conn, io.nvo3.openflow.message.FlowRemoved removed) {
            lifecycle.pull().flowRemoved(conn, removed);
        }

        @Override
        public void error(SwitchConnection conn, ErrorMsg error) {
            LOG.warn("OpenFlow error from {}: {}", conn.remoteAddress(), error);
        }
    }

    private void onSwitchConnected(SwitchConnection conn) {
        if (closed) {
            conn.close();
            return;
        }
        long dpid = conn.datapathId();
        for (NveEntry e : nves.values()) {
            if (e.datapathId.equals(OptionalLong.of(dpid))) {
                useSwitch(e, conn);
                return;
            }
        }
        LOG.info("OpenFlow switch {} (datapath {}) waits for its NVE's OVSDB report", conn.remoteAddress(),
                String.format("%016x", dpid));
        SwitchConnection old = unmatchedSwitches.put(dpid, conn);
        if (old != null && old != conn) {
            old.close();
        }
    }

    private void matchSwitch(NveEntry e) {
        if (e.datapathId.isPresent()) {
            SwitchConnection conn = unmatchedSwitches.remove(e.datapathId.getAsLong());
            if (conn != null && conn.isActive()) {
                useSwitch(e, conn);
            }
        }
    }

    private void useSwitch(NveEntry e, SwitchConnection conn) {
        if (e.openflow != null && e.openflow != conn) {
            e.reconciler.detach();
            e.openflow.close();
        }
        e.openflow = conn;
        lifecycle.pull().attach(e.systemId, conn);
        LOG.info("NVE {}: OpenFlow connected from {} (datapath {})", e.systemId, conn.remoteAddress(),
                String.format("%016x", conn.datapathId()));
        updateConnectedGauge();
        maybeAttach(e);
    }

    private void onSwitchDisconnected(SwitchConnection conn, String reason) {
        unmatchedSwitches.values().remove(conn);
        for (NveEntry e : nves.values()) {
            if (e.openflow == conn) {
                e.openflow = null;
                lifecycle.pull().detach(e.systemId);
                e.reconciler.detach();
                LOG.info("NVE {}: OpenFlow disconnected ({})", e.systemId, reason);
                updateConnectedGauge();
            }
        }
    }

    /** Reconcile starts once the switch is connected and the NVE's own OVSDB facts are in. */
    private void maybeAttach(NveEntry e) {
        if (e.openflow == null || e.reconciler.attached() || !e.inFib || e.session == null || !e.session.initialDone) {
            return;
        }
        if (e.reconciler.desired().isEmpty()) {
            fib.state(e.systemId).ifPresent(e.reconciler::desired);
        }
        e.reconciler.attach(new SwitchConnectionFlowSwitch(e.openflow));
    }

    private void updateConnectedGauge() {
        connected.set((int) nves.values().stream().filter(e -> e.session != null && e.openflow != null).count());
    }

    // ------------------------------------------------------------------ status

    private NveEntry entry(String systemId) {
        return nves.computeIfAbsent(systemId, id -> {
            NveReconciler r = new NveReconciler(id, core, observer, options.clock(), options.retryAfter());
            // Pull mode: a reconnect or restart leaves on-demand entries that are still right in place.
            r.keepInstalled(() -> io.nvo3.fib.Pull.stillValid(fib::input, id)); // the input only when a pulled entry is tested
            return new NveEntry(id, r);
        });
    }

    private List<NveStatus> statuses() {
        return NveStatuses.of(nves.values(), sessions.values(),
                portId -> model.port(portId).isPresent() || fib.knowsPort(portId), lifecycle.pull()::stats);
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<Inet4Address> parseVtep(String s) {
        if (!IPV4.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByName(s));
        } catch (java.net.UnknownHostException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String literal(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    @Override
    public void close() {
        closed = true;
        if (modelSubscription != null) {
            try {
                modelSubscription.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe", e);
            }
        }
        if (ovsdbServer != null) {
            ovsdbServer.close();
        }
        if (openflowServer != null) {
            openflowServer.close();
        }
        lifecycle.close();
        core.shutdownNow();
        modelWriter.shutdown();
        try {
            modelWriter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("NVE manager stopped");
    }
}
