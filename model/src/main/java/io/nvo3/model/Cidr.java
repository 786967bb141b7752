package io.nvo3.model;

import java.math.BigInteger;
import java.net.InetAddress;

/** An IP prefix whose host bits are zero, e.g. {@code 203.0.113.0/24} or {@code 2001:db8::/64}. */
public record Cidr(InetAddress network, int prefixLength) {
    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new InvalidValueException("cidr", "prefix length " + prefixLength + " out of range 0.." + bits);
        }
        if (!IpAddresses.toBigInteger(network).and(hostMask(bits, prefixLength)).equals(BigInteger.ZERO)) {
            throw new InvalidValueException("cidr", "'" + IpAddresses.format(network) + "/" + prefixLength
                    + "' has host bits set");
        }
    }

    private static BigInteger hostMask(int bits, int prefixLength) {
        return BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE);
    }

    /**
     * Parses {@code address/prefix}. Like Neutron, a CIDR with host bits set is refused
     * ("'10.0.0.1/24' isn't a recommended CIDR"); a bare address is refused too.
     */
    public static Cidr parse(String field, String text) {
        if (text == null) {
            throw new InvalidValueException(field, "'None' is not a valid IP subnet");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid IP subnet");
        }
        InetAddress a;
        int len;
        try {
            a = IpAddresses.parse(field, text.substring(0, slash));
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            len = Integer.parseInt(p);
        } catch (RuntimeException e) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid IP subnet");
        }
        int bits = a.getAddress().length * 8;
        if (len > bits) {
            throw new InvalidValueException(field, "'" + text + "' is not a valid IP subnet");
        }
        if (!IpAddresses.toBigInteger(a).and(hostMask(bits, len)).equals(BigInteger.ZERO)) {
            throw new InvalidValueException(field, "'" + text + "' isn't a recommended CIDR");
        }
        return new Cidr(a, len);
    }

    public int version() {
        return IpAddresses.version(network);
    }

    public int bits() {
        return network.getAddress().length * 8;
    }

    public BigInteger first() {
        return IpAddresses.toBigInteger(network);
    }

    public BigInteger last() {
        return first().or(hostMask(bits(), prefixLength));
    }

    public boolean contains(InetAddress a) {
        if (IpAddresses.version(a) != version()) {
            return false;
        }
        BigInteger v = IpAddresses.toBigInteger(a);
        return v.compareTo(first()) >= 0 && v.compareTo(last()) <= 0;
    }

    public boolean overlaps(Cidr o) {
        return o.version() == version() && first().compareTo(o.last()) <= 0 && o.first().compareTo(last()) <= 0;
    }

    @Override
    public String toString() {
        return IpAddresses.format(network) + "/" + prefixLength;
    }
}
