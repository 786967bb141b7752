package io.nvo3.bgp.speaker;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One neighbor's prefix counters per AFI/SAFI, as {@code gobgp neighbor X} prints them under "Route
 * statistics": accepted (its paths held in the Loc-RIB, after import policy and RFC 7606), received
 * (accepted plus the NLRI import policy rejected: the Adj-RIB-In), advertised (destinations in our
 * Adj-RIB-Out to it). Totals are the sums. Runs on the speaker's event loop only.
 */
final class PrefixCounters {
    private static final class Family {
        long accepted;
        long advertised;
        final Set<Nlri> rejected = new HashSet<>();
    }

    private final Map<AfiSafi, Family> families = new LinkedHashMap<>();

    private Family of(AfiSafi f) {
        Family c = families.get(f); // per UPDATE: a plain lookup first (computeIfAbsent compiles late, mid-ingest)
        return c != null ? c : families.computeIfAbsent(f, k -> new Family());
    }

    void accepted(AfiSafi f, long delta) {
        of(f).accepted += delta;
    }

    void setAccepted(AfiSafi f, long n) {
        of(f).accepted = n;
    }

    void advertised(AfiSafi f, long delta) {
        of(f).advertised += delta;
    }

    void setAdvertised(AfiSafi f, long n) {
        of(f).advertised = n;
    }

    void clearAdvertised() {
        families.values().forEach(x -> x.advertised = 0);
    }

    /** The NLRI (keys) of {@code f} import policy rejected; the caller adds and removes them. */
    Set<Nlri> rejected(AfiSafi f) {
        return of(f).rejected;
    }

    void clearRejected() {
        families.values().forEach(x -> x.rejected.clear());
    }

    long acceptedTotal() {
        long n = 0;
        for (Family x : families.values()) n += x.accepted;
        return n;
    }

    long advertisedTotal() {
        long n = 0;
        for (Family x : families.values()) n += x.advertised;
        return n;
    }

    long rejectedTotal() {
        long n = 0;
        for (Family x : families.values()) n += x.rejected.size();
        return n;
    }

    /** A snapshot for {@code carried} families (each present, zero when nothing was counted). */
    Map<AfiSafi, NeighborStatus.FamilyCounts> snapshot(Iterable<AfiSafi> carried) {
        Map<AfiSafi, NeighborStatus.FamilyCounts> out = new LinkedHashMap<>();
        for (AfiSafi f : carried) {
            Family x = families.get(f);
            out.put(f, x == null ? NeighborStatus.FamilyCounts.ZERO
                    : new NeighborStatus.FamilyCounts(x.accepted + x.rejected.size(), x.accepted, x.advertised));
        }
        return out;
    }
}
