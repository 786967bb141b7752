package io.nvo3.fib.input;

import java.util.HexFormat;

/** A 48-bit Ethernet address held in the low 48 bits of {@code bits}. */
public record MacAddress(long bits) implements Comparable<MacAddress> {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);
    /** Only the I/G bit: "the least significant bit of the first octet" marks a group address (IEEE 802, 8.2). */
    public static final MacAddress MULTICAST_BIT = new MacAddress(0x0100_0000_0000L);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new FibInputException("mac", "more than 48 bits: 0x" + Long.toHexString(bits));
        }
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (or with '-'). */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]");
        if (parts.length != 6) {
            throw new FibInputException("mac", "not a MAC address: " + text);
        }
        long bits = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new FibInputException("mac", "not a MAC address: " + text);
            }
            try {
                bits = bits << 8 | HexFormat.fromHexDigits(p);
            } catch (IllegalArgumentException e) {
                throw new FibInputException("mac", "not a MAC address: " + text);
            }
        }
        return new MacAddress(bits);
    }

    public boolean isMulticast() {
        return (bits & MULTICAST_BIT.bits) != 0;
    }

    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return b;
    }

    /**
     * Spread over all 32 bits (a 64-bit multiplicative mix): sequential addresses must not get sequential hash codes,
     * which make the linear probing of {@code Map.copyOf} quadratic.
     */
    @Override
    public int hashCode() {
        long h = bits * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32);
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(bits, o.bits);
    }

    @Override
    public String toString() {
        byte[] b = bytes();
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits(b[i]));
        }
        return sb.toString();
    }
}
