package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.WireReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The IPv4 NLRI field of an UPDATE (RFC 4271 §4.3, no ADD-PATH) left in the message's octets,
 * already checked by {@link #scan}: a receiver walks it with {@link #bits}, {@link #address} and
 * {@link #next} without one object per prefix. Host bits past the length are cleared by
 * {@link #address}, as {@link NlriCodec} clears them (RFC 4271 §4.3: "trailing bits ... irrelevant").
 *
 * <pre>{@code for (int p = n.start(); p < n.end(); p = PackedIpv4Prefixes.next(n.buf(), p)) { ... } }</pre>
 *
 * @param buf    the octets (not copied; the owner must not change them)
 * @param start  offset of the first prefix's length octet
 * @param end    offset just past the field
 * @param count  number of prefixes
 */
public record PackedIpv4Prefixes(byte[] buf, int start, int end, int count) {
    public PackedIpv4Prefixes {
        Objects.requireNonNull(buf);
        if (start < 0 || end < start || end > buf.length || count < 0) {
            throw new IllegalArgumentException("range outside buffer");
        }
    }

    /**
     * The number of well-formed prefixes filling {@code buf[start, end)} exactly, or -1 when a length
     * exceeds 32 or a prefix overruns the field (what {@link NlriCodec#decode} rejects).
     */
    public static int scan(byte[] buf, int start, int end) {
        int n = 0;
        int p = start;
        while (p < end) {
            int bits = buf[p] & 0xff;
            if (bits > 32) {
                return -1;
            }
            p += 1 + ((bits + 7) >>> 3);
            n++;
        }
        return p == end ? n : -1;
    }

    /** The prefix length at {@code pos}. */
    public static int bits(byte[] buf, int pos) {
        return buf[pos] & 0xff;
    }

    /** The prefix at {@code pos} as a 32-bit address, host bits cleared. */
    public static int address(byte[] buf, int pos) {
        int bits = buf[pos] & 0xff;
        int a = 0;
        int octets = (bits + 7) >>> 3;
        for (int i = 0; i < octets; i++) {
            a |= (buf[pos + 1 + i] & 0xff) << (24 - 8 * i);
        }
        return bits == 0 ? 0 : a & (int) (0xffffffffL << (32 - bits));
    }

    /** The offset of the prefix after the one at {@code pos}. */
    public static int next(byte[] buf, int pos) {
        return pos + 1 + (((buf[pos] & 0xff) + 7) >>> 3);
    }

    /** The prefix at {@code pos} as an object (for the rare paths that need one). */
    public static IpPrefix prefix(byte[] buf, int pos) {
        int a = address(buf, pos);
        return IpPrefix.of(WireReader.address(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}),
                bits(buf, pos));
    }

    /** Every prefix as an object, in order: what {@link NlriCodec#decode} gives for the same octets. */
    public List<IpPrefix> toList() {
        List<IpPrefix> out = new ArrayList<>(count);
        for (int p = start; p < end; p = next(buf, p)) {
            out.add(prefix(buf, p));
        }
        return out;
    }
}
