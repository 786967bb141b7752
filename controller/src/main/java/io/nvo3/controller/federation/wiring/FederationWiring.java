package io.nvo3.controller.federation.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.rib.NlriKeys;
import io.nvo3.bgp.speaker.BgpSpeaker;
import io.nvo3.bgp.speaker.LocalRouteChange;
import io.nvo3.bgp.speaker.RibEntry;
import io.nvo3.bgp.speaker.RouteEvent;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.controller.bgp.BgpService;
import io.nvo3.controller.bgp.NeighborView;
import io.nvo3.controller.federation.BgpVpnService;
import io.nvo3.controller.federation.LocalDomain;
import io.nvo3.controller.federation.RdAllocator;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.controller.federation.VnRoutingTable;
import io.nvo3.controller.federation.VnRoutings;
import io.nvo3.controller.federation.export.EvpnExport;
import io.nvo3.controller.federation.export.ExportDiff;
import io.nvo3.controller.federation.export.ExportedRoute;
import io.nvo3.controller.federation.export.LocalTenantSystem;
import io.nvo3.controller.federation.export.LocalTenantSystems;
import io.nvo3.controller.federation.export.MacMobility;
import io.nvo3.controller.federation.export.MobilityEvent;
import io.nvo3.controller.federation.export.MobilityMemory;
import io.nvo3.controller.federation.export.RemoteClaim;
import io.nvo3.controller.federation.imports.MacRoute;
import io.nvo3.controller.federation.imports.EvpnImport;
import io.nvo3.controller.federation.imports.ImportPolicy;
import io.nvo3.controller.federation.imports.ImportSnapshot;
import io.nvo3.controller.federation.imports.ReceivedEvpnRoute;
import io.nvo3.controller.model.ModelService;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.model.ModelEvent;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5: this controller domain's VNs over MP-BGP EVPN. Exports a MAC/IP route per RUNNING tenant system and an
 * IMET route per (VN, NVE) through the speaker, announces the import RTs (RFC 4684), and turns the best received
 * routes into remote FIB entries on the NVE manager — through a {@link RemoteGate} (withdraw hold-down, restart
 * deferral).
 *
 * <p>Every input (model events, BGPVPN events, best-path changes, NVE VTEPs, timers) only marks the state dirty;
 * one thread recomputes export and import from the whole picture after a short debounce and applies the difference.
 */
