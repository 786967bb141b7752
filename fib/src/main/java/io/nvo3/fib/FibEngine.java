package io.nvo3.fib;

import io.nvo3.fib.diff.StateDelta;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental FIB: applies {@link FibChange}s and recomputes only the VNs they touch, on the NVEs that have or had
 * those VNs. Its states always equal {@link Fib#compute} of the input the changes lead to (property-tested). A change
 * it cannot bound (a VTEP that BGP routes point at joins or leaves the domain) recomputes everything.
 * Not thread-safe: one owner thread applies changes.
 */
public final class FibEngine {
    private static final Logger LOG = LoggerFactory.getLogger(FibEngine.class);

    private final Map<String, Nve> nves = new HashMap<>();
    private final Map<String, VirtualNetwork> vns = new HashMap<>();
    private final Map<String, TenantSystem> tss = new HashMap<>();
    private final Map<String, Map<String, TenantSystem>> tsByVn = new HashMap<>();
    private final Map<String, Set<String>> portsByNve = new HashMap<>();
    private final Map<String, Set<RemoteMac>> macsByVn = new HashMap<>();
    /** The BGP routes of each MAC of each VN (several when more than one peer advertises it). */
    private final Map<String, Map<MacAddress, Set<RemoteMac>>> routesByMac = new HashMap<>();
    private final Map<String, Set<RemoteFloodMember>> floodByVn = new HashMap<>();
    private final Map<String, Map<Redirect.Key, Redirect>> redirectsByVn = new HashMap<>();
    private final Map<String, Set<String>> redirectVnsByNve = new HashMap<>();
    /** Multi-VNI stitching: VNI → VN → number of remote entries of that VN carrying it. */
    private final Map<Integer, Map<String, Integer>> remoteVniRefs = new HashMap<>();
    private final Map<Inet4Address, Integer> bgpVtepRefs = new HashMap<>();
    private final Map<Integer, String> vnByVni = new HashMap<>();
    private final Map<TsLocation.Bound, String> bindings = new HashMap<>();
    private Set<Inet4Address> domainVteps = Set.of();
    /** {@link #input()} since the last change; null after one. */
    private FibInput inputCache;

    private final Map<String, VnSlice> pipelines = new HashMap<>();
    private final Map<String, Map<String, VnSlice>> slices = new HashMap<>();
    private final Map<String, Set<String>> nvesByVn = new HashMap<>();
    private final Map<String, NveState> states = new HashMap<>();

    private FibEngine() {
    }

    /** An engine holding {@code initial}, fully computed. */
    public static FibEngine start(FibInput initial) {
        FibEngine e = new FibEngine();
        initial.nves().values().forEach(n -> e.nves.put(n.systemId(), n));
        initial.virtualNetworks().values().forEach(e::putVn);
        initial.tenantSystems().values().forEach(e::putTs);
        initial.remoteMacs().forEach(m -> e.putMac(m, true));
        initial.floodMembers().forEach(m -> e.putFlood(m, true));
        initial.redirects().forEach(r -> e.putRedirect(r, true));
        e.recomputeAll();
        return e;
    }

    /** The current desired state of every connected NVE. */
    public Map<String, NveState> states() {
        return Map.copyOf(states);
    }

    /** The input the applied changes led to (built once per change: building it validates every entry). */
    public FibInput input() {
        if (inputCache == null) {
            inputCache = buildInput();
        }
        return inputCache;
    }

    /** Whether a tenant system of this port id is held, without building the whole input. */
    public boolean hasTenantSystem(String portId) {
        return tss.containsKey(portId);
    }

    /** The NVE of this system id, without building the whole input. */
    public Optional<Nve> nve(String systemId) {
        return Optional.ofNullable(nves.get(systemId));
    }

    private FibInput buildInput() {
        Set<RemoteMac> macs = new HashSet<>();
        macsByVn.values().forEach(macs::addAll);
        Set<RemoteFloodMember> floods = new HashSet<>();
        floodByVn.values().forEach(floods::addAll);
        Set<Redirect> redirects = new HashSet<>();
        redirectsByVn.values().forEach(m -> redirects.addAll(m.values()));
        return new FibInput(nves, vns, tss, macs, floods, redirects);
    }

    /**
     * Applies one change. Throws {@link FibInputException} (and changes nothing) if the change breaks an invariant
     * of {@link FibInput}: a VNI already used by another VN (as its own or by its remote entries), a port already
     * bound to another tenant system, or a second redirect for one (VN, MAC, old NVE).
     */
    public FibUpdate apply(FibChange change) {
        inputCache = null;
        if (change instanceof FibChange.RemoteMacAdded || change instanceof FibChange.RemoteMacRemoved
                || change instanceof FibChange.FloodMemberAdded || change instanceof FibChange.FloodMemberRemoved) {
            RemoteBatch batch = new RemoteBatch();
            batch.before(change);
            batch.applied(change, applyRemoteEntry(change));
            return recomputeRemote(batch);
        }
        Set<String> affectedVns = new TreeSet<>();
        Set<String> pipelineOf = new TreeSet<>();
        Optional<String> fallback = Optional.empty();
        switch (change) {
            case FibChange.TsUpserted c -> {
                TenantSystem ts = c.tenantSystem();
                if (ts.location() instanceof TsLocation.Bound b) {
                    String other = bindings.get(b);
                    if (other != null && !other.equals(ts.portId())) {
                        throw new FibInputException("tenantSystem.location", ts.portId() + " bound to "
                                + b.systemId() + " ofport " + b.ofport() + " already used by " + other);
                    }
                }
                TenantSystem old = removeTs(ts.portId());
                if (old != null) {
                    affectedVns.add(old.vnId());
                }
                putTs(ts);
                affectedVns.add(ts.vnId());
            }
            case FibChange.TsRemoved c -> {
                TenantSystem old = removeTs(c.portId());
                if (old != null) {
                    affectedVns.add(old.vnId());
                }
            }
            case FibChange.VnUpserted c -> {
                VirtualNetwork vn = c.virtualNetwork();
                String other = vnByVni.get(vn.vni());
                if (other != null && !other.equals(vn.id())) {
                    throw new FibInputException("virtualNetwork.vni", "VNI " + vn.vni() + " of " + vn.id()
                            + " already used by " + other);
                }
                String remoteOther = otherRemoteClaim(vn.vni(), vn.id());
                if (remoteOther != null) {
                    throw new FibInputException("virtualNetwork.vni", "VNI " + vn.vni() + " of " + vn.id()
                            + " already used by remote entries of " + remoteOther);
                }
                removeVn(vn.id());
                putVn(vn);
                affectedVns.add(vn.id());
            }
            case FibChange.VnRemoved c -> {
                removeVn(c.vnId());
                affectedVns.add(c.vnId());
            }
            case FibChange.NveUp c -> {
                Nve nve = c.nve();
                nves.put(nve.systemId(), nve);
                fallback = vtepsChanged();
                affectedVns.addAll(vnsBoundTo(nve.systemId()));
                pipelineOf.add(nve.systemId());
            }
            case FibChange.NveDown c -> {
                nves.remove(c.systemId());
                fallback = vtepsChanged();
                affectedVns.addAll(vnsBoundTo(c.systemId()));
                pipelineOf.add(c.systemId());
            }
            case FibChange.RemoteMacAdded c -> affectedVns.add(applyRemoteEntry(c));
            case FibChange.RemoteMacRemoved c -> affectedVns.add(applyRemoteEntry(c));
            case FibChange.FloodMemberAdded c -> affectedVns.add(applyRemoteEntry(c));
            case FibChange.FloodMemberRemoved c -> affectedVns.add(applyRemoteEntry(c));
            case FibChange.RedirectAdded c -> {
                Redirect r = c.redirect();
                Redirect other = redirectsByVn.getOrDefault(r.vnId(), Map.of()).get(r.key());
                if (other != null && !other.equals(r)) {
                    throw new FibInputException("redirect", r.mac() + " of " + r.vnId() + " at " + r.fromSystemId()
                            + " already redirected to " + other.toVtep().getHostAddress() + " VNI " + other.vni());
                }
                putRedirect(r, true);
                affectedVns.add(r.vnId());
            }
            case FibChange.RedirectRemoved c -> {
                putRedirect(c.redirect(), false);
                affectedVns.add(c.redirect().vnId());
            }
        }
        if (fallback.isPresent()) {
            LOG.info("full FIB recompute after {}: {}", change, fallback.get());
            Map<String, NveState> before = Map.copyOf(states);
            recomputeAll();
            return diffStates(before, states.keySet(), new FibUpdate.Scope.Full(fallback.get()));
        }
        return recomputeIncrementally(affectedVns, pipelineOf);
    }

    /**
     * Applies many remote (BGP-learned) changes — RemoteMac and FloodMember additions and removals — and recomputes
     * each affected VN once, not once per change: a peer's full table arrives as thousands of changes. A change that
     * breaks an invariant is refused on its own (listed in {@code refused}, nothing of it applied); the others go
     * in. The result equals applying the accepted changes one by one.
     */
    public FibUpdate applyRemote(List<FibChange> changes, List<FibInputException> refused) {
        inputCache = null;
        RemoteBatch batch = new RemoteBatch();
        for (FibChange change : changes) {
            try {
                batch.before(change);
                batch.applied(change, applyRemoteEntry(change));
            } catch (FibInputException e) {
                refused.add(e);
            }
        }
        return recomputeRemote(batch);
    }

    /** What a batch of remote changes touched: per VN the MACs whose routes changed, or a need to recompute it. */
    private final class RemoteBatch {
        final Set<String> vns = new TreeSet<>();
        final Map<String, Set<MacAddress>> macs = new TreeMap<>();
        final Set<String> recompute = new TreeSet<>();
        final Map<String, Set<Integer>> vnisBefore = new HashMap<>();

        /** Before {@code change} is applied (it may then be refused). */
        void before(FibChange change) {
            String vnId = switch (change) {
                case FibChange.RemoteMacAdded c -> c.remoteMac().vnId();
                case FibChange.RemoteMacRemoved c -> c.remoteMac().vnId();
                case FibChange.FloodMemberAdded c -> c.member().vnId();
                case FibChange.FloodMemberRemoved c -> c.member().vnId();
                default -> throw new IllegalArgumentException("not a remote FIB change: " + change);
            };
            vnisBefore.computeIfAbsent(vnId, FibEngine.this::remoteVnis);
        }

        void applied(FibChange change, String vnId) {
            vns.add(vnId);
            switch (change) {
                case FibChange.RemoteMacAdded c -> macs.computeIfAbsent(vnId, k -> new HashSet<>()).add(c.remoteMac().mac());
                case FibChange.RemoteMacRemoved c -> macs.computeIfAbsent(vnId, k -> new HashSet<>()).add(c.remoteMac().mac());
                default -> recompute.add(vnId); // flood members: the flood groups of the whole VN
            }
        }
    }

    /** The VNIs the remote entries of {@code vnId} carry. */
    private Set<Integer> remoteVnis(String vnId) {
        Set<Integer> out = new HashSet<>();
        remoteVniRefs.forEach((vni, byVn) -> {
            if (byVn.containsKey(vnId)) {
                out.add(vni);
            }
        });
        return out;
    }

    /**
     * Recomputes what a batch of remote changes touched: in a push VN where only BGP-learned MACs changed (not the
     * VNIs they carry), just those MACs' entries ({@link RemoteMacDelta}) with a delta for the reconciler; any other
     * VN (or one the delta path refuses) in full.
     */
    private FibUpdate recomputeRemote(RemoteBatch batch) {
        Set<String> full = new TreeSet<>(batch.recompute);
        Map<String, RemoteMacDelta.NveChanges> changes = new HashMap<>();
        for (Map.Entry<String, Set<MacAddress>> e : batch.macs.entrySet()) {
            String vnId = e.getKey();
            if (!full.contains(vnId) && !updateRemoteMacs(vnId, e.getValue(), batch.vnisBefore.get(vnId), changes)) {
                full.add(vnId);
            }
        }
        Set<String> touched = new TreeSet<>();
        for (String vnId : full) {
            touched.addAll(recomputeVn(vnId));
        }
        Map<String, NveState> before = reassemble(touched);
        FibUpdate.Scope scope = new FibUpdate.Scope.Incremental(batch.vns, Set.of());
        return withChanges(diffStates(before, touched, scope), changes, touched);
    }

    /** {@link RemoteMacDelta} over every slice of VN {@code vnId}; false if the VN must be recomputed instead. */
    private boolean updateRemoteMacs(String vnId, Set<MacAddress> macs, Set<Integer> vnisBefore,
                                     Map<String, RemoteMacDelta.NveChanges> changes) {
        VirtualNetwork vn = vns.get(vnId);
        if (vn == null || vn.mode() != FibMode.PUSH) {
            return false;
        }
        // The VN accepts on its tunnel its own VNI and those its remote entries carry: a new one is a new flow.
        Set<Integer> vnisNow = remoteVnis(vnId);
        vnisNow.add(vn.vni());
        Set<Integer> vnisThen = new HashSet<>(vnisBefore);
        vnisThen.add(vn.vni());
        if (!vnisNow.equals(vnisThen)) {
            return false;
        }
        Map<MacAddress, Optional<RemoteMac>> winners = new HashMap<>();
        Map<MacAddress, Set<RemoteMac>> routes = routesByMac.getOrDefault(vnId, Map.of());
        for (MacAddress mac : macs) {
            winners.put(mac, routes.getOrDefault(mac, Set.of()).stream()
                    .filter(r -> !domainVteps.contains(r.vtep())).min(VnView.REMOTE_ORDER));
        }
        Map<String, RemoteMacDelta.NveChanges> mine = new HashMap<>();
        for (String systemId : nvesByVn.getOrDefault(vnId, Set.of())) {
            VnSlice slice = slices.getOrDefault(systemId, Map.of()).get(vnId);
            Nve self = nves.get(systemId);
            if (slice == null || self == null) {
                return false;
            }
            RemoteMacDelta.NveChanges c = new RemoteMacDelta.NveChanges();
            if (!RemoteMacDelta.apply(slice, self, vn, winners, c)) {
                return false;
            }
            mine.put(systemId, c);
        }
        mine.forEach((systemId, c) -> changes.computeIfAbsent(systemId, k -> new RemoteMacDelta.NveChanges()).addAll(c));
        return true;
    }

    /** Assembles the state of each of these NVEs again (dropping those gone); returns their states before. */
    private Map<String, NveState> reassemble(Set<String> touched) {
        Map<String, NveState> before = new HashMap<>();
        for (String systemId : touched) {
            NveState old = states.remove(systemId);
            if (old != null) {
                before.put(systemId, old);
            }
            if (nves.containsKey(systemId)) {
                states.put(systemId, assemble(systemId));
            } else {
                slices.remove(systemId);
            }
        }
        return before;
    }

    /** Mutates the input for one remote change (validated first, so a refusal changes nothing); returns its VN. */
    private String applyRemoteEntry(FibChange change) {
        return switch (change) {
            case FibChange.RemoteMacAdded c -> {
                checkRemoteVni("remoteMac.vni", c.remoteMac().vnId(), c.remoteMac().vni());
                putMac(c.remoteMac(), true);
                yield c.remoteMac().vnId();
            }
            case FibChange.RemoteMacRemoved c -> {
                putMac(c.remoteMac(), false);
                yield c.remoteMac().vnId();
            }
            case FibChange.FloodMemberAdded c -> {
                checkRemoteVni("floodMember.vni", c.member().vnId(), c.member().vni());
                putFlood(c.member(), true);
                yield c.member().vnId();
            }
            case FibChange.FloodMemberRemoved c -> {
                putFlood(c.member(), false);
                yield c.member().vnId();
            }
            default -> throw new IllegalArgumentException("not a remote FIB change: " + change);
        };
    }

    private FibUpdate recomputeIncrementally(Set<String> affectedVns, Set<String> pipelineOf) {
        Set<String> touched = new TreeSet<>(pipelineOf);
        for (String systemId : pipelineOf) {
            Nve nve = nves.get(systemId);
            if (nve == null) {
                pipelines.remove(systemId);
            } else {
                pipelines.put(systemId, PipelineRules.compute(nve));
            }
        }
        // The slices the VNs had, to update the other NVEs' states by what changed in them rather than assemble.
        Map<String, Map<String, VnSlice>> was = new HashMap<>();
        for (String vnId : affectedVns) {
            for (String systemId : nvesByVn.getOrDefault(vnId, Set.of())) {
                VnSlice s = slices.getOrDefault(systemId, Map.of()).get(vnId);
                if (s != null) {
                    was.computeIfAbsent(systemId, k -> new HashMap<>()).put(vnId, s);
                }
            }
            touched.addAll(recomputeVn(vnId));
        }
        Set<String> assemble = new TreeSet<>();
        Map<String, RemoteMacDelta.NveChanges> changes = new HashMap<>();
        for (String systemId : touched) {
            if (pipelineOf.contains(systemId) || !nves.containsKey(systemId) || !states.containsKey(systemId)) {
                assemble.add(systemId);
                continue;
            }
            RemoteMacDelta.NveChanges c = new RemoteMacDelta.NveChanges();
            Map<String, VnSlice> old = was.getOrDefault(systemId, Map.of());
            Map<String, VnSlice> now = slices.getOrDefault(systemId, Map.of());
            for (String vnId : affectedVns) {
                SliceDiff.removals(old.getOrDefault(vnId, VnSlice.EMPTY), now.getOrDefault(vnId, VnSlice.EMPTY), c);
            }
            for (String vnId : affectedVns) {
                SliceDiff.puts(old.getOrDefault(vnId, VnSlice.EMPTY), now.getOrDefault(vnId, VnSlice.EMPTY), c);
            }
            changes.put(systemId, c);
        }
        Map<String, NveState> before = reassemble(assemble);
        FibUpdate.Scope scope = new FibUpdate.Scope.Incremental(affectedVns, pipelineOf);
        return withChanges(diffStates(before, assemble, scope), changes, assemble);
    }

    /** {@code assembled} plus the states of the NVEs not in {@code skip} updated by {@code changes}, with deltas. */
    private FibUpdate withChanges(FibUpdate assembled, Map<String, RemoteMacDelta.NveChanges> changes,
                                  Set<String> skip) {
        if (changes.isEmpty()) {
            return assembled;
        }
        Map<String, NveState> changed = new HashMap<>(assembled.changed());
        Map<String, StateDelta> deltas = new HashMap<>();
        changes.forEach((systemId, c) -> {
            if (skip.contains(systemId)) {
                return;
            }
            NveState was = states.get(systemId);
            c.netAgainst(was);
            if (c.isEmpty()) {
                return;
            }
            NveState now = c.applyTo(was);
            states.put(systemId, now);
            changed.put(systemId, now);
            deltas.put(systemId, new StateDelta(was, c.flowKeys(), c.groupIds()));
        });
        return new FibUpdate(changed, assembled.removed(), assembled.scope(), deltas);
    }

    private FibUpdate diffStates(Map<String, NveState> before, Set<String> candidates, FibUpdate.Scope scope) {
        Map<String, NveState> changed = new HashMap<>();
        Set<String> removed = new TreeSet<>();
        Set<String> all = new TreeSet<>(candidates);
        all.addAll(before.keySet());
        for (String systemId : all) {
            NveState now = states.get(systemId);
            NveState was = before.get(systemId);
            if (now == null && was != null) {
                removed.add(systemId);
            } else if (now != null && !now.equals(was)) {
                changed.put(systemId, now);
            }
        }
        return new FibUpdate(changed, removed, scope);
    }

    /** Recomputes VN {@code vnId} on every NVE that has or now gets it; returns those NVEs. */
    private Set<String> recomputeVn(String vnId) {
        VirtualNetwork vn = vns.get(vnId);
        Set<String> before = nvesByVn.getOrDefault(vnId, Set.of());
        Map<String, TenantSystem> members = tsByVn.getOrDefault(vnId, Map.of());
        Set<String> after = vn == null ? Set.of() : Fib.hosts(members.values(), nves);
        if (vn != null) {
            for (Redirect r : redirectsByVn.getOrDefault(vnId, Map.of()).values()) {
                if (nves.containsKey(r.fromSystemId())) {
                    after = new TreeSet<>(after);
                    after.add(r.fromSystemId());
                }
            }
        }
        Set<String> touched = new TreeSet<>(before);
        touched.addAll(after);
        VnContext ctx = vn == null ? null : context(vn);
        Set<String> carrying = new HashSet<>();
        for (String systemId : touched) {
            Nve nve = nves.get(systemId);
            VnSlice s = ctx == null || nve == null || !after.contains(systemId) ? VnSlice.EMPTY : VnRules.compute(nve, ctx);
            Map<String, VnSlice> perNve = slices.computeIfAbsent(systemId, k -> new HashMap<>());
            if (s.isEmpty()) {
                perNve.remove(vnId);
            } else {
                perNve.put(vnId, s);
                carrying.add(systemId);
            }
        }
        if (carrying.isEmpty()) {
            nvesByVn.remove(vnId);
        } else {
            nvesByVn.put(vnId, carrying);
        }
        return touched;
    }

    private void recomputeAll() {
        pipelines.clear();
        slices.clear();
        nvesByVn.clear();
        states.clear();
        domainVteps = Fib.domainVteps(nves);
        nves.values().forEach(n -> pipelines.put(n.systemId(), PipelineRules.compute(n)));
        vns.keySet().forEach(this::recomputeVn);
        nves.keySet().forEach(id -> states.put(id, assemble(id)));
    }

    private NveState assemble(String systemId) {
        return NveAssembler.assemble(systemId, pipelines.get(systemId),
                slices.getOrDefault(systemId, Map.of()).values());
    }

    private VnContext context(VirtualNetwork vn) {
        return new VnContext(vn, List.copyOf(tsByVn.getOrDefault(vn.id(), Map.of()).values()), nves,
                List.copyOf(macsByVn.getOrDefault(vn.id(), Set.of())),
                List.copyOf(floodByVn.getOrDefault(vn.id(), Set.of())),
                List.copyOf(redirectsByVn.getOrDefault(vn.id(), Map.of()).values()), domainVteps);
    }

    /**
     * Updates the domain VTEP set. BGP routes whose next hop is one of our own VTEPs are ignored everywhere, so a
     * VTEP that such routes name joining or leaving the domain changes slices in VNs this change does not name.
     */
    private Optional<String> vtepsChanged() {
        Set<Inet4Address> now = Fib.domainVteps(nves);
        Set<Inet4Address> diff = new HashSet<>(now);
        diff.addAll(domainVteps);
        Set<Inet4Address> both = new HashSet<>(now);
        both.retainAll(domainVteps);
        diff.removeAll(both);
        domainVteps = now;
        for (Inet4Address vtep : diff) {
            if (bgpVtepRefs.containsKey(vtep)) {
                return Optional.of("VTEP " + vtep.getHostAddress() + " joined or left the domain and BGP routes name it");
            }
        }
        return Optional.empty();
    }

    private Set<String> vnsBoundTo(String systemId) {
        Set<String> out = new TreeSet<>(redirectVnsByNve.getOrDefault(systemId, Set.of()));
        for (String portId : portsByNve.getOrDefault(systemId, Set.of())) {
            out.add(tss.get(portId).vnId());
        }
        return out;
    }

    private void putTs(TenantSystem ts) {
        tss.put(ts.portId(), ts);
        tsByVn.computeIfAbsent(ts.vnId(), k -> new HashMap<>()).put(ts.portId(), ts);
        if (ts.location() instanceof TsLocation.Bound b) {
            bindings.put(b, ts.portId());
            portsByNve.computeIfAbsent(b.systemId(), k -> new HashSet<>()).add(ts.portId());
        }
    }

    private TenantSystem removeTs(String portId) {
        TenantSystem old = tss.remove(portId);
        if (old == null) {
            return null;
        }
        Map<String, TenantSystem> inVn = tsByVn.get(old.vnId());
        inVn.remove(portId);
        if (inVn.isEmpty()) {
            tsByVn.remove(old.vnId());
        }
        if (old.location() instanceof TsLocation.Bound b) {
            bindings.remove(b);
            Set<String> ports = portsByNve.get(b.systemId());
            ports.remove(portId);
            if (ports.isEmpty()) {
                portsByNve.remove(b.systemId());
            }
        }
        return old;
    }

    private void putVn(VirtualNetwork vn) {
        vns.put(vn.id(), vn);
        vnByVni.put(vn.vni(), vn.id());
    }

    private void removeVn(String vnId) {
        VirtualNetwork old = vns.remove(vnId);
        if (old != null) {
            vnByVni.remove(old.vni());
        }
    }

    /** A VN other than {@code vnId} whose remote entries carry {@code vni}, or null. */
    private String otherRemoteClaim(int vni, String vnId) {
        for (String claimer : remoteVniRefs.getOrDefault(vni, Map.of()).keySet()) {
            if (!claimer.equals(vnId)) {
                return claimer;
            }
        }
        return null;
    }

    private void checkRemoteVni(String field, String vnId, int vni) {
        String local = vnByVni.get(vni);
        if (local != null && !local.equals(vnId)) {
            throw FibInput.remoteVniTaken(field, vnId, vni, "is the VNI of " + local);
        }
        String other = otherRemoteClaim(vni, vnId);
        if (other != null) {
            throw FibInput.remoteVniTaken(field, vnId, vni, "is carried by remote entries of " + other);
        }
    }

    private void remoteVniRef(String vnId, int vni, boolean add) {
        Map<String, Integer> byVn = remoteVniRefs.computeIfAbsent(vni, k -> new HashMap<>());
        byVn.merge(vnId, add ? 1 : -1, (a, b) -> a + b == 0 ? null : a + b);
        if (byVn.isEmpty()) {
            remoteVniRefs.remove(vni);
        }
    }

    private void putRedirect(Redirect r, boolean add) {
        Map<Redirect.Key, Redirect> byKey = redirectsByVn.computeIfAbsent(r.vnId(), k -> new HashMap<>());
        if (add) {
            byKey.put(r.key(), r);
            redirectVnsByNve.computeIfAbsent(r.fromSystemId(), k -> new HashSet<>()).add(r.vnId());
        } else if (byKey.remove(r.key(), r)) {
            boolean more = byKey.values().stream().anyMatch(o -> o.fromSystemId().equals(r.fromSystemId()));
            Set<String> vnsAt = redirectVnsByNve.get(r.fromSystemId());
            if (!more && vnsAt != null) {
                vnsAt.remove(r.vnId());
                if (vnsAt.isEmpty()) {
                    redirectVnsByNve.remove(r.fromSystemId());
                }
            }
        }
        if (byKey.isEmpty()) {
            redirectsByVn.remove(r.vnId());
        }
    }

    private void putMac(RemoteMac m, boolean add) {
        Set<RemoteMac> set = macsByVn.computeIfAbsent(m.vnId(), k -> new HashSet<>());
        if (add ? set.add(m) : set.remove(m)) {
            bgpRef(m.vtep(), add);
            remoteVniRef(m.vnId(), m.vni(), add);
            Map<MacAddress, Set<RemoteMac>> byMac = routesByMac.computeIfAbsent(m.vnId(), k -> new HashMap<>());
            Set<RemoteMac> routes = byMac.computeIfAbsent(m.mac(), k -> new HashSet<>(2));
            if (add) {
                routes.add(m);
            } else {
                routes.remove(m);
                if (routes.isEmpty()) {
                    byMac.remove(m.mac());
                }
            }
            if (byMac.isEmpty()) {
                routesByMac.remove(m.vnId());
            }
        }
        if (set.isEmpty()) {
            macsByVn.remove(m.vnId());
        }
    }

    private void putFlood(RemoteFloodMember m, boolean add) {
        Set<RemoteFloodMember> set = floodByVn.computeIfAbsent(m.vnId(), k -> new HashSet<>());
        if (add ? set.add(m) : set.remove(m)) {
            bgpRef(m.vtep(), add);
            remoteVniRef(m.vnId(), m.vni(), add);
        }
        if (set.isEmpty()) {
            floodByVn.remove(m.vnId());
        }
    }

    private void bgpRef(Inet4Address vtep, boolean add) {
        bgpVtepRefs.merge(vtep, add ? 1 : -1, (a, b) -> a + b == 0 ? null : a + b);
    }
}
