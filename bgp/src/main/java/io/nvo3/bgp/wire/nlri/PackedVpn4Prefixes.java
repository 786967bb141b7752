package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.WireReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The VPN-IPv4 NLRI of an MP_REACH_NLRI attribute (RFC 8277 §2.2 / RFC 4364 §4.3.4, no ADD-PATH) left
 * in the message's octets, already checked by {@link #scan}: each entry is one label (the bottom of
 * the stack, or one that ends the stack as {@link VpnCodec} reads it), an RD and an IPv4 prefix. A
 * receiver walks them with {@link #label}, {@link #rd}, {@link #address}, {@link #bits} and {@link #next}
 * without one object per route. Entries with deeper label stacks are not packed ({@link #scan} says -1).
 *
 * @param buf    the octets (not copied; the owner must not change them)
 * @param start  offset of the first entry's length octet
 * @param end    offset just past the last entry
 * @param count  number of entries
 */
public record PackedVpn4Prefixes(byte[] buf, int start, int end, int count) implements PackedMpNlri {
    /** Length octet, label (3), RD (8): the prefix octets follow. */
    private static final int HEAD = 12;
    private static final int FIXED_BITS = 24 + 64;

    public PackedVpn4Prefixes {
        Objects.requireNonNull(buf);
        if (start < 0 || end < start || end > buf.length || count < 0) {
            throw new IllegalArgumentException("range outside buffer");
        }
    }

    /**
     * The number of entries filling {@code buf[start, end)} exactly, each with a single label, or -1
     * when one is malformed (what {@link NlriCodec#decode} rejects) or has more than one label.
     */
    public static int scan(byte[] buf, int start, int end) {
        int n = 0;
        int p = start;
        while (p < end) {
            int bits = buf[p] & 0xff;
            if (bits < FIXED_BITS || bits - FIXED_BITS > 32 || end - p < HEAD) {
                return -1;
            }
            int label = label(buf, p);
            // VpnCodec: the stack ends at the bottom-of-stack bit, or at 0x800000 / 0 (RFC 8277 §2.4 withdrawals).
            if (!Labels.bottomOfStack(label) && label != Labels.WITHDRAW_COMPAT && label != 0) {
                return -1;
            }
            p += HEAD + ((bits - FIXED_BITS + 7) >>> 3);
            n++;
        }
        return p == end ? n : -1;
    }

    /** The raw 3-octet label field of the entry at {@code pos}. */
    public static int label(byte[] buf, int pos) {
        return (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff);
    }

    /** The route distinguisher of the entry at {@code pos}, its 8 octets big-endian. */
    public static long rd(byte[] buf, int pos) {
        long v = 0;
        for (int i = 4; i < HEAD; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        return v;
    }

    /** The prefix length (bits of the address) of the entry at {@code pos}. */
    public static int bits(byte[] buf, int pos) {
        return (buf[pos] & 0xff) - FIXED_BITS;
    }

    /** The prefix of the entry at {@code pos} as a 32-bit address, host bits cleared. */
    public static int address(byte[] buf, int pos) {
        int bits = bits(buf, pos);
        int a = 0;
        int octets = (bits + 7) >>> 3;
        for (int i = 0; i < octets; i++) {
            a |= (buf[pos + HEAD + i] & 0xff) << (24 - 8 * i);
        }
        return bits == 0 ? 0 : a & (int) (0xffffffffL << (32 - bits));
    }

    /** The offset of the entry after the one at {@code pos}. */
    public static int next(byte[] buf, int pos) {
        return pos + HEAD + ((bits(buf, pos) + 7) >>> 3);
    }

    /** The entry at {@code pos} as an object (for the rare paths that need one). */
    public static VpnPrefix prefix(byte[] buf, int pos) {
        long rd = rd(buf, pos);
        int a = address(buf, pos);
        return new VpnPrefix(Nlri.NO_PATH_ID, List.of(label(buf, pos)),
                new RouteDistinguisher(Bytes.of((byte) (rd >>> 56), (byte) (rd >>> 48), (byte) (rd >>> 40), (byte) (rd >>> 32),
                        (byte) (rd >>> 24), (byte) (rd >>> 16), (byte) (rd >>> 8), (byte) rd)),
                WireReader.address(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}), bits(buf, pos));
    }

    @Override
    public io.nvo3.bgp.wire.AfiSafi family() {
        return io.nvo3.bgp.wire.AfiSafi.VPN_IPV4;
    }

    @Override
    public List<VpnPrefix> toList() {
        List<VpnPrefix> out = new ArrayList<>(count);
        for (int p = start; p < end; p = next(buf, p)) {
            out.add(prefix(buf, p));
        }
        return out;
    }
}
