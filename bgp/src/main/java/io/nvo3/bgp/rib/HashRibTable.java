package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.function.BiConsumer;

/**
 * Any family: an open-addressing table keyed by the NLRI record, hashed with {@link NlriKeys#hash}
 * (records' own hash codes cluster badly for VPN keys: the same prefixes under sequential RDs) and
 * with linear probing and backward-shift deletion. No per-entry node: three parallel arrays, the
 * hashes kept so that probes rarely call {@code equals} and growing never rehashes.
 */
final class HashRibTable implements RibTable {
    private Nlri[] keys = new Nlri[1024];
    private Object[] slots = new Object[1024];
    private int[] hashes = new int[1024];
    private int size;
    /**
     * The last lookup (key identity, its hash and {@link #find} result) while the table's layout has
     * not changed since: {@link LocRib#put} asks {@code get} then {@code put} with the same key, and
     * the second probe would walk the same buckets again.
     */
    private Nlri lastKey;
    private int lastHash;
    private int lastFind;

    private int locate(Nlri k) {
        if (k == lastKey) {
            return lastFind;
        }
        int h = NlriKeys.hash(k);
        int i = find(k, h);
        lastKey = k;
        lastHash = h;
        lastFind = i;
        return i;
    }

    private int find(Nlri k, int h) {
        int mask = keys.length - 1;
        int i = h & mask;
        Nlri at;
        while ((at = keys[i]) != null) {
            if (hashes[i] == h && (at == k || at.equals(k))) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    @Override
    public Object get(Nlri key) {
        int i = locate(key);
        return i >= 0 ? slots[i] : null;
    }

    @Override
    public void put(Nlri key, Object slot) {
        int i = locate(key);
        int h = lastHash;
        if (i >= 0) {
            slots[i] = slot;
            return;
        }
        lastKey = null;
        if ((size + 1) * 10 > keys.length * 6) {
            grow();
            i = find(key, h);
        }
        i = -1 - i;
        keys[i] = key;
        slots[i] = slot;
        hashes[i] = h;
        size++;
    }

    private void grow() {
        Nlri[] ok = keys;
        Object[] os = slots;
        int[] oh = hashes;
        int n = ok.length * 2;
        keys = new Nlri[n];
        slots = new Object[n];
        hashes = new int[n];
        int mask = n - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != null) {
                int i = oh[j] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = ok[j];
                slots[i] = os[j];
                hashes[i] = oh[j];
            }
        }
    }

    @Override
    public void remove(Nlri key) {
        int i = locate(key);
        if (i < 0) {
            return;
        }
        lastKey = null;
        int mask = keys.length - 1;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == null) {
                break;
            }
            int home = hashes[j] & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                keys[i] = keys[j];
                slots[i] = slots[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        keys[i] = null;
        slots[i] = null;
        hashes[i] = 0;
        size--;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<Nlri, Object> action) {
        Nlri[] ks = keys;
        Object[] ss = slots;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) {
                action.accept(ks[i], ss[i]);
            }
        }
    }

    @Override
    public void forEachSlot(SlotVisitor visitor) {
        Nlri[] ks = keys;
        Object[] ss = slots;
        Nlri[] at = new Nlri[1];
        KeyRef ref = () -> at[0];
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) {
                at[0] = ks[i];
                visitor.visit(ss[i], ref);
            }
        }
    }
}
