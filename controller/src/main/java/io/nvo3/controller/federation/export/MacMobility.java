package io.nvo3.controller.federation.export;

import io.nvo3.bgp.wire.MacAddress;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * RFC 7432 §15 MAC mobility across domains, as a pure function: from one VN's local tenant systems, the strongest
 * route another domain advertises for each MAC ({@link RemoteClaim}) and what was decided last time
 * ({@link MobilityMemory}), the sequence number each local MAC is advertised with, which local MACs are withdrawn
 * because another domain's route won, and the new memory.
 *
 * <p>The "+1" is decided once, when a MAC is learnt locally (a new {@link MobilityMemory.Attachment}: plug, re-plug,
 * move between this domain's NVEs) while another domain advertises it; later recomputes with the same attachment
 * keep the remembered sequence, so the result does not flap.
 */
public final class MacMobility {
    /** The sequence number field is 4 octets (RFC 7432 §7.7). */
    public static final long MAX_SEQUENCE = 0xffff_ffffL;

    private MacMobility() {}

    /**
     * Duplicate MAC detection. RFC 7432 §15.1 (MAC Duplication Issue): "a PE MUST start an M-second timer (default
     * value of M = 180) whenever it detects a MAC mobility event via local learning or via a received MAC/IP
     * Advertisement route ... If the PE detects N MAC moves (default value of N = 5) before the timer expires, it
     * concludes that a duplicate MAC situation has occurred."
     *
     * @param moves  N: this many mobility events within {@code window} make the MAC a duplicate
     * @param window M: the duplicate state ends once a whole window passed without a mobility event
     */
    public record Settings(int moves, Duration window) {
        public Settings {
            if (moves < 1) {
                throw new IllegalArgumentException("duplicate MAC detection needs at least 1 move, got " + moves);
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("duplicate MAC detection window " + window + " is not positive");
            }
        }

        public static Settings defaults() {
            return new Settings(5, Duration.ofSeconds(180));
        }
    }

    /**
     * @param tenantSystems the VN's tenant systems for {@link EvpnExport#routes}: the sequence of each exported one is
     *                      the decided one; a MAC whose routes are withdrawn is marked {@link LocalTenantSystem#macRoutesWithdrawn()}
     * @param memory        the VN's new memory (replaces every entry of the VN in the previous one)
     * @param events        what changed, for the log and the meters
     */
    public record Outcome(List<LocalTenantSystem> tenantSystems, Map<MobilityMemory.Key, MobilityMemory> memory,
                          List<MobilityEvent> events) {
        public Outcome {
            tenantSystems = List.copyOf(tenantSystems);
            memory = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(memory));
            events = List.copyOf(events);
        }
    }

    /**
     * @param vnId          the VN
     * @param tenantSystems its tenant systems (any state), as {@link LocalTenantSystems#fromPorts} builds them; the
     *                      {@link LocalTenantSystem#mobilitySequence()} of each is the port's own move count
     * @param remote        per MAC the strongest MAC/IP route of another domain imported into the VN
     * @param before        the memory of the previous call (entries of other VNs are ignored)
     * @param importReady   false while a restarted controller waits for its peers to re-send (a MAC withdrawn before
     *                      the restart is not re-advertised just because the winner was not received yet)
     */
    public static Outcome decide(String vnId, Collection<LocalTenantSystem> tenantSystems,
                                 Map<MacAddress, RemoteClaim> remote, Map<MobilityMemory.Key, MobilityMemory> before,
                                 Settings settings, Instant now, boolean importReady) {
        Map<MacAddress, LocalTenantSystem> preferred = EvpnExport.preferredByMac(tenantSystems);
        Set<MacAddress> claimed = new HashSet<>();
        tenantSystems.forEach(ts -> claimed.add(ts.mac()));
        Set<MacAddress> macs = new TreeSet<>(java.util.Comparator.comparingLong(MacAddress::bits));
        macs.addAll(preferred.keySet());
        before.keySet().stream().filter(k -> k.vnId().equals(vnId)).forEach(k -> macs.add(k.mac()));

        Map<MobilityMemory.Key, MobilityMemory> memory = new LinkedHashMap<>();
        Map<MacAddress, LocalTenantSystem> decided = new TreeMap<>(java.util.Comparator.comparingLong(MacAddress::bits));
        List<MobilityEvent> events = new ArrayList<>();
        for (MacAddress mac : macs) {
            MobilityMemory.Key key = new MobilityMemory.Key(vnId, mac);
            Step s = one(key, preferred.get(mac), Optional.ofNullable(remote.get(mac)),
                    Optional.ofNullable(before.get(key)), settings, now, importReady, events);
            s.memory().filter(m -> claimed.contains(mac) || !m.events().isEmpty() || m.duplicate())
                    .ifPresent(m -> memory.put(key, m));
            s.exported().ifPresent(ts -> decided.put(mac, ts));
        }
        List<LocalTenantSystem> out = new ArrayList<>(decided.values());
        for (LocalTenantSystem ts : tenantSystems) {
            if (!ts.exported()) {
                out.add(ts); // not exported anyway; kept so the caller sees every tenant system
            }
        }
        return new Outcome(out, memory, events);
    }

    private record Step(Optional<MobilityMemory> memory, Optional<LocalTenantSystem> exported) {}

    private static Step one(MobilityMemory.Key key, LocalTenantSystem ts, Optional<RemoteClaim> remote,
                            Optional<MobilityMemory> m, Settings settings, Instant now, boolean importReady,
                            List<MobilityEvent> events) {
        List<Instant> recent = new ArrayList<>();
        m.ifPresent(x -> x.events().stream().filter(t -> t.isAfter(now.minus(settings.window()))).forEach(recent::add));
        // The duplicate state lasts until a whole window passed without a move.
        boolean wasDuplicate = m.map(MobilityMemory::duplicate).orElse(false) && !recent.isEmpty();
        if (ts == null) {
            return new Step(m.map(x -> new MobilityMemory(x.sequence(), Optional.empty(), x.lastVtep(), false, recent,
                    wasDuplicate)), Optional.empty());
        }
        boolean duplicate = wasDuplicate;
        Inet4Address vtep = ts.vtep().orElseThrow();
        MobilityMemory.Attachment att = new MobilityMemory.Attachment(ts.portId(), vtep, ts.mobilitySequence());
        long sequence;
        boolean withdrawn;
        boolean move = false;
        if (m.isEmpty() || m.get().attachment().map(a -> !a.equals(att)).orElse(true)) {
            // Local learning. A move between this domain's NVEs counts one more (the port's own count says so too);
            // a re-plug at the same place keeps the sequence.
            boolean movedHere = m.flatMap(MobilityMemory::lastVtep).map(v -> !v.equals(vtep)).orElse(false);
            long base = Math.max(ts.mobilitySequence(), m.map(x -> x.sequence() + (movedHere ? 1 : 0)).orElse(0L));
            move = movedHere;
            if (remote.isPresent() && !duplicate) {
                // RFC 7432 §15: "A PE detecting a locally attached MAC address for which it had previously received a
                // MAC/IP Advertisement route with a different Ethernet segment identifier advertises the MAC address
                // in a MAC/IP Advertisement route tagged with a MAC Mobility extended community attribute with a
                // sequence number one greater than the sequence number in the MAC Mobility extended community
                // attribute of the received MAC/IP Advertisement route." (No community counts as 0.)
                sequence = Math.min(MAX_SEQUENCE, Math.max(base, remote.get().sequence() + 1));
                withdrawn = remote.get().beats(sequence, vtep); // only at the 2^32-1 ceiling
                move = true;
                events.add(new MobilityEvent.TakenOver(key, sequence, vtep, remote.get()));
            } else {
                // §15.1: a duplicate MAC is no longer incremented; it keeps its sequence and the usual comparison.
                sequence = Math.min(MAX_SEQUENCE, base);
                withdrawn = remote.map(r -> r.beats(sequence, vtep)).orElse(false);
                if (withdrawn) {
                    events.add(new MobilityEvent.Withdrawn(key, sequence, vtep, remote.get()));
                }
            }
        } else {
            sequence = m.get().sequence();
            boolean beaten = remote.map(r -> r.beats(sequence, vtep)).orElse(false);
            if (!m.get().withdrawn()) {
                // §15: "A PE receiving a MAC/IP Advertisement route for a MAC address with a different Ethernet
                // segment identifier and a higher sequence number than that which it had previously advertised
                // withdraws its MAC/IP Advertisement route." Ties: the lowest IP address wins (RemoteClaim.beats).
                withdrawn = beaten;
                if (beaten) {
                    move = true;
                    events.add(new MobilityEvent.Withdrawn(key, sequence, vtep, remote.get()));
                }
            } else if (beaten || (remote.isEmpty() && !importReady)) {
                withdrawn = true;
            } else {
                // The winner went away while the MAC is still attached here: it is only here now.
                withdrawn = false;
                events.add(new MobilityEvent.Readvertised(key, sequence, vtep));
            }
        }
        if (move) {
            recent.add(now);
            if (!duplicate && recent.size() >= settings.moves()) {
                duplicate = true;
                events.add(new MobilityEvent.Duplicate(key, recent.size(), Optional.of(vtep),
                        remote.map(RemoteClaim::vtep)));
            }
        }
        MobilityMemory next = new MobilityMemory(sequence, Optional.of(att), Optional.of(vtep), withdrawn, recent,
                duplicate);
        return new Step(Optional.of(next), Optional.of(ts.withMobility(sequence, withdrawn)));
    }
}
