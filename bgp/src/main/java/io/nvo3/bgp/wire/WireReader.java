package io.nvo3.bgp.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A bounds-checked cursor over a byte range; every read beyond the limit throws {@link WireFormatException}. */
public final class WireReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    public WireReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("range outside buffer");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    public static WireReader of(byte[] buf) {
        return new WireReader(buf, 0, buf.length);
    }

    public static WireReader of(Bytes b) {
        return of(b.unsafeArray());
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw new WireFormatException(what + ": needs " + n + " octets, " + (limit - pos) + " left");
        }
    }

    public int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xff;
    }

    public int u16(String what) {
        need(2, what);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int u24(String what) {
        need(3, what);
        int v = ((buf[pos] & 0xff) << 16) | ((buf[pos + 1] & 0xff) << 8) | (buf[pos + 2] & 0xff);
        pos += 3;
        return v;
    }

    public long u32(String what) {
        need(4, what);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    public Bytes value(int n, String what) {
        return Bytes.of(bytes(n, what));
    }

    public Bytes rest() {
        return value(remaining(), "rest");
    }

    /** A reader over the next {@code n} octets; this reader skips them. */
    public WireReader slice(int n, String what) {
        need(n, what);
        WireReader r = new WireReader(buf, pos, n);
        pos += n;
        return r;
    }

    public Inet4Address ipv4(String what) {
        return (Inet4Address) address(bytes(4, what));
    }

    public Inet6Address ipv6(String what) {
        return (Inet6Address) address(bytes(16, what));
    }

    public static InetAddress address(byte[] raw) {
        try {
            InetAddress a = InetAddress.getByAddress(raw);
            if (raw.length == 16 && a instanceof Inet4Address) {
                // IPv4-mapped IPv6 addresses collapse to Inet4Address in the JDK; keep the 16 octets.
                return Inet6Address.getByAddress(null, raw, -1);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new WireFormatException("address of " + raw.length + " octets");
        }
    }
}
