package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.WireReader;
import java.util.Objects;

/**
 * RFC 4364 §4.2 route distinguisher: a 2-octet Type and a 6-octet Value. Types 0 (2-octet AS :
 * 4-octet number), 1 (IPv4 : 2-octet number) and 2 (4-octet AS : 2-octet number) print as
 * "65001:100", "198.19.0.1:5", "4200000000:5"; other types keep their octets.
 */
public record RouteDistinguisher(Bytes bytes) {
    public RouteDistinguisher {
        Objects.requireNonNull(bytes);
        if (bytes.length() != 8) {
            throw new IllegalArgumentException("route distinguisher is 8 octets, got " + bytes.length());
        }
    }

    public static RouteDistinguisher type0(int as2, long number) {
        check(as2, 0xffff, number, 0xffff_ffffL);
        return new RouteDistinguisher(Bytes.of(new byte[] {0, 0, (byte) (as2 >>> 8), (byte) as2,
                (byte) (number >>> 24), (byte) (number >>> 16), (byte) (number >>> 8), (byte) number}));
    }

    public static RouteDistinguisher type1(long ipv4, int number) {
        check(ipv4, 0xffff_ffffL, number, 0xffff);
        return new RouteDistinguisher(Bytes.of(new byte[] {0, 1, (byte) (ipv4 >>> 24), (byte) (ipv4 >>> 16),
                (byte) (ipv4 >>> 8), (byte) ipv4, (byte) (number >>> 8), (byte) number}));
    }

    public static RouteDistinguisher type2(long as4, int number) {
        check(as4, 0xffff_ffffL, number, 0xffff);
        return new RouteDistinguisher(Bytes.of(new byte[] {0, 2, (byte) (as4 >>> 24), (byte) (as4 >>> 16),
                (byte) (as4 >>> 8), (byte) as4, (byte) (number >>> 8), (byte) number}));
    }

    private static void check(long admin, long maxAdmin, long number, long maxNumber) {
        if (admin < 0 || admin > maxAdmin || number < 0 || number > maxNumber) {
            throw new IllegalArgumentException("route distinguisher field out of range: " + admin + ":" + number);
        }
    }

    /** Parses "65001:100" (type 0, or type 2 when the AS exceeds 65535), "198.19.0.1:5" (type 1). */
    public static RouteDistinguisher parse(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("route distinguisher must be ADMIN:NUMBER, got '" + s + "'");
        }
        String admin = s.substring(0, colon);
        long number;
        try {
            number = Long.parseLong(s.substring(colon + 1));
            if (admin.contains(".")) {
                String[] o = admin.split("\\.", -1);
                if (o.length != 4) throw new IllegalArgumentException("bad IPv4 administrator in '" + s + "'");
                long ip = 0;
                for (String x : o) {
                    int v = Integer.parseInt(x);
                    if (v < 0 || v > 255) throw new IllegalArgumentException("bad IPv4 administrator in '" + s + "'");
                    ip = (ip << 8) | v;
                }
                check(ip, 0xffff_ffffL, number, 0xffff);
                return type1(ip, (int) number);
            }
            long as = Long.parseLong(admin.endsWith("L") ? admin.substring(0, admin.length() - 1) : admin);
            if (as <= 0xffff && !admin.endsWith("L")) {
                check(as, 0xffff, number, 0xffff_ffffL);
                return type0((int) as, number);
            }
            check(as, 0xffff_ffffL, number, 0xffff);
            return type2(as, (int) number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("route distinguisher must be ADMIN:NUMBER, got '" + s + "'");
        }
    }

    public int type() {
        return (bytes.get(0) << 8) | bytes.get(1);
    }

    @Override
    public String toString() {
        WireReader r = WireReader.of(bytes);
        int type = r.u16("type");
        return switch (type) {
            case 0 -> r.u16("as") + ":" + r.u32("number");
            case 1 -> r.u8("a") + "." + r.u8("b") + "." + r.u8("c") + "." + r.u8("d") + ":" + r.u16("number");
            case 2 -> r.u32("as") + ":" + r.u16("number");
            default -> "rd-type" + type + ":" + bytes.hex().substring(4);
        };
    }
}
