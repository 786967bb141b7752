package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.WireReader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * EVPN NLRI of an MP_REACH_NLRI attribute (no ADD-PATH) left in the message's octets, all of them
 * MAC/IP advertisements (RFC 7432 §7.2) with ESI 0, no IP or an IPv4 one, and one label — what a
 * VXLAN EVPN feed mostly carries — already checked by {@link #scan}. Entry layout: route type (2),
 * length (33 or 37), RD (8), ESI (10), Ethernet Tag (4), MAC length (48), MAC (6), IP length
 * (0 or 32), IP (0 or 4), MPLS Label1 (3).
 *
 * @param buf    the octets (not copied; the owner must not change them)
 * @param start  offset of the first entry's route type
 * @param end    offset just past the last entry
 * @param count  number of entries
 */
public record PackedEvpnMacIp(byte[] buf, int start, int end, int count) implements PackedMpNlri {
    private static final int NO_IP_LENGTH = 33;
    private static final int IPV4_LENGTH = 37;

    public PackedEvpnMacIp {
        Objects.requireNonNull(buf);
        if (start < 0 || end < start || end > buf.length || count < 0) {
            throw new IllegalArgumentException("range outside buffer");
        }
    }

    /** The number of entries filling {@code buf[start, end)} exactly, all of the packed kind, or -1. */
    public static int scan(byte[] buf, int start, int end) {
        int n = 0;
        int p = start;
        while (p < end) {
            if (end - p < 2 + NO_IP_LENGTH || buf[p] != EvpnRoute.MAC_IP_ADVERTISEMENT) {
                return -1;
            }
            int len = buf[p + 1] & 0xff;
            int ipLen = buf[p + 31] & 0xff;
            if (!(len == NO_IP_LENGTH && ipLen == 0 || len == IPV4_LENGTH && ipLen == 32) || end - p < 2 + len || (buf[p + 24] & 0xff) != 48) {
                return -1;
            }
            for (int i = 10; i < 20; i++) {
                if (buf[p + i] != 0) {
                    return -1; // an ESI: decoded as an object
                }
            }
            p += 2 + len;
            n++;
        }
        return p == end ? n : -1;
    }

    /** The RD of the entry at {@code pos}, its 8 octets big-endian. */
    public static long rd(byte[] buf, int pos) {
        long v = 0;
        for (int i = 2; i < 10; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        return v;
    }

    public static long ethernetTag(byte[] buf, int pos) {
        return (buf[pos + 20] & 0xffL) << 24 | (buf[pos + 21] & 0xff) << 16 | (buf[pos + 22] & 0xff) << 8 | (buf[pos + 23] & 0xff);
    }

    /** The MAC address in the low 48 bits. */
    public static long mac(byte[] buf, int pos) {
        long v = 0;
        for (int i = 25; i < 31; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        return v;
    }

    public static boolean hasIp(byte[] buf, int pos) {
        return buf[pos + 31] != 0;
    }

    /** The IPv4 address, or 0 without one. */
    public static int ipv4(byte[] buf, int pos) {
        if (!hasIp(buf, pos)) {
            return 0;
        }
        return (buf[pos + 32] & 0xff) << 24 | (buf[pos + 33] & 0xff) << 16 | (buf[pos + 34] & 0xff) << 8 | (buf[pos + 35] & 0xff);
    }

    /** The raw 3-octet Label1 field (RFC 8365 §5.1.3: the VNI for VXLAN). */
    public static int label1(byte[] buf, int pos) {
        int at = pos + (hasIp(buf, pos) ? 36 : 32);
        return (buf[at] & 0xff) << 16 | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff);
    }

    public static int next(byte[] buf, int pos) {
        return pos + 2 + (buf[pos + 1] & 0xff);
    }

    /** The entry at {@code pos} as an object (for the rare paths that need one). */
    public static EvpnRoute.MacIpAdvertisement route(byte[] buf, int pos) {
        Optional<InetAddress> ip = hasIp(buf, pos)
                ? Optional.of(WireReader.address(java.util.Arrays.copyOfRange(buf, pos + 32, pos + 36))) : Optional.empty();
        return new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, new RouteDistinguisher(Bytes.of(java.util.Arrays.copyOfRange(buf, pos + 2, pos + 10))),
                new Esi(Bytes.of(new byte[10])), ethernetTag(buf, pos), new MacAddress(mac(buf, pos)), ip, label1(buf, pos), OptionalInt.empty());
    }

    @Override
    public AfiSafi family() {
        return AfiSafi.L2VPN_EVPN;
    }

    @Override
    public List<EvpnRoute.MacIpAdvertisement> toList() {
        List<EvpnRoute.MacIpAdvertisement> out = new ArrayList<>(count);
        for (int p = start; p < end; p = next(buf, p)) {
            out.add(route(buf, p));
        }
        return out;
    }
}
