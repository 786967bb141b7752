package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * IPv4 unicast, laid out in blocks: the {@link #BLOCK} consecutive networks of one length that share
 * all but the low {@link #BLOCK_BITS} bits of their network number (a /32 block is 8 adjacent
 * addresses, a /24 block 8 adjacent /24s) take one block of slots, found through a small
 * open-addressing directory keyed by (length, network number without those bits). No key is stored
 * per route: a route's key is its block's key plus its place in the block.
 *
 * <p>Why: full-table feeds come in prefix order (peers walk their own tree), so consecutive routes
 * land in the same block and consecutive blocks are allocated one after the other: inserting
 * walks memory sequentially and looks the directory up once per block, where a hash table keyed
 * per route takes a cache miss per route and rehashes everything at each doubling. Blocks live in
 * fixed-size segments, so growing never copies a slot. Random order stays one directory probe (the
 * directory is 1/{@value #BLOCK} of the routes) and one slot write per route; the price is memory when
 * routes are scattered one per block ({@value #BLOCK} slots for one route).
 * A block whose last slot empties is unlinked from the directory and reused.
 */
final class Ipv4RibTable implements RibTable {
    static final int BLOCK_BITS = 3;
    static final int BLOCK = 1 << BLOCK_BITS;
    /** log2 of the slots per segment (16384: 64 KiB with compressed references). */
    private static final int SEGMENT_SHIFT = 14;
    private static final int SEGMENT_MASK = (1 << SEGMENT_SHIFT) - 1;
    private static final int MIN_DIRECTORY = 64;

    /** Slot {@code block * BLOCK + offset} is {@code segments[i >>> SEGMENT_SHIFT][i & SEGMENT_MASK]}; null is empty. */
    private Object[][] segments = new Object[8][];
    /** Per block number: its directory key, 0 while the block is free. */
    private long[] blockKeys = new long[64];
    /** Block numbers handed out so far (in use or free). */
    private int blocks;
    private int[] freeBlocks = new int[16];
    private int freeCount;
    /** Blocks that can be made before {@link #makeRoom} must run again. */
    private int roomLeft;

    /**
     * Directory: block number + 1 (0 for an empty bucket) at the bucket of its block's key, which is
     * {@link #blockKeys}{@code [block]}; linear probing, backward-shift deletion, at most half full.
     */
    private int[] directory = new int[MIN_DIRECTORY];
    private int dirShift = 64 - Integer.numberOfTrailingZeros(MIN_DIRECTORY);
    private int dirSize;

    private int size;
    /** The block last found or made (routes come in runs of one block), valid until that block is freed. */
    private long cachedKey;
    private int cachedBlock;

    /** The network number of {@code address}/{@code bits}: the address's top {@code bits} bits. */
    private static int network(int address, int bits) {
        return bits == 0 ? 0 : address >>> (32 - bits);
    }

    /** The directory key of the block holding {@code address}/{@code bits}: length and network number without the block bits, +1. */
    private static long blockKey(int address, int bits) {
        return ((long) (network(address, bits) >>> BLOCK_BITS) << 6 | bits) + 1;
    }

    private static int offset(int address, int bits) {
        return network(address, bits) & (BLOCK - 1);
    }

    /** The prefix at {@code offset} of the block with key {@code key}. */
    private static IpPrefix prefixAt(long key, int offset) {
        long v = key - 1;
        int bits = (int) (v & 63);
        int net = (int) ((v >>> 6) << BLOCK_BITS) | offset;
        return prefix(bits == 0 ? 0 : net << (32 - bits), bits);
    }

    /** {@code address}/{@code bits} as an object. */
    static IpPrefix prefix(int address, int bits) {
        return IpPrefix.of(RouteAttributes.ipv4(address & 0xffffffffL), bits);
    }

    static boolean accepts(Nlri n) {
        return n instanceof IpPrefix p && p.prefix() instanceof Inet4Address && p.pathId() == Nlri.NO_PATH_ID;
    }

    private static int address(Nlri key) {
        return (int) RouteAttributes.ipv4(((IpPrefix) key).prefix());
    }

    private static int bits(Nlri key) {
        return ((IpPrefix) key).length();
    }

    private int home(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> dirShift);
    }

    /** The directory index of {@code key}, or {@code -1 - index} of the empty bucket where it would go. */
    private int dirFind(long key) {
        int[] d = directory;
        long[] bk = blockKeys;
        int mask = d.length - 1;
        int i = home(key);
        int at;
        while ((at = d[i]) != 0) {
            if (bk[at - 1] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    /** The block number of {@code key}, or -1. */
    private int block(long key) {
        if (key == cachedKey) {
            return cachedBlock;
        }
        int i = dirFind(key);
        if (i < 0) {
            return -1;
        }
        cachedKey = key;
        cachedBlock = directory[i] - 1;
        return cachedBlock;
    }

    /** The slot of {@code address}/{@code bits} (host bits clear), or null. */
    Object get(int address, int bits) {
        int b = block(blockKey(address, bits));
        if (b < 0) {
            return null;
        }
        int s = b << BLOCK_BITS | offset(address, bits);
        return segments[s >>> SEGMENT_SHIFT][s & SEGMENT_MASK];
    }

    /** The slot number of {@code address}/{@code bits}, its block made when missing. */
    private int slotCreatingBlock(int address, int bits) {
        long key = blockKey(address, bits);
        int b = block(key);
        if (b < 0) {
            b = newBlock(key);
        }
        return b << BLOCK_BITS | offset(address, bits);
    }

    /** Sets the slot of {@code address}/{@code bits} (host bits clear) to {@code slot} (not null). */
    void put(int address, int bits, Object slot) {
        int s = slotCreatingBlock(address, bits);
        Object[] seg = segments[s >>> SEGMENT_SHIFT];
        int j = s & SEGMENT_MASK;
        if (seg[j] == null) {
            size++;
        }
        seg[j] = slot;
    }

    /** Sets the slot of {@code address}/{@code bits} (host bits clear) to {@code slot} if it is empty; whether it was. */
    boolean putIfAbsent(int address, int bits, Object slot) {
        int s = slotCreatingBlock(address, bits);
        Object[] seg = segments[s >>> SEGMENT_SHIFT];
        int j = s & SEGMENT_MASK;
        if (seg[j] != null) {
            return false;
        }
        seg[j] = slot;
        size++;
        return true;
    }

    /** Empties the slot of {@code address}/{@code bits} (host bits clear). */
    void remove(int address, int bits) {
        long key = blockKey(address, bits);
        int b = block(key);
        if (b < 0) {
            return;
        }
        int first = b << BLOCK_BITS;
        int s = first | offset(address, bits);
        Object[] seg = segments[s >>> SEGMENT_SHIFT];
        int j = s & SEGMENT_MASK;
        if (seg[j] == null) {
            return;
        }
        seg[j] = null;
        size--;
        // A block never straddles segments (a segment holds a whole number of blocks).
        int from = first & SEGMENT_MASK;
        for (int k = from; k < from + BLOCK; k++) {
            if (seg[k] != null) {
                return;
            }
        }
        freeBlock(b, key);
    }

    private int newBlock(long key) {
        if (roomLeft == 0) {
            makeRoom();
        }
        roomLeft--;
        int b = freeCount > 0 ? freeBlocks[--freeCount] : blocks++;
        int i = -1 - dirFind(key);
        blockKeys[b] = key;
        directory[i] = b + 1;
        dirSize++;
        cachedKey = key;
        cachedBlock = b;
        return b;
    }

    /**
     * Grows whatever the next block needs (its key's place, its segment, a directory bucket) and sets
     * {@link #roomLeft} to how many blocks can be made before anything must grow again. One check per
     * block made, and one rare branch for all growth (a segment fills every 2048 blocks).
     */
    private void makeRoom() {
        if (blocks == blockKeys.length) {
            blockKeys = Arrays.copyOf(blockKeys, blocks * 2);
        }
        int seg = (blocks << BLOCK_BITS) >>> SEGMENT_SHIFT;
        if (seg == segments.length) {
            segments = Arrays.copyOf(segments, seg * 2);
        }
        if (segments[seg] == null) {
            segments[seg] = new Object[1 << SEGMENT_SHIFT];
        }
        if ((dirSize + 1) * 2 > directory.length) {
            resizeDirectory(directory.length * 2);
        }
        int segmentEnd = (seg + 1) << (SEGMENT_SHIFT - BLOCK_BITS);
        roomLeft = Math.min(Math.min(blockKeys.length - blocks, segmentEnd - blocks), directory.length / 2 - dirSize);
    }

    private void freeBlock(int b, long key) {
        if (cachedKey == key) {
            cachedKey = 0;
        }
        int i = dirFind(key);
        blockKeys[b] = 0;
        if (freeCount == freeBlocks.length) {
            freeBlocks = Arrays.copyOf(freeBlocks, freeCount * 2);
        }
        freeBlocks[freeCount++] = b;
        int[] d = directory;
        int mask = d.length - 1;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (d[j] == 0) {
                break;
            }
            int h = home(blockKeys[d[j] - 1]);
            boolean between = i <= j ? (i < h && h <= j) : (i < h || h <= j);
            if (!between) {
                d[i] = d[j];
                i = j;
            }
        }
        d[i] = 0;
        dirSize--;
        if (d.length > MIN_DIRECTORY && dirSize * 8 < d.length) {
            resizeDirectory(d.length / 2);
            roomLeft = 0;
        }
    }

    /** Rebuilds the directory from {@link #blockKeys} with {@code capacity} buckets. */
    private void resizeDirectory(int capacity) {
        int[] d = new int[capacity];
        dirShift = 64 - Integer.numberOfTrailingZeros(capacity);
        int mask = capacity - 1;
        for (int b = 0; b < blocks; b++) {
            long key = blockKeys[b];
            if (key != 0) {
                int i = home(key);
                while (d[i] != 0) {
                    i = (i + 1) & mask;
                }
                d[i] = b + 1;
            }
        }
        directory = d;
    }

    @Override
    public Object get(Nlri key) {
        return get(address(key), bits(key));
    }

    @Override
    public void put(Nlri key, Object slot) {
        put(address(key), bits(key), java.util.Objects.requireNonNull(slot));
    }

    @Override
    public void remove(Nlri key) {
        remove(address(key), bits(key));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void forEach(BiConsumer<Nlri, Object> action) {
        forEachSlot((slot, k) -> action.accept(k.key(), slot));
    }

    /** Visits blocks in the order they were made: prefix order for a table that came in prefix order. */
    @Override
    public void forEachSlot(SlotVisitor visitor) {
        long[] at = new long[2];
        KeyRef ref = () -> prefixAt(at[0], (int) at[1]);
        for (int b = 0; b < blocks; b++) {
            long key = blockKeys[b];
            if (key == 0) {
                continue;
            }
            int first = b << BLOCK_BITS;
            Object[] seg = segments[first >>> SEGMENT_SHIFT];
            int from = first & SEGMENT_MASK;
            for (int k = 0; k < BLOCK; k++) {
                Object slot = seg[from + k];
                if (slot != null) {
                    at[0] = key;
                    at[1] = k;
                    visitor.visit(slot, ref);
                }
            }
        }
    }
}
