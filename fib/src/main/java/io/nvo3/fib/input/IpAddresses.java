package io.nvo3.fib.input;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Literal-only address helpers: never resolve a name (the FIB does no I/O). */
public final class IpAddresses {
    private IpAddresses() {
    }

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * Parses a dotted-quad IPv4 or an IPv6 literal. Anything else is refused before it reaches
     * {@link InetAddress#getByName}, which would otherwise try a DNS lookup for a string like "cafe".
     */
    public static InetAddress parse(String literal) {
        boolean v4 = V4.matcher(literal).matches()
                && Arrays.stream(literal.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        if (!v4 && !V6.matcher(literal).matches()) {
            throw new FibInputException("ip", "not an IP literal: " + literal);
        }
        try {
            return fromBytes(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new FibInputException("ip", "not an IP literal: " + literal);
        }
    }

    public static Inet4Address parseV4(String literal) {
        if (parse(literal) instanceof Inet4Address a) {
            return a;
        }
        throw new FibInputException("ip", "not an IPv4 literal: " + literal);
    }

    /** 4 bytes → Inet4Address, 16 bytes → Inet6Address (no scope, no IPv4-mapped folding surprises handled here). */
    public static InetAddress fromBytes(byte[] b) {
        try {
            if (b.length == 16) {
                return Inet6Address.getByAddress(null, b, -1);
            }
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new FibInputException("ip", "address of " + b.length + " bytes");
        }
    }

    /**
     * The IPv6 link-local address a host forms from its MAC: RFC 4291, Appendix A, "[the] Modified EUI-64 format
     * ... invert the universal/local bit", with FFFE inserted in the middle (RFC 4862 section 5.3 prefixes fe80::/64).
     */
    public static Inet6Address linkLocal(MacAddress mac) {
        byte[] m = mac.bytes();
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        a[8] = (byte) (m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = (byte) 0xff;
        a[12] = (byte) 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        return (Inet6Address) fromBytes(a);
    }
}
