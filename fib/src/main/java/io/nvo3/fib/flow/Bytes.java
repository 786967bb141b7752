package io.nvo3.fib.flow;

/** Network-order helpers for match fields. */
final class Bytes {
    private Bytes() {
    }

    static byte[] ofLong(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    static byte[] ofInt(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] ofShort(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] ones(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 0xFF);
        return b;
    }
}
