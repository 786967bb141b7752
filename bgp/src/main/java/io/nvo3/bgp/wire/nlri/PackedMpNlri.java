package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.AfiSafi;
import java.util.List;

/**
 * The NLRI of an MP_REACH_NLRI attribute left in the message's octets for a receiver that stores
 * them without one object per route: VPN-IPv4 prefixes with one label, or EVPN MAC/IP routes
 * without ESI and second label. Each kind says which octets it takes ({@code scan}); anything else
 * is decoded as objects.
 */
public sealed interface PackedMpNlri permits PackedVpn4Prefixes, PackedEvpnMacIp {
    AfiSafi family();

    byte[] buf();

    int start();

    int end();

    int count();

    /** Every entry as an object, in order: what {@link NlriCodec#decode} gives for the same octets. */
    List<? extends Nlri> toList();

    /** The packed view of {@code buf[start, end)} for {@code family}, or null when some entry is not of the packed kind. */
    static PackedMpNlri of(AfiSafi family, byte[] buf, int start, int end) {
        if (family.equals(AfiSafi.VPN_IPV4)) {
            int n = PackedVpn4Prefixes.scan(buf, start, end);
            return n < 0 ? null : new PackedVpn4Prefixes(buf, start, end, n);
        }
        if (family.equals(AfiSafi.L2VPN_EVPN)) {
            int n = PackedEvpnMacIp.scan(buf, start, end);
            return n < 0 ? null : new PackedEvpnMacIp(buf, start, end, n);
        }
        return null;
    }

    /** Whether MP_REACH_NLRI of {@code family} with a next hop of {@code nextHopLength} octets can come packed. */
    static boolean packs(AfiSafi family, int nextHopLength) {
        // RFC 4364 §4.3.2: VPN-IPv4 next hop = RD 0 + IPv4 (12 octets); RFC 7432 §7: an IPv4 or IPv6 address.
        return family.equals(AfiSafi.VPN_IPV4) ? nextHopLength == 12
                : family.equals(AfiSafi.L2VPN_EVPN) && (nextHopLength == 4 || nextHopLength == 16);
    }
}
