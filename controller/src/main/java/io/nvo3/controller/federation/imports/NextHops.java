package io.nvo3.controller.federation.imports;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Next hops and tunnel endpoints as VTEP addresses. */
public final class NextHops {
    private NextHops() {}

    /**
     * The IPv4 VTEP an address names: an IPv4 address, or an IPv4-mapped IPv6 address
     * ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2) as FRR sends EVPN next hops, unmapped. Empty for any
     * other IPv6 address and for addresses no VTEP can have (unspecified, loopback, multicast, broadcast).
     */
    public static Optional<Inet4Address> vtep(InetAddress a) {
        byte[] b = a.getAddress();
        Inet4Address v4;
        if (b.length == 4) {
            v4 = (Inet4Address) a;
        } else if (b.length == 16 && isV4Mapped(b)) {
            try {
                v4 = (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        } else {
            return Optional.empty();
        }
        byte[] x = v4.getAddress();
        boolean broadcast = (x[0] & x[1] & x[2] & x[3]) == (byte) 0xff;
        if (v4.isAnyLocalAddress() || v4.isLoopbackAddress() || v4.isMulticastAddress() || broadcast) {
            return Optional.empty();
        }
        return Optional.of(v4);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