public final class FederationWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FederationWiring.class);
    private static final Duration SAVE_DELAY = Duration.ofMillis(200);

    /**
     * @param debounce           how long to gather changes before one recompute
     * @param holdDown           how long a vanished remote entry stays in the FIB (see {@link RemoteGate})
     * @param restartSettle      after a restart: how long every neighbor must be Established before the remembered
     *                           remote entries give way to the Loc-RIB (the speaker does not report End-of-RIB)
     * @param restartMaxDeferral after a restart: the latest moment they do (RFC 4724 selection deferral)
     * @param poll               how often NVE VTEPs and neighbor states are looked at
     * @param duplicateMacs      RFC 7432 duplicate MAC detection (N moves within M seconds)
     */
    public record Options(Duration debounce, Duration holdDown, Duration restartSettle, Duration restartMaxDeferral,
                          Duration poll, Clock clock, MacMobility.Settings duplicateMacs) {
        public Options {
            Objects.requireNonNull(duplicateMacs, "duplicateMacs");
            Objects.requireNonNull(debounce, "debounce");
            Objects.requireNonNull(holdDown, "holdDown");
            Objects.requireNonNull(restartSettle, "restartSettle");
            Objects.requireNonNull(restartMaxDeferral, "restartMaxDeferral");
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(clock, "clock");
        }

        public Options(Duration debounce, Duration holdDown, Duration restartSettle, Duration restartMaxDeferral,
                       Duration poll, Clock clock) {
            this(debounce, holdDown, restartSettle, restartMaxDeferral, poll, clock, MacMobility.Settings.defaults());
        }

        public static Options defaults() {
            return new Options(Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofSeconds(2),
                    Duration.ofSeconds(60), Duration.ofSeconds(1), Clock.systemUTC());
        }
    }

    /** The NVE side: {@code NveManager::vteps} and {@code NveManager::applyRemote}. */
    public interface Nves {
        Map<String, Inet4Address> vteps();

        void applyRemote(List<FibChange> changes);
    }

    private final Options options;
    private final ModelService model;
    private final BgpVpnService bgpvpns;
    private final RdAllocator rds;
    private final BgpService bgp;
    private final Nves nves;
    private final RemoteStore remoteStore;
    private final MobilityStore mobilityStore;
    private final RemoteGate gate;
    private final FederationMetrics metrics;
    private final ScheduledExecutorService loop;
    private final Instant startedAt;
    private final List<AutoCloseable> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    // --- owned by the loop thread
    private final Map<String, Network> networks = new TreeMap<>();
    private final Map<String, Port> ports = new HashMap<>();
    /** By route key in the order import sorts them (so its sort is one pass); EVPN keys only. */
    private final Map<Nlri, ReceivedEvpnRoute> received = new TreeMap<>(FederationWiring::evpnKeyOrder);
    private final EvpnImport.Memo importMemo = new EvpnImport.Memo();
    private Set<ExportedRoute> exported = Set.of();
    /** RFC 7432 §15 decisions per (VN, MAC), fed back to {@link MacMobility#decide} on every recompute. */
    private Map<MobilityMemory.Key, MobilityMemory> mobility;
    private Set<RouteTarget> importTargets;
    private Map<String, Inet4Address> vteps = Map.of();
    private Set<String> loggedSkips = Set.of();
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> recheck;
    private ScheduledFuture<?> save;
    private long lastRecomputeNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
    private long lastRecomputeTookNanos;
    private volatile LazyView view = new LazyView(FederationView.EMPTY);
    private volatile boolean closed;

    private FederationWiring(Options options, ModelService model, BgpVpnService bgpvpns, RdAllocator rds,
                             BgpService bgp, Nves nves, RemoteStore remoteStore, RemoteStore.Remembered remembered,
                             MeterRegistry meters) {
        this.options = options;
        this.model = model;
        this.bgpvpns = bgpvpns;
        this.rds = rds;
        this.bgp = bgp;
        this.nves = nves;
        this.remoteStore = remoteStore;
        this.mobilityStore = remoteStore.mobility();
        this.mobility = new LinkedHashMap<>(mobilityStore.load());
        this.gate = new RemoteGate(options.holdDown(), options.clock(), remembered.macs(), remembered.floods());
        this.metrics = new FederationMetrics(meters);
        this.startedAt = options.clock().instant();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nvo3-federation");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes to every input and starts exporting and importing. {@code remembered} must be what was passed to
     * the NVE manager at its start (from {@link RemoteStore#load()}).
     */
    public static FederationWiring start(Options options, ModelService model, BgpVpnService bgpvpns, RdAllocator rds,
                                         BgpService bgp, Nves nves, RemoteStore remoteStore,
                                         RemoteStore.Remembered remembered, MeterRegistry meters) {
        FederationWiring w = new FederationWiring(options, model, bgpvpns, rds, bgp, nves, remoteStore, remembered,
                meters);
        try {
            // The first export is in the speaker when start returns (before the caller starts the BGP neighbors).
            w.call(() -> {
                w.subscribeAll();
                w.recompute();
            });
            w.loop.scheduleWithFixedDelay(() -> w.guarded(w::poll), options.poll().toMillis(),
                    options.poll().toMillis(), TimeUnit.MILLISECONDS);
            if (!remembered.macs().isEmpty() || !remembered.floods().isEmpty()) {
                LOG.info("federation: keeping {} remote MACs and {} flood members from before the restart until the"
                        + " BGP peers have re-sent (at most {})", remembered.macs().size(), remembered.floods().size(),
                        options.restartMaxDeferral());
            }
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** What federation does now (thread-safe snapshot). */
    public FederationView view() {
        return view.get();
    }

    // ------------------------------------------------------------------ inputs

    private void subscribeAll() {
        model.networks().forEach(n -> networks.put(n.id(), n));
        model.ports().forEach(p -> ports.put(p.id(), p));
        subscriptions.add(model.subscribe(e -> exec(() -> onModel(e))));
        subscriptions.add(bgpvpns.subscribe(e -> exec(this::dirty)));
        if (bgp.configured()) {
            BgpSpeaker speaker = bgp.speaker().orElseThrow();
            subscriptions.add(speaker.subscribe(e -> exec(() -> onRoute(e))));
            // Seeded after subscribing, on this thread: events queued meanwhile are applied after the seed, in order.
            for (RibEntry r : speaker.rib(AfiSafi.L2VPN_EVPN)) {
                remember(r.nlri(), ReceivedEvpnRoute.of(r.nlri(), r.best(), r.peer()).filter(x -> r.peer().isPresent()));
            }
        } else {
            gate.ready();
        }
        vteps = nves.vteps();
        dirty();
    }

    private void onModel(ModelEvent e) {
        switch (e) {
            case ModelEvent.NetworkChanged n -> {
                if (n.after() == null) {
                    networks.remove(n.id());
                    rds.release(n.id());
                } else if (newer(networks.get(n.id()), n.after())) {
                    networks.put(n.id(), n.after());
                }
            }
            case ModelEvent.PortChanged p -> {
                if (p.after() == null) {
                    ports.remove(p.id());
                } else {
                    Port had = ports.get(p.id());
                    if (had == null || had.revisionNumber() <= p.after().revisionNumber()) {
                        ports.put(p.id(), p.after());
                    }
                }
            }
            case ModelEvent.SubnetChanged s -> {
                return; // fixed IPs arrive with their port
            }
        }
        dirty();
    }

    private static boolean newer(Network had, Network now) {
        return had == null || had.revisionNumber() <= now.revisionNumber();
    }

    private void onRoute(RouteEvent e) {
        if (e.family() != AfiSafi.L2VPN_EVPN) {
            return;
        }
        e.peer().ifPresent(metrics::routeEvent);
        // Only received routes: an empty peer is our own route (or the destination is gone).
        remember(e.nlri(), e.attributes().flatMap(a -> ReceivedEvpnRoute.of(e.nlri(), a, e.peer()))
                .filter(x -> e.peer().isPresent()));
        dirty();
    }

    private static int evpnKeyOrder(Nlri a, Nlri b) {
        if (a instanceof io.nvo3.bgp.wire.nlri.EvpnRoute x && b instanceof io.nvo3.bgp.wire.nlri.EvpnRoute y) {
            return io.nvo3.controller.federation.export.EvpnOrder.NLRI.compare(x, y);
        }
        return a.toString().compareTo(b.toString());
    }

    private void remember(Nlri nlri, Optional<ReceivedEvpnRoute> route) {
        Nlri key = NlriKeys.key(nlri);
        if (route.isPresent()) {
            received.put(key, route.get());
        } else {
            received.remove(key);
        }
    }

    private void poll() {
        Map<String, Inet4Address> now = nves.vteps();
        if (!now.equals(vteps)) {
            vteps = now;
            dirty();
        }
        if (!gate.isReady() && restartSettled()) {
            gate.ready();
            LOG.info("federation: BGP peers re-sent after the restart; remote entries follow the Loc-RIB again");
            dirty();
        }
    }

    /** Every graceful-restart neighbor Established for {@code restartSettle}, or the deferral timer ran out. */
    private boolean restartSettled() {
        Instant now = options.clock().instant();
        if (!now.isBefore(startedAt.plus(options.restartMaxDeferral()))) {
            return true;
        }
        for (NeighborView n : bgp.neighbors()) {
            if (!n.spec().gracefulRestart()) {
                continue;
            }
            if (n.state() != SessionState.ESTABLISHED || n.establishedSince().isEmpty()
                    || now.isBefore(n.establishedSince().get().plus(options.restartSettle()))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ recompute

    /**
     * Adaptive leading-edge debounce: a change is recomputed at once unless the last recompute ended less than its own
     * duration ago (capped at {@code debounce}); then it waits for the rest of that gap, and everything that arrives
     * meanwhile is applied together. A plug reaches the peers within milliseconds, while a burst of thousands of
     * routes costs a few recomputes (the thread recomputes at most about half of the time), not one per route.
     */
    private void dirty() {
        if (closed || pending != null) {
            return;
        }
        long gapNanos = Math.min(options.debounce().toNanos(), lastRecomputeTookNanos);
        long waitNanos = Math.max(0, gapNanos - (System.nanoTime() - lastRecomputeNanos));
        pending = loop.schedule(() -> guarded(() -> {
            pending = null;
            long t0 = System.nanoTime();
            try {
                recompute();
            } finally {
                lastRecomputeNanos = System.nanoTime();
                lastRecomputeTookNanos = lastRecomputeNanos - t0;
                metrics.recomputed(lastRecomputeTookNanos);
            }
        }), waitNanos, TimeUnit.NANOSECONDS);
    }

    private void recompute() {
        vteps = nves.vteps();
        if (!bgp.configured()) {
            applyImport(ImportSnapshot.EMPTY);
            view = new LazyView(FederationView.EMPTY);
            return;
        }
        LocalDomain domain = new LocalDomain(bgp.settings().asn(), bgp.settings().routerId());
        List<VnRouting> vns = VnRoutingTable.compute(networks.values(), bgpvpns, rds, domain);
        BgpSpeaker speaker = bgp.speaker().orElseThrow();

        // Import first: export needs the other domains' claims on our MACs (RFC 7432 §15). Routes from our own VTEPs
        // (reflected back to us) are ignored, RFC 7432 §9.1 by import RT.
        ImportSnapshot snap = EvpnImport.compute(received.values(), vns, ImportPolicy.of(Set.copyOf(vteps.values())),
                importMemo);

        // Export (RFC 7432 §7.2, §7.3; RFC 8365 §5.1.3): the pure mapping, then only the difference to the speaker.
        Map<String, List<Port>> byVn = new HashMap<>();
        ports.values().forEach(p -> byVn.computeIfAbsent(p.networkId(), k -> new ArrayList<>()).add(p));
        Map<String, Map<io.nvo3.bgp.wire.MacAddress, RemoteClaim>> claims = claims(snap);
        Map<VnRouting, List<LocalTenantSystem>> input = new LinkedHashMap<>();
        Map<MobilityMemory.Key, MobilityMemory> nextMobility = new LinkedHashMap<>();
        Instant now = options.clock().instant();
        // Each VN's own decisions only: handing every VN the whole memory made a recompute O(VNs x MACs).
        Map<String, Map<MobilityMemory.Key, MobilityMemory>> mobilityByVn = new HashMap<>();
        mobility.forEach((k, m) -> mobilityByVn.computeIfAbsent(k.vnId(), x -> new HashMap<>()).put(k, m));
        for (VnRouting vn : vns) {
            List<LocalTenantSystem> tss = LocalTenantSystems.fromPorts(byVn.getOrDefault(vn.networkId(), List.of()),
                    nve -> Optional.ofNullable(vteps.get(nve)),
                    // RFC 7432 §15: the MAC Mobility sequence number counts the moves of the MAC: this domain's own
                    // moves here, MacMobility adds the other domains'.
                    portId -> Optional.ofNullable(ports.get(portId)).map(Port::moves).orElse(0L));
            Network n = networks.get(vn.networkId());
            List<LocalTenantSystem> policed = n == null ? tss : SuspendedPolicy.apply(n.fibPolicy().suspended(), tss);
            MacMobility.Outcome m = MacMobility.decide(vn.networkId(), policed,
                    claims.getOrDefault(vn.networkId(), Map.of()), mobilityByVn.getOrDefault(vn.networkId(), Map.of()),
                    options.duplicateMacs(), now,
                    gate.isReady());
            m.events().forEach(this::logMobility);
            nextMobility.putAll(m.memory());
            input.put(vn, m.tenantSystems());
        }
        mobility = nextMobility;
        saveSoon();
        EvpnExport.DomainExport out = EvpnExport.routes(input);
        ExportDiff diff = ExportDiff.between(exported, out.routes());
        // One step for the speaker: the MAC/IP and MAC-only routes of a plugged VM reach the peers in one UPDATE.
        List<LocalRouteChange> changes = new ArrayList<>(diff.withdraw().size() + diff.originate().size());
        for (ExportedRoute.Key k : diff.withdraw()) {
            changes.add(new LocalRouteChange.Withdraw(k.family(), k.nlri()));
        }
        for (ExportedRoute r : diff.originate()) {
            changes.add(new LocalRouteChange.Originate(r.family(), r.nlri(), r.attributes(), r.nextHop()));
        }
        speaker.update(changes);
        if (!diff.isEmpty()) {
            LOG.info("federation export: {} originated, {} withdrawn ({} routes)", diff.originate().size(),
                    diff.withdraw().size(), out.routes().size());
        }
        exported = out.routes();
        metrics.exported(exported.size());

        // RFC 4684 §4: advertise membership for exactly the route targets we import.
        Set<RouteTarget> rts = VnRoutings.allImportTargets(vns);
        if (!rts.equals(importTargets)) {
            bgp.setImportTargets(rts);
            importTargets = rts;
        }

        logSkips(snap);
        applyImport(snap);
        // The API's view is built when asked for, from what this recompute saw (all of it immutable from here on):
        // building it here cost a second export per VN on every change.
        boolean ready = gate.isReady();
        int held = gate.held();
        Map<MobilityMemory.Key, MobilityMemory> mob = mobility;
        List<String> conflicts = out.conflicts();
        view = new LazyView(() -> {
            Map<String, Set<ExportedRoute>> perVn = new HashMap<>();
            input.forEach((vn, tss) -> perVn.put(vn.networkId(), EvpnExport.routes(vn, tss)));
            return FederationViews.of(ready, held, rts, vns, perVn, snap, conflicts, mobilityView(mob, claims));
        });
    }

    /** Builds the view once, on the first thread that asks. */
    private static final class LazyView {
        private java.util.function.Supplier<FederationView> build;
        private FederationView built;

        LazyView(java.util.function.Supplier<FederationView> build) {
            this.build = build;
        }

        LazyView(FederationView v) {
            this.built = v;
        }

        synchronized FederationView get() {
            if (built == null) {
                built = build.get();
                build = null;
            }
            return built;
        }
    }

    /** Per VN and MAC the strongest accepted MAC/IP route of another domain, selected for the FIB or not. */
    private static Map<String, Map<io.nvo3.bgp.wire.MacAddress, RemoteClaim>> claims(ImportSnapshot snap) {
        Map<String, Map<io.nvo3.bgp.wire.MacAddress, RemoteClaim>> out = new HashMap<>();
        for (MacRoute r : snap.macRoutes()) {
            RemoteClaim c = new RemoteClaim(Math.min(r.sequence(), MacMobility.MAX_SEQUENCE), r.vtep());
            out.computeIfAbsent(r.vnId(), k -> new HashMap<>()).merge(new io.nvo3.bgp.wire.MacAddress(r.mac().bits()),
                    c, (a, b) -> RemoteClaim.STRONGEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
        return out;
    }

    private static Map<String, List<FederationView.LocalMac>> mobilityView(Map<MobilityMemory.Key, MobilityMemory> mobility,
            Map<String, Map<io.nvo3.bgp.wire.MacAddress, RemoteClaim>> claims) {
        Map<String, List<FederationView.LocalMac>> out = new HashMap<>();
        mobility.forEach((k, m) -> m.attachment().ifPresent(a -> {
            Optional<RemoteClaim> c = Optional.ofNullable(claims.getOrDefault(k.vnId(), Map.of()).get(k.mac()));
            out.computeIfAbsent(k.vnId(), x -> new ArrayList<>()).add(new FederationView.LocalMac(k.mac().toString(),
                    a.vtep().getHostAddress(), m.sequence(), m.withdrawn(),
                    c.map(x -> x.vtep().getHostAddress()).orElse(null), c.map(RemoteClaim::sequence).orElse(null),
                    m.duplicate()));
        }));
        return out;
    }

    private void logMobility(MobilityEvent e) {
        MobilityMemory.Key k = e.key();
        switch (e) {
            case MobilityEvent.TakenOver t -> {
                metrics.mobility("taken_over");
                LOG.info("MAC mobility: {} of VN {} learnt at {} while VTEP {} advertises it with sequence {}:"
                        + " advertised with sequence {}", k.mac(), k.vnId(), t.localVtep().getHostAddress(),
                        t.from().vtep().getHostAddress(), t.from().sequence(), t.sequence());
            }
            case MobilityEvent.Withdrawn w -> {
                metrics.mobility("withdrawn");
                LOG.info("MAC mobility: {} of VN {} moved to VTEP {} (sequence {} over our {} at {}): our MAC/IP"
                        + " routes withdrawn", k.mac(), k.vnId(), w.winner().vtep().getHostAddress(),
                        w.winner().sequence(), w.sequence(), w.localVtep().getHostAddress());
            }
            case MobilityEvent.Readvertised r -> {
                metrics.mobility("readvertised");
                LOG.info("MAC mobility: {} of VN {} is no longer advertised elsewhere: advertised again from {}"
                        + " with sequence {}", k.mac(), k.vnId(), r.localVtep().getHostAddress(), r.sequence());
            }
            case MobilityEvent.Duplicate d -> {
                metrics.mobility("duplicate");
                LOG.warn("duplicate MAC {} in VN {}: {} moves within {} between VTEP {} and VTEP {}; its sequence"
                        + " number is no longer incremented until {} pass without a move", k.mac(), k.vnId(),
                        d.moves(), options.duplicateMacs().window(),
                        d.localVtep().map(Inet4Address::getHostAddress).orElse("-"),
                        d.remoteVtep().map(Inet4Address::getHostAddress).orElse("-"), options.duplicateMacs().window());
            }
        }
    }

    private void applyImport(ImportSnapshot snap) {
        RemoteGate.Step step = gate.step(snap.remoteMacs(), snap.floodMembers());
        if (!step.changes().isEmpty()) {
            LOG.info("federation import: {} FIB change(s): {}", step.changes().size(), summary(step.changes()));
            nves.applyRemote(step.changes());
            metrics.fibChanges(step.changes().size());
            remoteStore.record(step.changes());
            saveSoon();
        }
        Set<RemoteMac> macs = gate.appliedMacs();
        Set<RemoteFloodMember> floods = gate.appliedFloods();
        metrics.applied(macs.size(), floods.size(), gate.held());
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
        step.recheckAt().ifPresent(at -> {
            long ms = Math.max(1, Duration.between(options.clock().instant(), at).toMillis() + 1);
            recheck = loop.schedule(() -> guarded(this::dirty), ms, TimeUnit.MILLISECONDS);
        });
    }

    private static String summary(List<FibChange> changes) {
        return changes.size() <= 6 ? changes.toString() : changes.subList(0, 6) + " ...";
    }

    /** Each malformed or unusable route is logged once with the route and counted (bad input stays contained). */
    private void logSkips(ImportSnapshot snap) {
        Set<String> now = new HashSet<>();
        snap.skipped().forEach(s -> {
            String key = s.reason() + " " + s.route().nlri() + " " + s.route().peer();
            now.add(key);
            if (!loggedSkips.contains(key)) {
                metrics.skipped(s.reason());
                if (s.reason().error()) {
                    LOG.warn("federation import: route {} from {} (next hop {}) skipped: {} ({})",
                            io.nvo3.controller.bgp.RouteText.nlri(s.route().nlri()),
                            s.route().peer().map(a -> a.getHostAddress()).orElse("us"),
                            s.route().nextHop().getHostAddress(), s.reason(), s.detail());
                }
            }
        });
        loggedSkips = now;
    }

    /**
     * What a restart needs (the applied remote entries, the MAC mobility decisions) is written {@link #SAVE_DELAY}
     * after a change, once for all changes meanwhile: a plug and its MAC/IP route cost one write, and the write is
     * off the path from a change to its flows and routes. A crash loses at most the decisions of that last moment
     * (a remote entry learnt then is re-learnt from the peers; MAC mobility re-decides the same from the routes).
     */
    private void saveSoon() {
        if (save == null && !closed) {
            save = loop.schedule(() -> guarded(this::saveNow), SAVE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void saveNow() {
        if (save != null) {
            save.cancel(false);
            save = null;
        }
        mobilityStore.save(mobility);
        remoteStore.flush();
    }

    // ------------------------------------------------------------------ plumbing

    private void exec(Runnable r) {
        if (closed) {
            return;
        }
        try {
            loop.execute(() -> guarded(r));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("federation wiring task failed", e);
        }
    }

    private void call(Runnable r) {
        try {
            loop.submit(r).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("federation wiring did not start within 30 s", e);
        }
    }

    /** Stops listening; the routes stay with the speaker (closed after us), the remote flows stay on the NVEs. */
    @Override
    public void close() {
        if (!closed && !loop.isShutdown()) {
            try {
                loop.submit(() -> guarded(() -> {
                    if (save != null) {
                        saveNow(); // what changed in the last moment before a clean stop
                    }
                })).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                     | java.util.concurrent.RejectedExecutionException e) {
                LOG.warn("federation: last save before stopping failed: {}", e.toString());
            }
        }
        closed = true;
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
        loop.shutdownNow();
    }
}
