package io.nvo3.fib.input;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** An IPv4 or IPv6 prefix; host bits are cleared on construction, so equal prefixes are equal records. */
public record IpPrefix(InetAddress address, int length) {
    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (length < 0 || length > max) {
            throw new FibInputException("prefix.length", length + " outside 0.." + max);
        }
        address = IpAddresses.fromBytes(masked(address.getAddress(), length));
    }

    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, address instanceof Inet4Address ? 32 : 128);
    }

    /** Parses {@code 203.0.113.5}, {@code 203.0.113.0/24}, {@code 2001:db8::/64}; a bare address is a host prefix. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return host(IpAddresses.parse(text));
        }
        try {
            return new IpPrefix(IpAddresses.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new FibInputException("prefix", "bad length in " + text);
        }
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    public boolean isHost() {
        return length == (isIpv4() ? 32 : 128);
    }

    public byte[] maskBytes() {
        byte[] m = new byte[isIpv4() ? 4 : 16];
        for (int i = 0; i < m.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, length - 8 * i));
            m[i] = (byte) (0xFF << (8 - bitsHere));
        }
        return m;
    }

    public boolean contains(InetAddress a) {
        if ((a instanceof Inet4Address) != isIpv4()) {
            return false;
        }
        return IpAddresses.fromBytes(masked(a.getAddress(), length)).equals(address);
    }

    private static byte[] masked(byte[] b, int length) {
        for (int i = 0; i < b.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, length - 8 * i));
            b[i] &= (byte) (0xFF << (8 - bitsHere));
        }
        return b;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }

}
