package io.nvo3.controller.fibwiring;

import io.nvo3.fib.FibEngine;
import io.nvo3.fib.FibUpdate;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.controller.mobility.Moves;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the FIB engine from two sources of facts — the model (networks, ports) and the NVEs (which NVE is up with
 * which VTEP and tunnel port, where each port is plugged) — and returns what each fact changed. Not thread-safe: the
 * NVE manager's single thread owns it.
 */
public final class FibWiring {
    private static final Logger LOG = LoggerFactory.getLogger(FibWiring.class);

    private final FibEngine engine = FibEngine.start(FibInput.empty());
    private final Map<String, Port> ports = new HashMap<>();
    private final Map<String, TsLocation.Bound> bindings = new HashMap<>();
    private final Map<String, TenantSystem> fed = new HashMap<>();
    /** Where each port was last bound, kept after it is unbound (to detect a move that leaves before it arrives). */
    private final Map<String, TsLocation.Bound> lastBound = new HashMap<>();
    private final Map<Redirect.Key, Redirect> redirects = new HashMap<>();
    private final List<Redirect> newRedirects = new ArrayList<>();
    private long movesSeen;

    /** The engine's current desired state of every NVE it knows. */
    public Map<String, NveState> states() {
        return engine.states();
    }

    public Optional<NveState> state(String systemId) {
        return Optional.ofNullable(engine.states().get(systemId));
    }

    /** A network was created or changed. */
    public List<FibUpdate> network(Network n) {
        return apply(new FibChange.VnUpserted(FibMapping.vn(n)));
    }

    public List<FibUpdate> networkRemoved(String networkId) {
        return apply(new FibChange.VnRemoved(networkId));
    }

    /** A port was created or changed (state, addresses, ...). */
    public List<FibUpdate> port(Port p) {
        Port had = ports.get(p.id());
        if (had != null && had.revisionNumber() > p.revisionNumber()) {
            return List.of(); // an older view than the one already applied
        }
        ports.put(p.id(), p);
        return refresh(p.id());
    }

    public boolean knowsPort(String portId) {
        return ports.containsKey(portId);
    }

    public List<FibUpdate> portRemoved(String portId) {
        ports.remove(portId);
        return refresh(portId);
    }

    /** An NVE reports the port plugged at (system-id, OpenFlow port), or unplugged when {@code binding} is empty. */
    public List<FibUpdate> binding(String portId, Optional<TsLocation.Bound> binding) {
        if (binding.isPresent()) {
            if (binding.get().equals(bindings.get(portId))) {
                return List.of();
            }
            bindings.put(portId, binding.get());
        } else if (bindings.remove(portId) == null) {
            return List.of();
        }
        List<FibUpdate> out = new ArrayList<>(refresh(portId));
        binding.ifPresent(b -> out.addAll(moved(portId, b)));
        return out;
    }

    /**
     * Mobility: the port is now bound at {@code to}; when it was last bound at another NVE (still, or before it
     * left), frames still reaching that NVE are redirected to the new one ({@link Moves}) until the redirect is
     * removed with {@link #redirectExpired}. New redirects are handed out once by {@link #drainRedirects}.
     */
    private List<FibUpdate> moved(String portId, TsLocation.Bound to) {
        TsLocation.Bound from = lastBound.put(portId, to);
        TenantSystem ts = fed.get(portId);
        if (from == null || from.systemId().equals(to.systemId()) || ts == null) {
            return List.of();
        }
        Optional<Redirect> r = Moves.redirect(engine.input(), ts, from.systemId());
        LOG.info("port {} ({}) moved from NVE {} to NVE {}{}", portId, ts.mac(), from.systemId(), to.systemId(),
                r.map(x -> "; frames reaching " + x.fromSystemId() + " are tunnelled on to " + x.toVtep().getHostAddress())
                        .orElse(""));
        movesSeen++;
        if (r.isEmpty()) {
            return List.of();
        }
        List<FibUpdate> out = new ArrayList<>();
        Redirect old = redirects.remove(r.get().key());
        if (old != null) {
            out.addAll(apply(new FibChange.RedirectRemoved(old)));
        }
        redirects.put(r.get().key(), r.get());
        out.addAll(apply(new FibChange.RedirectAdded(r.get())));
        newRedirects.add(r.get());
        return out;
    }

