package io.nvo3.openflow;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality (records holding {@code byte[]} would compare identity). */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    public static Bytes ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("[\\s:]", "")));
    }

    /** Reads {@code n} bytes from {@code buf}; the caller has checked they are there. */
    public static Bytes read(ByteBuf buf, int n) {
        byte[] b = new byte[n];
        buf.readBytes(b);
        return n == 0 ? EMPTY : new Bytes(b);
    }

    public static Bytes ofLong(long value, int length) {
        byte[] b = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return new Bytes(b);
    }

    public void write(ByteBuf buf) {
        buf.writeBytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte get(int i) {
        return data[i];
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** Big-endian unsigned value of up to 8 bytes. */
    public long toLong() {
        if (data.length > 8) {
            throw new IllegalStateException("more than 8 bytes");
        }
        long v = 0;
        for (byte b : data) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    public Bytes and(Bytes mask) {
        if (mask.length() != length()) {
            throw new IllegalArgumentException("mask length " + mask.length() + " != " + length());
        }
        byte[] r = new byte[data.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) (data[i] & mask.data[i]);
        }
        return new Bytes(r);
    }

    public boolean allOnes() {
        for (byte b : data) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    public boolean allZeros() {
        for (byte b : data) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(data);
    }
}
