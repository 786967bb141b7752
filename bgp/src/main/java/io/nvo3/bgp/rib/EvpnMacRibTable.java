package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute.MacIpAdvertisement;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;

/**
 * EVPN: MAC/IP advertisement keys (RFC 7432 §7.2: "only the Ethernet Tag ID, MAC Address Length, MAC
 * Address, IP Address Length, and IP Address fields are considered to be part of the prefix", under
 * the RD) without an IP or with an IPv4 one — the routes that come by the million — in an
 * open-addressing table of primitive keys, three longs per bucket (RD; MAC and IP kind; Ethernet Tag
 * and IPv4 address), with linear probing and backward-shift deletion as in {@link Vpn4RibTable}. No
 * per-route key object is kept; the key is rebuilt, with shared RD instances, when a caller iterates.
 * Every other EVPN key (other route types, IPv6 addresses) goes to a {@link HashRibTable}.
 */
final class EvpnMacRibTable implements RibTable {
    private static final int MAX_CACHED_RDS = 4096;
    private static final long NO_IP = 1L << 48;
    private static final long IPV4 = 2L << 48;

    /** Bucket i: 3i the RD, 3i+1 the MAC with the IP kind above it (never 0: 0 marks an empty bucket), 3i+2 tag and IPv4 address. */
    private long[] keys = new long[3 * 1024];
    private Object[] slots = new Object[1024];
    private int size;
    private Nlri lastKey;
    private int lastFind;
    private final Map<Long, RouteDistinguisher> rdCache = new HashMap<>();
    private final HashRibTable other = new HashRibTable();

    static boolean accepts(Nlri n) {
        return n instanceof MacIpAdvertisement m && m.pathId() == Nlri.NO_PATH_ID && m.esi().equals(Esi.ZERO) && m.label1() == 0
                && m.label2().isEmpty() && (m.ip().isEmpty() || m.ip().get() instanceof Inet4Address);
    }

    private static long macWord(MacIpAdvertisement m) {
        return m.mac().bits() | (m.ip().isEmpty() ? NO_IP : IPV4);
    }

    private static long tagWord(MacIpAdvertisement m) {
        return m.ethernetTag() << 32 | (m.ip().isEmpty() ? 0 : RouteAttributes.ipv4(m.ip().get()));
    }

    private MacIpAdvertisement unpack(long rd, long mac, long tag) {
        RouteDistinguisher d = rdCache.get(rd);
        if (d == null) {
            d = new RouteDistinguisher(Bytes.of((byte) (rd >>> 56), (byte) (rd >>> 48), (byte) (rd >>> 40), (byte) (rd >>> 32),
                    (byte) (rd >>> 24), (byte) (rd >>> 16), (byte) (rd >>> 8), (byte) rd));
            if (rdCache.size() < MAX_CACHED_RDS) {
                rdCache.put(rd, d);
            }
        }
        Optional<java.net.InetAddress> ip = (mac & IPV4) != 0 ? Optional.of(RouteAttributes.ipv4(tag & 0xffffffffL)) : Optional.empty();
        return new MacIpAdvertisement(Nlri.NO_PATH_ID, d, Esi.ZERO, tag >>> 32, new MacAddress(mac & 0xffff_ffff_ffffL), ip, 0,
                OptionalInt.empty());
    }

    /** The packed key words of a MAC/IP route read from the wire: MAC (48 bits) and IP kind; Ethernet Tag and IPv4 address. */
    static long macWord(long mac, boolean hasIp) {
        return mac | (hasIp ? IPV4 : NO_IP);
    }

    static long tagWord(long tag, boolean hasIp, int ipv4) {
        return tag << 32 | (hasIp ? ipv4 & 0xffffffffL : 0);
    }

    /** The key of packed words (shared RD instances). */
    MacIpAdvertisement key(long rd, long mac, long tag) {
        return unpack(rd, mac, tag);
    }

    private static int hash(long rd, long mac, long tag) {
        return NlriKeys.mix((rd * 0x9E3779B97F4A7C15L + mac) * 0xC2B2AE3D27D4EB4FL + tag);
    }

    /** The bucket holding this key (≥ 0), or -1 - the free bucket where it would go. */
    int find(long rd, long mac, long tag) {
        long[] ks = keys;
        int mask = slots.length - 1;
        int i = hash(rd, mac, tag) & mask;
        long m;
        while ((m = ks[3 * i + 1]) != 0) {
            if (m == mac && ks[3 * i + 2] == tag && ks[3 * i] == rd) {
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
        MacIpAdvertisement m = (MacIpAdvertisement) key;
        int i = find(Vpn4RibTable.rd(m.rd()), macWord(m), tagWord(m));
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
        MacIpAdvertisement m = (MacIpAdvertisement) key;
        insert(i, Vpn4RibTable.rd(m.rd()), macWord(m), tagWord(m), slot);
    }

    /** Adds a key that {@link #find} did not find, at the bucket it named ({@code miss} = its result). */
    void insert(int miss, long rd, long mac, long tag, Object slot) {
        lastKey = null;
        int i = miss;
        if ((size + 1) * 10 > slots.length * 6) {
            grow();
            i = find(rd, mac, tag);
        }
        i = -1 - i;
        keys[3 * i] = rd;
        keys[3 * i + 1] = mac;
        keys[3 * i + 2] = tag;
        slots[i] = slot;
        size++;
    }

    private void grow() {
        long[] ok = keys;
        Object[] os = slots;
        keys = new long[ok.length * 2];
        slots = new Object[os.length * 2];
        for (int j = 0; j < os.length; j++) {
            if (ok[3 * j + 1] != 0) {
                int i = -1 - find(ok[3 * j], ok[3 * j + 1], ok[3 * j + 2]);
                System.arraycopy(ok, 3 * j, keys, 3 * i, 3);
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
            if (keys[3 * j + 1] == 0) {
                break;
            }
            int home = hash(keys[3 * j], keys[3 * j + 1], keys[3 * j + 2]) & mask;
            boolean between = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!between) {
                System.arraycopy(keys, 3 * j, keys, 3 * i, 3);
                slots[i] = slots[j];
                i = j;
            }
        }
        keys[3 * i] = 0;
        keys[3 * i + 1] = 0;
        keys[3 * i + 2] = 0;
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
            if (keys[3 * i + 1] != 0) {
                action.accept(unpack(keys[3 * i], keys[3 * i + 1], keys[3 * i + 2]), slots[i]);
            }
        }
        other.forEach(action);
    }

    @Override
    public void forEachSlot(SlotVisitor visitor) {
        int[] at = new int[1];
        KeyRef ref = () -> unpack(keys[3 * at[0]], keys[3 * at[0] + 1], keys[3 * at[0] + 2]);
        for (int i = 0; i < slots.length; i++) {
            if (keys[3 * i + 1] != 0) {
                at[0] = i;
                visitor.visit(slots[i], ref);
            }
        }
        other.forEachSlot(visitor);
    }
}
