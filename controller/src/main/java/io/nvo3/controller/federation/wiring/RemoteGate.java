package io.nvo3.controller.federation.wiring;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which imported remote entries reach the FIB, between what import computes from the Loc-RIB ("live") and
 * what the NVEs hold ("applied"):
 * <ul>
 *   <li><b>withdraw hold-down</b>: an entry that simply disappears is removed only after {@code holdDown}; if it comes
 *   back meanwhile (a peer that re-established without the Forwarding State bit is swept and re-sends at once, a
 *   flapping peer) the FIB never sees the gap. An entry replaced by one for the same key (a MAC that moved, a new
 *   VNI) changes at once.</li>
 *   <li><b>restart deferral</b>: after a restart of this controller the entries applied before it ("remembered")
 *   stay until {@link #ready()} — RFC 4724 §4.1: the restarting speaker "MUST defer route selection ... until it
 *   receives the End-of-RIB marker from all its peers" (or a timer) — so that its NVEs keep forwarding to remote
 *   domains while the peers re-send.</li>
 * </ul>
 * Not thread-safe: the wiring's single thread owns it. Time comes from the injected clock.
 */
public final class RemoteGate {
    private final Duration holdDown;
    private final Clock clock;
    private final Set<RemoteMac> rememberedMacs;
    private final Set<RemoteFloodMember> rememberedFloods;
    private Set<RemoteMac> appliedMacs;
    private Set<RemoteFloodMember> appliedFloods;
    private final Map<Object, Instant> missingSince = new HashMap<>();
    private boolean ready;

    /** What to apply now, and when to look again for held entries (empty: nothing held). */
    public record Step(List<FibChange> changes, Optional<Instant> recheckAt) {
        public Step {
            changes = List.copyOf(changes);
            Objects.requireNonNull(recheckAt, "recheckAt");
        }
    }

    /**
     * @param rememberedMacs   remote MACs applied before a restart (already fed to the NVE manager at start)
     * @param rememberedFloods flood members applied before a restart
     */
    public RemoteGate(Duration holdDown, Clock clock, Set<RemoteMac> rememberedMacs,
                      Set<RemoteFloodMember> rememberedFloods) {
        this.holdDown = Objects.requireNonNull(holdDown, "holdDown");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rememberedMacs = Set.copyOf(rememberedMacs);
        this.rememberedFloods = Set.copyOf(rememberedFloods);
        this.appliedMacs = new LinkedHashSet<>(rememberedMacs);
        this.appliedFloods = new LinkedHashSet<>(rememberedFloods);
        this.ready = rememberedMacs.isEmpty() && rememberedFloods.isEmpty();
    }

    /** The peers have re-sent (or the deferral timer ran out): remembered entries now follow the Loc-RIB. */
    public void ready() {
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }

    public Set<RemoteMac> appliedMacs() {
        return Set.copyOf(appliedMacs);
    }

    public Set<RemoteFloodMember> appliedFloods() {
        return Set.copyOf(appliedFloods);
    }

    /** Entries kept although import no longer has them (held down or remembered). */
    public int held() {
        return missingSince.size() + (ready ? 0 : rememberedMacs.size() + rememberedFloods.size());
    }

    private record MacKey(String vnId, MacAddress mac, Optional<InetAddress> ip) {}

    private record FloodKey(String vnId, Inet4Address vtep) {}

    /** Moves the applied state towards {@code live}; returns the FIB changes in a safe order. */
    public Step step(Set<RemoteMac> liveMacs, Set<RemoteFloodMember> liveFloods) {
        Instant now = clock.instant();
        Set<MacKey> liveMacKeys = new HashSet<>();
        liveMacs.forEach(m -> liveMacKeys.add(new MacKey(m.vnId(), m.mac(), m.ip())));
        Set<FloodKey> liveFloodKeys = new HashSet<>();
        liveFloods.forEach(f -> liveFloodKeys.add(new FloodKey(f.vnId(), f.vtep())));

        Set<Object> stillMissing = new HashSet<>();
        Instant[] next = {null};
        Set<RemoteMac> macs = new LinkedHashSet<>(liveMacs);
        for (RemoteMac m : appliedMacs) {
            if (!liveMacs.contains(m) && keep(m, liveMacKeys.contains(new MacKey(m.vnId(), m.mac(), m.ip())),
                    rememberedMacs.contains(m), now, stillMissing, next)) {
                macs.add(m);
            }
        }
        Set<RemoteFloodMember> floods = new LinkedHashSet<>(liveFloods);
        for (RemoteFloodMember f : appliedFloods) {
            if (!liveFloods.contains(f) && keep(f, liveFloodKeys.contains(new FloodKey(f.vnId(), f.vtep())),
                    rememberedFloods.contains(f), now, stillMissing, next)) {
                floods.add(f);
            }
        }
        missingSince.keySet().retainAll(stillMissing);

        // Removals of replaced entries first (never two entries for one MAC in a VN), then additions, then the
        // entries that are really gone.
        List<FibChange> replacedOut = new ArrayList<>();
        List<FibChange> goneOut = new ArrayList<>();
        List<FibChange> in = new ArrayList<>();
        Set<MacKey> newMacKeys = new HashSet<>();
        macs.forEach(m -> newMacKeys.add(new MacKey(m.vnId(), m.mac(), m.ip())));
        for (RemoteMac m : appliedMacs) {
            if (!macs.contains(m)) {
                (newMacKeys.contains(new MacKey(m.vnId(), m.mac(), m.ip())) ? replacedOut : goneOut)
                        .add(new FibChange.RemoteMacRemoved(m));
            }
        }
        Set<FloodKey> newFloodKeys = new HashSet<>();
        floods.forEach(f -> newFloodKeys.add(new FloodKey(f.vnId(), f.vtep())));
        for (RemoteFloodMember f : appliedFloods) {
            if (!floods.contains(f)) {
                (newFloodKeys.contains(new FloodKey(f.vnId(), f.vtep())) ? replacedOut : goneOut)
                        .add(new FibChange.FloodMemberRemoved(f));
            }
        }
        for (RemoteMac m : macs) {
            if (!appliedMacs.contains(m)) {
                in.add(new FibChange.RemoteMacAdded(m));
            }
        }
        for (RemoteFloodMember f : floods) {
            if (!appliedFloods.contains(f)) {
                in.add(new FibChange.FloodMemberAdded(f));
            }
        }
        appliedMacs = macs;
        appliedFloods = floods;
        List<FibChange> changes = new ArrayList<>(replacedOut);
        changes.addAll(in);
        changes.addAll(goneOut);
        return new Step(changes, Optional.ofNullable(next[0]));
    }

    /** Whether an applied entry that import no longer has stays for now. */
    private boolean keep(Object entry, boolean replaced, boolean remembered, Instant now, Set<Object> stillMissing,
                         Instant[] next) {
        if (replaced) {
            return false;
        }
        if (remembered && !ready) {
            return true;
        }
        Instant since = missingSince.computeIfAbsent(entry, e -> now);
        Instant until = since.plus(holdDown);
        if (now.isBefore(until)) {
            stillMissing.add(entry);
            if (next[0] == null || until.isBefore(next[0])) {
                next[0] = until;
            }
            return true;
        }
        return false;
    }
}
