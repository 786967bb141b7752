package io.nvo3.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality, used wherever the wire keeps opaque bytes. */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    public static Bytes ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    public int length() {
        return data.length;
    }

    public int get(int i) {
        return data[i] & 0xff;
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** For encoders: the caller promises not to modify the array. */
    byte[] unsafeArray() {
        return data;
    }

    public String hex() {
        return HexFormat.of().formatHex(data);
    }

    /** Unsigned, octet by octet, then shorter first: the order of {@link #hex()} strings, without building them. */
    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "0x" + hex();
    }
}
