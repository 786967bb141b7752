package io.nvo3.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parsing and arithmetic of IPv4/IPv6 literals without any name lookup. */
public final class IpAddresses {
    private IpAddresses() {}

    /** Parses a literal IPv4 (dotted quad) or IPv6 address; never resolves names. */
    public static InetAddress parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid IP address");
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(field, text);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid IP address");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw new InvalidValueException(field, "'" + text + "' is not a valid IP address");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new InvalidValueException(field, "'" + text + "' is not a valid IP address");
            }
            b[i] = (byte) v;
        }
        return fromBytes(b);
    }

    private static InetAddress parseV6(String field, String text) {
        // Only hex digits, ':' and an optional embedded dotted quad; no zone id, no brackets.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw new InvalidValueException(field, "'" + text + "' is not a valid IP address");
            }
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (a.getAddress().length == 4) {
                // an IPv4-mapped literal (::ffff:a.b.c.d) is collapsed by the JDK; keep it as IPv6
                byte[] b = new byte[16];
                b[10] = (byte) 0xff;
                b[11] = (byte) 0xff;
                System.arraycopy(a.getAddress(), 0, b, 12, 4);
                return fromBytes(b);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid IP address");
        }
    }

    public static InetAddress fromBytes(byte[] b) {
        try {
            // Inet6Address keeps IPv4-mapped addresses IPv6 (InetAddress.getByAddress would not)
            return b.length == 16 ? java.net.Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + b.length, e);
        }
    }

    public static int version(InetAddress a) {
        return a.getAddress().length == 4 ? 4 : 6;
    }

    public static BigInteger toBigInteger(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    public static InetAddress fromBigInteger(BigInteger v, int version) {
        int len = version == 4 ? 4 : 16;
        byte[] raw = v.toByteArray();
        byte[] b = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, b, len - copy, copy);
        return fromBytes(b);
    }

    /** The canonical text: dotted quad for IPv4, RFC 5952 compressed lower case for IPv6. */
    public static String format(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            // RFC 5952 section 5: IPv4-mapped addresses keep the dotted-quad tail
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 section 4.2.3: the longest run of zero words (2 or more), the first one on a tie.
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (w[i] == 0) {
                int j = i;
                while (j < 8 && w[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString();
    }

    /** Parses and re-formats, so equal addresses have equal text. */
    public static String canonical(String field, String text) {
        return format(parse(field, text));
    }
}
