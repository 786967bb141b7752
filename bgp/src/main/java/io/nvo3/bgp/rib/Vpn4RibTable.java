package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * VPN-IPv4 (RFC 4364 §4.3.4: the key is RD + IPv4 prefix): an open-addressing table of primitive
 * keys, the RD in one long and address and length in another, with linear probing and
 * backward-shift deletion, like {@link Ipv4RibTable}. No per-route key object is kept (the path's
 * own NLRI holds the labels); the key {@link VpnPrefix} is rebuilt, with shared RD instances, when
 * a caller iterates.
 */
final class Vpn4RibTable implements RibTable {
    private static final List<Integer> ZERO_LABEL = List.of(0);
    private static final int MAX_CACHED_RDS = 4096;

    /**
     * Bucket i's key at 2i (address and length, +1 so that 0 marks an empty bucket) and 2i+1 (the
     * RD): one cache line per probe.
     */
    private long[] keys = new long[2048];
    private Object[] slots = new Object[1024];
    private int size;
    /** The last lookup (key identity and {@link #find} result) while the layout has not changed, as in {@link HashRibTable}. */
    private Nlri lastKey;
    private int lastFind;
    private final Map<Long, RouteDistinguisher> rdCache = new HashMap<>();
    /** Keys of another shape (none come from {@link NlriKeys#key} today), kept as they are. */
    private final HashRibTable other = new HashRibTable();

    static boolean accepts(Nlri n) {
        return n instanceof VpnPrefix v && v.prefix() instanceof Inet4Address && v.pathId() == Nlri.NO_PATH_ID
                && v.labels().size() == 1 && v.labels().getFirst() == 0;
    }

    static long rd(RouteDistinguisher rd) {
        Bytes b = rd.bytes();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | b.get(i);
        }
        return v;
    }

    static long prefix(VpnPrefix v) {
        return ((RouteAttributes.ipv4(v.prefix()) << 8) | v.length()) + 1;
    }

    /** {@link #prefix} of {@code address}/{@code bits} as read from the wire (host bits clear). */
    static long prefix(int address, int bits) {
        return (((address & 0xffffffffL) << 8) | bits) + 1;
    }

    /** The key {@link VpnPrefix} of a packed RD and prefix (shared RD instances). */
    VpnPrefix key(long rd, long prefix) {
        return unpack(rd, prefix);
    }

    private long lastRd;
    private RouteDistinguisher lastRdValue;

    private VpnPrefix unpack(long rd, long prefix) {
        RouteDistinguisher d = lastRdValue != null && lastRd == rd ? lastRdValue : rdCache.get(rd);
        if (d == null) {
            d = new RouteDistinguisher(Bytes.of((byte) (rd >>> 56), (byte) (rd >>> 48), (byte) (rd >>> 40), (byte) (rd >>> 32),
                    (byte) (rd >>> 24), (byte) (rd >>> 16), (byte) (rd >>> 8), (byte) rd));
            if (rdCache.size() < MAX_CACHED_RDS) {
                rdCache.put(rd, d);
            }
        }
        lastRd = rd;
        lastRdValue = d;
        long v = prefix - 1;
        return new VpnPrefix(Nlri.NO_PATH_ID, ZERO_LABEL, d, RouteAttributes.ipv4(v >>> 8), (int) (v & 0xff));
    }

    private static int hash(long rd, long prefix) {
        return NlriKeys.mix(rd * 0x9E3779B97F4A7C15L + prefix);
    }

    /** The bucket holding this key (≥ 0), or -1 - the free bucket where it would go. */
    int find(long rd, long prefix) {
        long[] ks = keys;
        int mask = slots.length - 1;
        int i = hash(rd, prefix) & mask;
        long p;
        while ((p = ks[2 * i]) != 0) {
            if (p == prefix && ks[2 * i + 1] == rd) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    private int find(Nlri key) {
        if (key == lastKey) {
            return lastFind;
        }
        VpnPrefix v = (VpnPrefix) key;
        int i = find(rd(v.rd()), prefix(v));
        lastKey = key;
        lastFind = i;
        return i;
    }

    @Override
    public Object get(Nlri key) {
        if (!accepts(key)) {
            return other.get(key);
        }
        int i = find(key);
        return i >= 0 ? slots[i] : null;
    }

    @Override
    public void put(Nlri key, Object slot) {
        if (!accepts(key)) {
            other.put(key, slot);
            return;
        }
        int i = find(key);
        if (i >= 0) {
            slots[i] = slot;
            return;
        }
        VpnPrefix v = (VpnPrefix) key;
        insert(i, rd(v.rd()), prefix(v), slot);
    }

    /** Adds a key that {@link #find} did not find, at the bucket it named ({@code miss} = its result). */
    void insert(int miss, long rd, long prefix, Object slot) {
        lastKey = null;
        int i = miss;
        if ((size + 1) * 10 > slots.length * 6) {
            grow();
            i = find(rd, prefix);
        }
        i = -1 - i;
        keys[2 * i] = prefix;
        keys[2 * i + 1] = rd;
        slots[i] = slot;
        size++;
    }

    private void grow() {
        long[] ok = keys;
        Object[] os = slots;
        keys = new long[ok.length * 2];
        slots = new Object[os.length * 2];
        for (int j = 0; j < os.length; j++) {
            if (ok[2 * j] != 0) {
                int i = -1 - find(ok[2 * j + 1], ok[2 * j]);
                keys[2 * i] = ok[2 * j];
                keys[2 * i + 1] = ok[2 * j + 1];
                slots[i] = os[j];
            }
        }
    }

    @Override
    public void remove(Nlri key) {
        if (!accepts(key)) {
            other.remove(key);
            return;
        }
        int i = find(key);
        if (i < 0) {
            return;
        }
        lastKey = null;
        int mask = slots.length - 1;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[2 * j] == 0) {
                break;
            }
            int home = hash(keys[2 * j + 1], keys[2 * j]) & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                keys[2 * i] = keys[2 * j];
                keys[2 * i + 1] = keys[2 * j + 1];
                slots[i] = slots[j];
                i = j;
            }
        }
        keys[2 * i] = 0;
        keys[2 * i + 1] = 0;
        slots[i] = null;
        size--;
    }

    @Override
    public int size() {
        return size + other.size();
    }

    @Override
    public void forEach(BiConsumer<Nlri, Object> action) {
        for (int i = 0; i < slots.length; i++) {
            if (keys[2 * i] != 0) {
                action.accept(unpack(keys[2 * i + 1], keys[2 * i]), slots[i]);
            }
        }
        other.forEach(action);
    }

    @Override
    public void forEachSlot(SlotVisitor visitor) {
        int[] at = new int[1];
        KeyRef ref = () -> unpack(keys[2 * at[0] + 1], keys[2 * at[0]]);
        for (int i = 0; i < slots.length; i++) {
            if (keys[2 * i] != 0) {
                at[0] = i;
                visitor.visit(slots[i], ref);
            }
        }
        other.forEachSlot(visitor);
    }
}