    /** The redirects {@link #binding} added since the last call (start their grace timers). */
    public List<Redirect> drainRedirects() {
        List<Redirect> out = List.copyOf(newRedirects);
        newRedirects.clear();
        return out;
    }

    /** The grace time of {@code r} ended: remove it, unless a newer move replaced it. */
    public List<FibUpdate> redirectExpired(Redirect r) {
        if (!r.equals(redirects.get(r.key()))) {
            return List.of();
        }
        redirects.remove(r.key());
        return apply(new FibChange.RedirectRemoved(r));
    }

    /** Redirects in place (moves in their grace time). */
    public List<Redirect> redirects() {
        return List.copyOf(redirects.values());
    }

    /** Moves seen since start. */
    public long movesSeen() {
        return movesSeen;
    }

    /** The FIB input all applied changes led to (an immutable snapshot; O(entries) to build). */
    public FibInput input() {
        return engine.input();
    }

    public Optional<TsLocation.Bound> binding(String portId) {
        return Optional.ofNullable(bindings.get(portId));
    }

    /** An NVE is up (or its VTEP or tunnel port changed). */
    public List<FibUpdate> nveUp(Nve nve) {
        return apply(new FibChange.NveUp(nve));
    }

    public List<FibUpdate> nveDown(String systemId) {
        return apply(new FibChange.NveDown(systemId));
    }

    /** A remote (BGP-learned, federation) entry was added or removed; only RemoteMac / FloodMember changes. */
    public List<FibUpdate> remote(FibChange change) {
        return switch (change) {
            case FibChange.RemoteMacAdded c -> apply(c);
            case FibChange.RemoteMacRemoved c -> apply(c);
            case FibChange.FloodMemberAdded c -> apply(c);
            case FibChange.FloodMemberRemoved c -> apply(c);
            default -> throw new IllegalArgumentException("not a remote FIB change: " + change);
        };
    }

    /**
     * Many remote changes at once (a peer's table after a session comes up): each affected VN is recomputed once.
     * Changes the FIB refuses are logged and skipped, as with {@link #remote}.
     */
    public List<FibUpdate> remoteAll(List<FibChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<io.nvo3.fib.input.FibInputException> refused = new ArrayList<>();
        FibUpdate u = engine.applyRemote(changes, refused);
        refused.forEach(e -> LOG.warn("FIB refused a remote entry: {}", e.getMessage()));
        return u.isEmpty() ? List.of() : List.of(u);
    }

    public Optional<Nve> nve(String systemId) {
        return engine.nve(systemId);
    }

    /** Feeds the port's tenant system as the FIB should see it now: model facts plus the NVE's binding. */
    private List<FibUpdate> refresh(String portId) {
        Port p = ports.get(portId);
        TenantSystem want = null;
        if (p != null) {
            Optional<TsLocation.Bound> b = Optional.ofNullable(bindings.get(portId));
            try {
                want = FibMapping.ts(p, b);
            } catch (FibInputException e) {
                LOG.warn("port {} cannot be forwarded: {}", portId, e.getMessage());
            }
        }
        TenantSystem had = fed.get(portId);
        if (Objects.equals(want, had)) {
            return List.of();
        }
        List<FibUpdate> out = new ArrayList<>();
        if (want == null) {
            fed.remove(portId);
            out.addAll(apply(new FibChange.TsRemoved(portId)));
        } else {
            List<FibUpdate> u = apply(new FibChange.TsUpserted(want));
            if (!u.isEmpty() || engine.hasTenantSystem(portId)) {
                fed.put(portId, want);
            }
            out.addAll(u);
        }
        return out;
    }

    private List<FibUpdate> apply(FibChange change) {
        try {
            FibUpdate u = engine.apply(change);
            return u.isEmpty() ? List.of() : List.of(u);
        } catch (FibInputException e) {
            LOG.warn("FIB refused {}: {}", change, e.getMessage());
            return List.of();
        }
    }
}
