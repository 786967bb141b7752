package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
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
 * stores just that {@link Path}; IPv4 unicast keys are not stored at all (a prefix's place in {@link Ipv4RibTable}'s
 * blocks says it), VPN-IPv4 and EVPN MAC/IP keys are primitive longs ({@link Vpn4RibTable}, {@link EvpnMacRibTable}),
 * other families' keys are hashed well ({@link NlriKeys#hash});
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

    /**
     * The only path to a destination when its NLRI differs from the key by one label alone (VPN
     * prefixes, EVPN MAC/IP routes without ESI): the label, and a path without NLRI shared by every
     * destination with the same neighbor and attributes. Saves the per-route NLRI and {@link Path}
     * objects; {@link #expand} gives the full path back.
     */
    private record Compact(Path shared, int label) {}

    /** The last {@link Compact#shared} path made (consecutive routes mostly share neighbor and attributes). */
    private Path shared;

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
                : family.equals(AfiSafi.VPN_IPV4) ? new Vpn4RibTable()
                : family.equals(AfiSafi.L2VPN_EVPN) ? new EvpnMacRibTable() : new HashRibTable();
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

    /** The paths in {@code slot}; {@code key} (the slot's key) is needed only when the slot is {@link Compact}. */
    private static Path[] pathsOf(Object slot, Nlri key) {
        return switch (slot) {
            case null -> new Path[0];
            case Path p -> new Path[] {p};
            case Compact c -> new Path[] {expand(c, key)};
            default -> ((Multi) slot).paths;
        };
    }

    private static Path bestOf(Object slot, Nlri key) {
        return switch (slot) {
            case null -> null;
            case Path p -> p;
            case Compact c -> expand(c, key);
            default -> ((Multi) slot).best;
        };
    }

    /** Index of {@code peerId}'s path in {@code slot} (0 for a single path), or -1; allocates nothing. */
    private static int peerIndex(Object slot, int peerId) {
        return switch (slot) {
            case null -> -1;
            case Path p -> p.peer().id() == peerId ? 0 : -1;
            case Compact c -> c.shared().peer().id() == peerId ? 0 : -1;
            default -> indexOf(((Multi) slot).paths, peerId);
        };
    }

    private static Path expand(Compact c, Nlri key) {
        Path s = c.shared();
        return new Path(withLabel(key, c.label()), s.peer(), s.attributes(), s.stale());
    }

    /** {@code key} (a VPN or EVPN MAC/IP key, label zeroed) with {@code label} as its only label. */
    private static Nlri withLabel(Nlri key, int label) {
        return switch (key) {
            case VpnPrefix k -> new VpnPrefix(Nlri.NO_PATH_ID, List.of(label), k.rd(), k.prefix(), k.length());
            case EvpnRoute.MacIpAdvertisement k -> new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, k.rd(), k.esi(), k.ethernetTag(),
                    k.mac(), k.ip(), label, k.label2());
            default -> throw new IllegalStateException("no compact form for " + key);
        };
    }

    /** The label that, put into {@code key}, gives {@code nlri} exactly; -1 when there is none. */
    private static int compactLabel(Nlri nlri, Nlri key) {
        return switch (nlri) {
            case VpnPrefix v when key instanceof VpnPrefix k && v.pathId() == Nlri.NO_PATH_ID && k.pathId() == Nlri.NO_PATH_ID
                    && v.labels().size() == 1 && k.labels().size() == 1 && k.labels().getFirst() == 0 && v.length() == k.length()
                    && v.rd().equals(k.rd()) && v.prefix().equals(k.prefix()) -> v.labels().getFirst();
            case EvpnRoute.MacIpAdvertisement m when key instanceof EvpnRoute.MacIpAdvertisement k && m.pathId() == Nlri.NO_PATH_ID
                    && k.pathId() == Nlri.NO_PATH_ID && m.esi().equals(k.esi()) && m.label2().isEmpty() && k.label2().isEmpty()
                    && k.label1() == 0 && m.ethernetTag() == k.ethernetTag() && m.rd().equals(k.rd()) && m.mac().equals(k.mac())
                    && m.ip().equals(k.ip()) -> m.label1();
            default -> -1;
        };
    }

    /** What to store for {@code path} as the only path to {@code key}: {@link Compact} when it can be, else the path. */
    private Object single(Path path, Nlri key) {
        if (path.nlri() == null) {
            return path;
        }
        int label = compactLabel(path.nlri(), key);
        if (label < 0) {
            return path;
        }
        return new Compact(sharedPath(path), label);
    }

    /** A path without NLRI like {@code path}, shared with the previous caller that had the same neighbor, attributes and staleness. */
    private Path sharedPath(Path path) {
        Path s = shared;
        if (s == null || s.peer() != path.peer() || s.attributes() != path.attributes() || s.stale() != path.stale()) {
            s = path.nlri() == null ? path : new Path(null, path.peer(), path.attributes(), path.stale());
            shared = s;
        }
        return s;
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
        Path old = bestOf(slot, key);
        Object merged = merge(slot, path, key);
        if (merged == null) {
            return null;
        }
        t.put(key, merged);
        Path nu = merged instanceof Compact ? path : bestOf(merged, key);
        return differs(old, nu) ? new BestChange(family, key, old, nu) : null;
    }

    /**
     * {@link #put} for IPv4 unicast without a key object: {@code address}/{@code bits} (host bits clear)
     * as read from the wire. The {@link BestChange} (and its key) is built only when {@code wantChange},
     * i.e. when a listener or another neighbor will look at it; otherwise null even if the best path changed.
     */
    public BestChange putIpv4(int address, int bits, Path path, boolean wantChange) {
        if (!(table instanceof Ipv4RibTable t)) {
            throw new IllegalStateException("not the IPv4 unicast RIB: " + family);
        }
        Object slot = t.get(address, bits);
        if (slot == null) {
            // A new destination (most of a table's first feed): its only path, nothing to compare.
            lastPutAdded = true;
            t.put(address, bits, path);
            return wantChange ? new BestChange(family, Ipv4RibTable.prefix(address, bits), null, path) : null;
        }
        Path old = bestOf(slot, null); // IPv4 paths carry no NLRI of their own: never Compact
        Object merged = merge(slot, path, null);
        if (merged == null) {
            return null;
        }
        t.put(address, bits, merged);
        Path nu = bestOf(merged, null);
        return wantChange && differs(old, nu) ? new BestChange(family, Ipv4RibTable.prefix(address, bits), old, nu) : null;
    }

    /**
     * {@link #putIpv4} for every prefix of {@code nlri} with the one {@code path} (no NLRI of its own), when
     * nobody wants the best-path changes: a new destination is filled in place, one already there takes
     * the way of {@link #putIpv4}. Returns how many paths were added (not replaced).
     */
    public int putIpv4All(PackedIpv4Prefixes nlri, Path path) {
        if (!(table instanceof Ipv4RibTable t)) {
            throw new IllegalStateException("not the IPv4 unicast RIB: " + family);
        }
        if (path.nlri() != null) {
            throw new IllegalArgumentException("the shared path carries no NLRI");
        }
        byte[] b = nlri.buf();
        int end = nlri.end();
        int added = 0;
        int p = nlri.start();
        while (p < end) {
            long r = putIpv4Run(t, b, p, end, path);
            p = (int) (r >>> 32);
            added += (int) r;
        }
        return added;
    }

    /** Prefixes per {@link #putIpv4Run} call. */
    private static final int RUN = 64;

    /**
     * {@link #putIpv4All} for at most {@link #RUN} prefixes from {@code p}: returns the offset reached (high
     * 32 bits) and how many paths were added (low). Split off so that the JIT compiles this small loop
     * early as a method of its own rather than the whole walk through an UPDATE by on-stack replacement.
     */
    private long putIpv4Run(Ipv4RibTable t, byte[] b, int p, int end, Path path) {
        int added = 0;
        for (int n = 0; n < RUN && p < end; n++) {
            int bits = PackedIpv4Prefixes.bits(b, p);
            if (t.putIfAbsent(PackedIpv4Prefixes.address(b, p), bits, path)) {
                added++;
            } else if (putIpv4Existing(PackedIpv4Prefixes.address(b, p), bits, path)) {
                added++;
            }
            p = PackedIpv4Prefixes.next(b, p);
        }
        return (long) p << 32 | added;
    }

    /** {@link #putIpv4} where the destination is already there; whether a path was added. */
    private boolean putIpv4Existing(int address, int bits, Path path) {
        putIpv4(address, bits, path, false);
        return lastPutAdded;
    }

    /**
     * {@link #put} for VPN-IPv4 straight from the wire: RD (8 octets as a long), {@code address}/{@code bits}
     * (host bits clear) and the one label field; {@code shared} is the neighbor's path without NLRI for
     * the attribute set of these routes (one per UPDATE). A new destination is stored without key or
     * path objects; an existing one takes the way of {@link #put}. The {@link BestChange} is built only
     * when {@code wantChange} (see {@link #putIpv4}).
     */
    public BestChange putVpn4(long rd, int address, int bits, int label, Path shared, boolean wantChange) {
        if (!(table instanceof Vpn4RibTable t)) {
            throw new IllegalStateException("not the VPN-IPv4 RIB: " + family);
        }
        if (shared.nlri() != null) {
            throw new IllegalArgumentException("the shared path carries no NLRI");
        }
        long p = Vpn4RibTable.prefix(address, bits);
        int i = t.find(rd, p);
        if (i >= 0) {
            VpnPrefix key = t.key(rd, p);
            BestChange c = put(key, new Path(withLabel(key, label), shared.peer(), shared.attributes(), shared.stale()));
            return wantChange ? c : null;
        }
        lastPutAdded = true;
        Compact c = new Compact(shared, label);
        t.insert(i, rd, p, c);
        if (!wantChange) {
            return null;
        }
        VpnPrefix key = t.key(rd, p);
        return new BestChange(family, key, null, expand(c, key));
    }

    /**
     * {@link #put} for an EVPN MAC/IP advertisement straight from the wire (ESI 0, one label): RD, Ethernet
     * Tag, MAC (low 48 bits), the IPv4 address if {@code hasIp}, and Label1; {@code shared} as in
     * {@link #putVpn4}.
     */
    public BestChange putEvpnMac(long rd, long ethernetTag, long mac, boolean hasIp, int ipv4, int label1, Path shared, boolean wantChange) {
        if (!(table instanceof EvpnMacRibTable t)) {
            throw new IllegalStateException("not the EVPN RIB: " + family);
        }
        if (shared.nlri() != null) {
            throw new IllegalArgumentException("the shared path carries no NLRI");
        }
        long m = EvpnMacRibTable.macWord(mac, hasIp);
        long tag = EvpnMacRibTable.tagWord(ethernetTag, hasIp, ipv4);
        int i = t.find(rd, m, tag);
        if (i >= 0) {
            Nlri key = t.key(rd, m, tag);
            BestChange c = put(key, new Path(withLabel(key, label1), shared.peer(), shared.attributes(), shared.stale()));
            return wantChange ? c : null;
        }
        lastPutAdded = true;
        Compact c = new Compact(shared, label1);
        t.insert(i, rd, m, tag, c);
        if (!wantChange) {
            return null;
        }
        Nlri key = t.key(rd, m, tag);
        return new BestChange(family, key, null, expand(c, key));
    }

    /**
     * The slot after adding or replacing {@code path} in {@code slot} (best path re-selected only when
     * the destination has more than one path), or null when {@code path} is already there. Sets
     * {@link #lastPutAdded}.
     */
    private Object merge(Object slot, Path path, Nlri key) {
        lastPutAdded = true;
        if (slot == null) {
            return single(path, key);
        }
        int peerId = path.peer().id();
        if (slot instanceof Path p && p.peer().id() == peerId) {
            lastPutAdded = false;
            return p.equals(path) ? null : single(path, key);
        }
        if (slot instanceof Compact c && c.shared().peer().id() == peerId) {
            lastPutAdded = false;
            return expand(c, key).equals(path) ? null : single(path, key);
        }
        Path[] paths = pathsOf(slot, key);
        int i = indexOf(paths, peerId);
        if (i >= 0) {
            lastPutAdded = false;
            if (paths[i].equals(path)) {
                return null;
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
        return m;
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
        if (peerIndex(slot, peerId) < 0) {
            return null;
        }
        Path[] paths = pathsOf(slot, key);
        int i = indexOf(paths, peerId);
        lastRemoveFound = true;
        Path old = bestOf(slot, key);
        if (paths.length == 1) {
            t.remove(key);
            return new BestChange(family, key, old, null);
        }
        Path[] rest = new Path[paths.length - 1];
        System.arraycopy(paths, 0, rest, 0, i);
        System.arraycopy(paths, i + 1, rest, i, paths.length - i - 1);
        Path best = rest[BestPath.select(rest)];
        if (rest.length == 1) {
            t.put(key, single(rest[0], key));
        } else {
            Multi m = (Multi) slot;
            m.paths = rest;
            m.best = best;
        }
        return change(key, old, best);
    }

    private BestChange change(Nlri key, Path old, Path nu) {
        return differs(old, nu) ? new BestChange(family, key, old, nu) : null;
    }

    /** Whether the best path changed in a way a neighbor or listener can see (staleness alone does not count). */
    private static boolean differs(Path old, Path nu) {
        return !(old == nu || (old != null && nu != null && old.peer().id() == nu.peer().id() && old.attributes() == nu.attributes()
                && old.peer().equals(nu.peer()) && java.util.Objects.equals(old.nlri(), nu.nlri())));
    }

    /** Removes every path of {@code peerId} that {@code which} accepts; returns the best-path changes. */
    public List<BestChange> removeAll(int peerId, Predicate<Path> which) {
        List<Nlri> keys = new ArrayList<>();
        table.forEachSlot((slot, k) -> {
            int i = peerIndex(slot, peerId);
            if (i >= 0) {
                Nlri key = k.key();
                if (which.test(pathsOf(slot, key)[i])) {
                    keys.add(key);
                }
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
            int i = peerIndex(slot, peerId);
            if (i >= 0 && !(slot instanceof Compact c ? c.shared().stale() : pathsOf(slot, null)[i].stale())) {
                keys.add(k.key());
            }
        });
        for (Nlri k : keys) {
            Object slot = table.get(k);
            if (slot instanceof Path p) {
                // IPv4 paths carry no NLRI: the stale copies of one neighbor's routes can be one path per attribute set too.
                table.put(k, p.nlri() == null ? sharedPath(p.asStale()) : p.asStale());
            } else if (slot instanceof Compact c) {
                table.put(k, single(expand(c, k).asStale(), k));
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
        return peerIndex(tableFor(key).get(key), peerId) >= 0;
    }

    public Path best(Nlri key) {
        return bestOf(tableFor(key).get(key), key);
    }

    public List<Path> paths(Nlri key) {
        return List.of(pathsOf(tableFor(key).get(key), key));
    }

    /** Visits each destination's best path; the action must not modify this RIB. */
    public void forEachBest(BiConsumer<Nlri, Path> action) {
        table.forEach((k, slot) -> action.accept(k, bestOf(slot, k)));
    }

    /**
     * Visits each destination's best path with the NLRI that path carries ({@link Path#nlriFor}):
     * like {@link #forEachBest} but keys are rebuilt only for paths without an NLRI of their own. The
     * path given may be one shared by many destinations, with a null {@link Path#nlri()}: its neighbor,
     * attributes and staleness are this destination's, its NLRI is the first argument.
     */
    public void forEachBestNlri(BiConsumer<Nlri, Path> action) {
        table.forEachSlot((slot, k) -> {
            if (slot instanceof Compact c) {
                action.accept(withLabel(k.key(), c.label()), c.shared());
                return;
            }
            Path best = bestOf(slot, null);
            action.accept(best.nlri() != null ? best.nlri() : k.key(), best);
        });
    }

    /** Whether {@code slot} holds a path of {@code peerId}, without allocating. */
    private static boolean holds(Object slot, int peerId) {
        return peerIndex(slot, peerId) >= 0;
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
            int i = peerIndex(slot, peerId);
            if (i < 0) {
                return;
            }
            action.accept(k, pathsOf(slot, k)[i]);
        });
    }
}
