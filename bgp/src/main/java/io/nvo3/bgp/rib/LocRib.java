package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One AFI/SAFI's routes: for each destination the post-policy paths of every neighbor (the
 * Adj-RIBs-In, RFC 4271 §3.2, kept together) and the selected best path (the Loc-RIB). A path is
 * identified by its neighbor's {@link PeerRef#id()}, which survives session restarts, so a
 * re-announced route replaces its stale copy. Destinations are keyed by {@link NlriKeys#key}; a
 * path's own NLRI is {@link Path#nlri()} or, when null, the key itself.
 *
 * <p>Compact on purpose (a full Internet table is a million routes): a destination with one path
 * stores just that {@link Path}; IPv4 unicast and VPN-IPv4 keys are primitive longs ({@link Ipv4RibTable},
 * {@link Vpn4RibTable}), other families' keys are hashed well ({@link NlriKeys#hash});
 * attribute sets are shared ({@link AttributeInterner}). Single-threaded.
 */
public final class LocRib {
    private final AfiSafi family;
    private final RibTable table;
    /** Route distinguishers seen (a handful in practice), so routes share one instance each. */
    private final Map<RouteDistinguisher, RouteDistinguisher> rds = new HashMap<>();
    private static final int MAX_INTERNED_RDS = 4096;
    private boolean lastPutAdded;
    private boolean lastRemoveFound;

    /** More than one path: all of them, and the selected one. */
    private static final class Multi {
        Path[] paths;
        Path best;

        Multi(Path[] paths) {
            this.paths = paths;
        }
    }

    public LocRib(AfiSafi family) {
        this.family = family;
        this.table = family.equals(AfiSafi.IPV4_UNICAST) ? new Ipv4RibTable()
                : family.equals(AfiSafi.VPN_IPV4) ? new Vpn4RibTable() : new HashRibTable();
    }

    private RibTable tableFor(Nlri key) {
        if (table instanceof Ipv4RibTable && !Ipv4RibTable.accepts(key)) {
            throw new IllegalArgumentException("IPv4 unicast RIB keys are IPv4 prefixes without path id: " + key);
        }
        return table;
    }

    public AfiSafi family() {
        return family;
    }

    /** Destinations with at least one path. */
    public int size() {
        return table.size();
    }

    private static Path[] pathsOf(Object slot) {
        return slot == null ? new Path[0] : slot instanceof Path p ? new Path[] {p} : ((Multi) slot).paths;
    }

    private static Path bestOf(Object slot) {
        return slot == null ? null : slot instanceof Path p ? p : ((Multi) slot).best;
    }

    private static int indexOf(Path[] paths, int peerId) {
        for (int i = 0; i < paths.length; i++) {
            if (paths[i].peer().id() == peerId) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code n} with its route distinguisher replaced by the shared instance of equal value (VPN
     * prefixes and EVPN MAC/IP routes, the families that come by the million), else {@code n}.
     */
    public Nlri canonical(Nlri n) {
        return switch (n) {
            case VpnPrefix v -> {
                RouteDistinguisher rd = intern(v.rd());
                yield rd == v.rd() ? v : new VpnPrefix(v.pathId(), v.labels(), rd, v.prefix(), v.length());
            }
            case EvpnRoute.MacIpAdvertisement m -> {
                RouteDistinguisher rd = intern(m.rd());
                yield rd == m.rd() ? m : new EvpnRoute.MacIpAdvertisement(m.pathId(), rd, m.esi(), m.ethernetTag(), m.mac(), m.ip(),
                        m.label1(), m.label2());
            }
            default -> n;
        };
    }

    private RouteDistinguisher intern(RouteDistinguisher rd) {
        RouteDistinguisher have = rds.get(rd);
        if (have != null) {
            return have;
        }
        if (rds.size() < MAX_INTERNED_RDS) {
            rds.put(rd, rd);
        }
        return rd;
    }

    /** Whether the last {@link #put} added a path (its neighbor had none to that destination) rather than replaced one. */
    public boolean lastPutAdded() {
        return lastPutAdded;
    }

    /** Whether the last {@link #remove} found a path of that neighbor to remove. */
    public boolean lastRemoveFound() {
        return lastRemoveFound;
    }

    /** Adds or replaces the path of {@code path.peer()}; returns the best-path change or null. */
    public BestChange put(Nlri key, Path path) {
        RibTable t = tableFor(key);
        Object slot = t.get(key);
        Path old = bestOf(slot);
        lastPutAdded = true;
        if (slot == null) {
            t.put(key, path);
            return new BestChange(family, key, null, path);
        }
        Path[] paths = pathsOf(slot);
        int i = indexOf(paths, path.peer().id());
        if (i >= 0) {
            lastPutAdded = false;
            if (paths[i].equals(path)) {
                return null;
            }
            if (paths.length == 1) {
                t.put(key, path);
                return change(key, old, path);
            }
            paths[i] = path;
        } else {
            Path[] grown = new Path[paths.length + 1];
            System.arraycopy(paths, 0, grown, 0, paths.length);
            grown[paths.length] = path;
            paths = grown;
        }
        Multi m = slot instanceof Multi mm ? mm : new Multi(paths);
        m.paths = paths;
        m.best = paths[BestPath.select(paths)];
        t.put(key, m);
        return change(key, old, m.best);
    }

    /** Removes the path of the neighbor {@code peerId}; returns the best-path change or null. */
    public BestChange remove(Nlri key, int peerId) {
        RibTable t = tableFor(key);
        Object slot = t.get(key);
        lastRemoveFound = false;
        if (slot == null) {
            return null;
        }
        return removeFrom(t, key, slot, peerId);
    }

    private BestChange removeFrom(RibTable t, Nlri key, Object slot, int peerId) {
        Path[] paths = pathsOf(slot);
        int i = indexOf(paths, peerId);
        if (i < 0) {
            return null;
        }
        lastRemoveFound = true;
        Path old = bestOf(slot);
        if (paths.length == 1) {
            t.remove(key);
            return new BestChange(family, key, old, null);
        }
        Path[] rest = new Path[paths.length - 1];
        System.arraycopy(paths, 0, rest, 0, i);
        System.arraycopy(paths, i + 1, rest, i, paths.length - i - 1);
        Path best = rest[BestPath.select(rest)];
        if (rest.length == 1) {
            t.put(key, rest[0]);
        } else {
            Multi m = (Multi) slot;
            m.paths = rest;
            m.best = best;
        }
        return change(key, old, best);
    }

    private BestChange change(Nlri key, Path old, Path nu) {
        if (old == nu || (old != null && nu != null && old.peer().id() == nu.peer().id() && old.attributes() == nu.attributes()
                && old.peer().equals(nu.peer()) && java.util.Objects.equals(old.nlri(), nu.nlri()))) {
            return null;
        }
        return new BestChange(family, key, old, nu);
    }

    /** Removes every path of {@code peerId} that {@code which} accepts; returns the best-path changes. */
    public List<BestChange> removeAll(int peerId, Predicate<Path> which) {
        List<Nlri> keys = new ArrayList<>();
        table.forEachSlot((slot, k) -> {
            Path[] paths = pathsOf(slot);
            int i = indexOf(paths, peerId);
            if (i >= 0 && which.test(paths[i])) {
                keys.add(k.key());
            }
        });
        List<BestChange> changes = new ArrayList<>(keys.size());
        for (Nlri k : keys) {
            BestChange c = removeFrom(table, k, table.get(k), peerId);
            if (c != null) {
                changes.add(c);
            }
        }
        return changes;
    }

    /** Marks every path of {@code peerId} stale; returns how many. Staleness does not change selection. */
    public int markStale(int peerId) {
        List<Nlri> keys = new ArrayList<>();
        table.forEachSlot((slot, k) -> {
            Path[] paths = pathsOf(slot);
            int i = indexOf(paths, peerId);
            if (i >= 0 && !paths[i].stale()) {
                keys.add(k.key());
            }
        });
        for (Nlri k : keys) {
            Object slot = table.get(k);
            if (slot instanceof Path p) {
                table.put(k, p.asStale());
            } else {
                Multi m = (Multi) slot;
                int i = indexOf(m.paths, peerId);
                boolean wasBest = m.best == m.paths[i];
                m.paths[i] = m.paths[i].asStale();
                if (wasBest) {
                    m.best = m.paths[i];
                }
            }
        }
        return keys.size();
    }

    /** Whether the neighbor {@code peerId} has a path to {@code key}. */
    public boolean hasPath(Nlri key, int peerId) {
        return indexOf(pathsOf(tableFor(key).get(key)), peerId) >= 0;
    }

    public Path best(Nlri key) {
        return bestOf(tableFor(key).get(key));
    }

    public List<Path> paths(Nlri key) {
        return List.of(pathsOf(tableFor(key).get(key)));
    }

    /** Visits each destination's best path; the action must not modify this RIB. */
    public void forEachBest(BiConsumer<Nlri, Path> action) {
        table.forEach((k, slot) -> action.accept(k, bestOf(slot)));
    }

    /**
     * Visits each destination's best path with the NLRI that path carries ({@link Path#nlriFor}):
     * like {@link #forEachBest} but keys are rebuilt only for paths without an NLRI of their own.
     */
    public void forEachBestNlri(BiConsumer<Nlri, Path> action) {
        table.forEachSlot((slot, k) -> {
            Path best = bestOf(slot);
            action.accept(best.nlri() != null ? best.nlri() : k.key(), best);
        });
    }

    /** Whether {@code slot} holds a path of {@code peerId}, without allocating. */
    private static boolean holds(Object slot, int peerId) {
        if (slot instanceof Path p) {
            return p.peer().id() == peerId;
        }
        return slot != null && indexOf(((Multi) slot).paths, peerId) >= 0;
    }

    /** Visits each destination and its number of paths. */
    public void forEachDestination(BiConsumer<Nlri, Integer> action) {
        table.forEach((k, slot) -> action.accept(k, slot instanceof Multi m ? m.paths.length : 1));
    }

    /** Paths held from {@code peerId} (its Adj-RIB-In size). */
    public int countPaths(int peerId) {
        int[] n = {0};
        table.forEachSlot((slot, k) -> {
            if (holds(slot, peerId)) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** Destinations for which {@code peerId} sent a path, with that path. */
    public void forEachPathOf(int peerId, BiConsumer<Nlri, Path> action) {
        table.forEach((k, slot) -> {
            Path[] paths = pathsOf(slot);
            int i = indexOf(paths, peerId);
            if (i >= 0) {
                action.accept(k, paths[i]);
            }
        });
    }
}
