package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import java.net.InetAddress;

/** Helpers for RFC 4271 §4.3 prefixes: "a variable-length field ... padded with enough trailing bits". */
final class Prefixes {
    private Prefixes() {
    }

    static int octets(int bits) {
        return (bits + 7) / 8;
    }

    /** Reads ceil(bits/8) octets into an address of {@code width} octets, clearing bits past the length. */
    static InetAddress read(WireReader r, int bits, int width, String what) {
        if (bits < 0 || bits > width * 8) {
            throw new WireFormatException(what + ": prefix length " + bits + " exceeds " + width * 8);
        }
        byte[] full = new byte[width];
        byte[] part = r.bytes(octets(bits), what);
        System.arraycopy(part, 0, full, 0, part.length);
        mask(full, bits);
        return WireReader.address(full);
    }

    static void mask(byte[] a, int bits) {
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            a[i] &= (byte) (0xff00 >>> keep);
        }
    }

    static void checkMasked(InetAddress a, int bits, String what) {
        byte[] raw = a.getAddress();
        if (bits < 0 || bits > raw.length * 8) {
            throw new IllegalArgumentException(what + ": prefix length " + bits + " out of range");
        }
        byte[] m = raw.clone();
        mask(m, bits);
        if (!java.util.Arrays.equals(raw, m)) {
            throw new IllegalArgumentException(what + ": " + a.getHostAddress() + "/" + bits + " has host bits set");
        }
    }
}
