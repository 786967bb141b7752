package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.BiConsumer;

/**
 * IPv4 unicast: an open-addressing table of primitive keys (address and length packed in a long)
 * with linear probing and backward-shift deletion. No per-route key object is kept; the
 * {@link IpPrefix} is rebuilt when a caller asks for it.
 */
final class Ipv4RibTable implements RibTable {
    private long[] keys = new long[1024];
    private Object[] slots = new Object[1024];
    private int size;
    /** The last lookup (packed key, 0 for none, and {@link #find} result) while the layout has not changed, as in {@link HashRibTable}. */
    private long lastKey;
    private int lastFind;

    private int locate(long k) {
        if (k == lastKey) {
            return lastFind;
        }
        int i = find(k);
        lastKey = k;
        lastFind = i;
        return i;
    }

    /** 0 marks an empty bucket, so keys are stored +1. */
    static long pack(Nlri n) {
        IpPrefix p = (IpPrefix) n;
        return ((RouteAttributes.ipv4(p.prefix()) << 8) | p.length()) + 1;
    }

    /** The packed key of {@code address}/{@code bits} (host bits already clear). */
    static long pack(int address, int bits) {
        return (((address & 0xffffffffL) << 8) | bits) + 1;
    }

    static IpPrefix unpack(long k) {
        long v = k - 1;
        long a = v >>> 8;
        try {
            return IpPrefix.of(InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}),
                    (int) (v & 0xff));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean accepts(Nlri n) {
        return n instanceof IpPrefix p && p.prefix() instanceof Inet4Address && p.pathId() == Nlri.NO_PATH_ID;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private int find(long k) {
        int mask = keys.length - 1;
        int i = hash(k) & mask;
        while (keys[i] != 0) {
            if (keys[i] == k) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    @Override
    public Object get(Nlri key) {
        return getPacked(pack(key));
    }

    Object getPacked(long k) {
        int i = locate(k);
        return i >= 0 ? slots[i] : null;
    }

    @Override
    public void put(Nlri key, Object slot) {
        putPacked(pack(key), slot);
    }

    void putPacked(long k, Object slot) {
        int i = locate(k);
        if (i >= 0) {
            slots[i] = slot;
            return;
        }
        lastKey = 0;
        if ((size + 1) * 10 > keys.length * 6) {
            grow();
            i = find(k);
        }
        i = -1 - i;
        keys[i] = k;
        slots[i] = slot;
        size++;
    }

    private void grow() {
        long[] ok = keys;
        Object[] os = slots;
        keys = new long[ok.length * 2];
        slots = new Object[ok.length * 2];
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != 0) {
                int i = -1 - find(ok[j]);
                keys[i] = ok[j];
                slots[i] = os[j];
            }
        }
    }

    @Override
    public void remove(Nlri key) {
        int i = locate(pack(key));
        if (i < 0) {
            return;
        }
        lastKey = 0;
        int mask = keys.length - 1;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == 0) {
                break;
            }
            int home = hash(keys[j]) & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                keys[i] = keys[j];
                slots[i] = slots[j];
                i = j;
            }
        }
        keys[i] = 0;
        slots[i] = null;
        size--;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<Nlri, Object> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                action.accept(unpack(keys[i]), slots[i]);
            }
        }
    }

    @Override
    public void forEachSlot(SlotVisitor visitor) {
        long[] ks = keys;
        Object[] ss = slots;
        long[] at = new long[1];
        KeyRef ref = () -> unpack(at[0]);
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != 0) {
                at[0] = ks[i];
                visitor.visit(ss[i], ref);
            }
        }
    }
}
