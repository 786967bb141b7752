package io.nvo3.openflow;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Small wire helpers shared by the codec packages. */
public final class Wire {
    private Wire() {}

    /** Reads a NUL-padded fixed-size ASCII field ({@code char[n]}). */
    public static String readString(ByteBuf buf, int size) {
        byte[] b = new byte[size];
        buf.readBytes(b);
        int n = 0;
        while (n < size && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    public static void writeString(ByteBuf buf, String s, int size) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(b.length, size - 1);
        buf.writeBytes(b, 0, n);
        buf.writeZero(size - n);
    }

    /** Validates a string that must fit a {@code char[size]} with its terminating NUL. */
    public static String checkString(String s, int size, String name) {
        if (s == null || s.length() >= size || !StandardCharsets.US_ASCII.newEncoder().canEncode(s) || s.indexOf(0) >= 0) {
            throw new IllegalArgumentException(name + " must be ASCII shorter than " + size);
        }
        return s;
    }

    public static long u32(long v, String name) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(name + " out of u32 range: " + v);
        }
        return v;
    }

    public static int u16(int v, String name) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException(name + " out of u16 range: " + v);
        }
        return v;
    }

    public static int u8(int v, String name) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException(name + " out of u8 range: " + v);
        }
        return v;
    }

    public static void need(ByteBuf buf, int n, String what) {
        if (buf.readableBytes() < n) {
            throw OpenFlowException.badLen(what + ": need " + n + " bytes, " + buf.readableBytes() + " left");
        }
    }
}
