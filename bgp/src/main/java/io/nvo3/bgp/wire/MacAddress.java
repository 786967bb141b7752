package io.nvo3.bgp.wire;

import java.util.Locale;

/** A 48-bit IEEE MAC address. */
public record MacAddress(long bits) {
    public MacAddress {
        if (bits < 0 || bits > 0xffff_ffff_ffffL) {
            throw new IllegalArgumentException("MAC address out of range");
        }
    }

    public static MacAddress of(byte[] six) {
        if (six.length != 6) {
            throw new IllegalArgumentException("MAC address needs 6 octets, got " + six.length);
        }
        long v = 0;
        for (byte b : six) {
            v = (v << 8) | (b & 0xff);
        }
        return new MacAddress(v);
    }

    public static MacAddress parse(String s) {
        String[] parts = s.split("[:-]");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + s);
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2) {
                throw new IllegalArgumentException("not a MAC address: " + s);
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    public byte[] toBytes() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) sb.append(':');
            sb.append(String.format(Locale.ROOT, "%02x", (bits >>> (40 - 8 * i)) & 0xff));
        }
        return sb.toString();
    }
}
