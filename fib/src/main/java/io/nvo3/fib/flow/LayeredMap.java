package io.nvo3.fib.flow;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map made of a base map shared with the maps it was derived from and a small overlay of what changed
 * since: deriving costs the overlay, not the base ({@link NveState#withChanges}: one BGP-learned MAC more on an NVE
 * of 10k flows). The overlay is folded into a new base once it grows past an eighth of it, so lookups stay two
 * probes at most and derivation stays O(change) amortized. Neither the base nor the overlay is mutated after
 * construction; values are never null.
 */
final class LayeredMap<K, V> extends AbstractMap<K, V> {
    private static final Object REMOVED = new Object();
    private static final int MIN_FOLD = 256;

    private final Map<K, V> base;
    private final HashMap<K, Object> overlay;
    private final int size;

    private LayeredMap(Map<K, V> base, HashMap<K, Object> overlay, int size) {
        this.base = base;
        this.overlay = overlay;
        this.size = size;
    }

    /** Over {@code base}, which no one mutates any more (an immutable map, or a fresh copy). */
    static <K, V> LayeredMap<K, V> over(Map<K, V> base) {
        return new LayeredMap<>(base, new HashMap<>(), base.size());
    }

    /** This map with {@code removes} removed, then {@code puts} put. */
    LayeredMap<K, V> with(Map<K, V> puts, Set<K> removes) {
        HashMap<K, Object> o = new HashMap<>(overlay);
        int s = size;
        for (K k : removes) {
            if (present(o, k)) {
                s--;
            }
            if (base.containsKey(k)) {
                o.put(k, REMOVED);
            } else {
                o.remove(k);
            }
        }
        for (Map.Entry<K, V> e : puts.entrySet()) {
            if (!present(o, e.getKey())) {
                s++;
            }
            o.put(e.getKey(), Objects.requireNonNull(e.getValue(), "value"));
        }
        if (o.size() <= Math.max(MIN_FOLD, base.size() / 8)) {
            return new LayeredMap<>(base, o, s);
        }
        HashMap<K, V> folded = new HashMap<>(base);
        o.forEach((k, v) -> {
            if (v == REMOVED) {
                folded.remove(k);
            } else {
                folded.put(k, cast(v));
            }
        });
        return new LayeredMap<>(folded, new HashMap<>(), s);
    }

    private boolean present(HashMap<K, Object> o, Object k) {
        Object v = o.get(k);
        return v != null ? v != REMOVED : base.containsKey(k);
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object v) {
        return (V) v;
    }

    @Override
    public V get(Object key) {
        Object v = overlay.get(key);
        if (v != null) {
            return v == REMOVED ? null : cast(v);
        }
        return base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return present(overlay, key);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        base.forEach((k, v) -> {
            if (!overlay.containsKey(k)) {
                action.accept(k, v);
            }
        });
        overlay.forEach((k, v) -> {
            if (v != REMOVED) {
                action.accept(k, cast(v));
            }
        });
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private final Iterator<Entry<K, V>> fromBase = base.entrySet().iterator();
                    private final Iterator<Entry<K, Object>> fromOverlay = overlay.entrySet().iterator();
                    private Entry<K, V> next = advance();

                    private Entry<K, V> advance() {
                        while (fromBase.hasNext()) {
                            Entry<K, V> e = fromBase.next();
                            if (!overlay.containsKey(e.getKey())) {
                                return new SimpleImmutableEntry<>(e.getKey(), e.getValue());
                            }
                        }
                        while (fromOverlay.hasNext()) {
                            Entry<K, Object> e = fromOverlay.next();
                            if (e.getValue() != REMOVED) {
                                return new SimpleImmutableEntry<>(e.getKey(), cast(e.getValue()));
                            }
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Entry<K, V> out = next;
                        next = advance();
                        return out;
                    }
                };
            }
        };
    }
}
