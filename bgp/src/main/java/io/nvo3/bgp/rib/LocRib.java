package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One AFI/SAFI's routes: for each destination the post-policy paths of every neighbor (the
 * Adj-RIBs-In, RFC 4271 §3.2, kept together) and the selected best path (the Loc-RIB). A path is
 * identified by its neighbor's {@link PeerRef#id()}, which survives session restarts, so a
 * re-announced route replaces its stale copy. Single-threaded.
 */
public final class LocRib {
    private static final Path[] NONE = new Path[0];

    private final AfiSafi family;
    private final Map<Nlri, Entry> table = new HashMap<>();

    private static final class Entry {
        Path[] paths = NONE;
        Path best;
    }

    public LocRib(AfiSafi family) {
        this.family = family;
    }

    public AfiSafi family() {
        return family;
    }

    /** Destinations with at least one path. */
    public int size() {
        return table.size();
    }

    /** Adds or replaces the path of {@code path.peer()}; returns the best-path change or null. */
    public BestChange put(Nlri nlri, Path path) {
        Entry e = table.computeIfAbsent(nlri, k -> new Entry());
        int i = indexOf(e.paths, path.peer().id());
        if (i >= 0) {
            if (e.paths[i].equals(path)) {
                return null;
            }
            e.paths[i] = path;
        } else {
            e.paths = Arrays.copyOf(e.paths, e.paths.length + 1);
            e.paths[e.paths.length - 1] = path;
        }
        return reselect(nlri, e);
    }

    /** Removes the path of the neighbor {@code peerId}; returns the best-path change or null. */
    public BestChange remove(Nlri nlri, int peerId) {
        Entry e = table.get(nlri);
        if (e == null) {
            return null;
        }
        int i = indexOf(e.paths, peerId);
        if (i < 0) {
            return null;
        }
        removeAt(e, i);
        return finish(nlri, e);
    }

    /** Removes every path of {@code peerId} that {@code which} accepts; returns the best-path changes. */
    public List<BestChange> removeAll(int peerId, Predicate<Path> which) {
        List<BestChange> changes = new ArrayList<>();
        Iterator<Map.Entry<Nlri, Entry>> it = table.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Nlri, Entry> me = it.next();
            Entry e = me.getValue();
            int i = indexOf(e.paths, peerId);
            if (i < 0 || !which.test(e.paths[i])) {
                continue;
            }
            removeAt(e, i);
            Path old = e.best;
            if (e.paths.length == 0) {
                it.remove();
                changes.add(new BestChange(family, me.getKey(), old, null));
            } else {
                BestChange c = select(me.getKey(), e);
                if (c != null) {
                    changes.add(c);
                }
            }
        }
        return changes;
    }

    /** Marks every path of {@code peerId} stale; returns how many. Staleness does not change selection. */
    public int markStale(int peerId) {
        int n = 0;
        for (Entry e : table.values()) {
            int i = indexOf(e.paths, peerId);
            if (i >= 0 && !e.paths[i].stale()) {
                boolean wasBest = e.best == e.paths[i];
                e.paths[i] = e.paths[i].asStale();
                if (wasBest) {
                    e.best = e.paths[i];
                }
                n++;
            }
        }
        return n;
    }

    /** Whether the neighbor {@code peerId} has a path to {@code nlri}. */
    public boolean hasPath(Nlri nlri, int peerId) {
        Entry e = table.get(nlri);
        return e != null && indexOf(e.paths, peerId) >= 0;
    }

    public Path best(Nlri nlri) {
        Entry e = table.get(nlri);
        return e == null ? null : e.best;
    }

    public List<Path> paths(Nlri nlri) {
        Entry e = table.get(nlri);
        return e == null ? List.of() : List.of(e.paths);
    }

    public void forEachBest(BiConsumer<Nlri, Path> action) {
        table.forEach((n, e) -> action.accept(n, e.best));
    }

    /** Paths held from {@code peerId} (its Adj-RIB-In size). */
    public int countPaths(int peerId) {
        int n = 0;
        for (Entry e : table.values()) {
            if (indexOf(e.paths, peerId) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Destinations for which {@code peerId} sent a path, with that path. */
    public void forEachPathOf(int peerId, BiConsumer<Nlri, Path> action) {
        table.forEach((n, e) -> {
            int i = indexOf(e.paths, peerId);
            if (i >= 0) {
                action.accept(n, e.paths[i]);
            }
        });
    }

    private static int indexOf(Path[] paths, int peerId) {
        for (int i = 0; i < paths.length; i++) {
            if (paths[i].peer().id() == peerId) {
                return i;
            }
        }
        return -1;
    }

    private static void removeAt(Entry e, int i) {
        Path[] p = new Path[e.paths.length - 1];
        System.arraycopy(e.paths, 0, p, 0, i);
        System.arraycopy(e.paths, i + 1, p, i, e.paths.length - i - 1);
        e.paths = p.length == 0 ? NONE : p;
    }

    private BestChange finish(Nlri nlri, Entry e) {
        if (e.paths.length == 0) {
            table.remove(nlri);
            Path old = e.best;
            e.best = null;
            return old == null ? null : new BestChange(family, nlri, old, null);
        }
        return select(nlri, e);
    }

    private BestChange reselect(Nlri nlri, Entry e) {
        return select(nlri, e);
    }

    private BestChange select(Nlri nlri, Entry e) {
        Path old = e.best;
        Path nu = e.paths[BestPath.select(e.paths)];
        e.best = nu;
        if (old == nu || (old != null && old.peer().id() == nu.peer().id() && old.attributes() == nu.attributes()
                && old.peer().equals(nu.peer()))) {
            return null;
        }
        return new BestChange(family, nlri, old, nu);
    }
}
