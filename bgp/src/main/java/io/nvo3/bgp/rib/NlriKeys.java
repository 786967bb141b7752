package io.nvo3.bgp.rib;

import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.OptionalInt;

/**
 * The part of an NLRI that names the destination, for RIB lookups. Labels, ESIs and gateway
 * addresses travel in the NLRI but are per-path data: a withdrawal may carry other values
 * (RFC 8277 §2.4 even allows the 0x800000 compatibility label), so they are zeroed in the key.
 */
public final class NlriKeys {
    private static final InetAddress ZERO4 = zero(4);
    private static final InetAddress ZERO6 = zero(16);
    /** The label stack of every VPN key: one shared list instead of one per route. */
    private static final List<Integer> ZERO_LABEL = List.of(0);

    private NlriKeys() {}

    private static InetAddress zero(int len) {
        try {
            return InetAddress.getByAddress(new byte[len]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Nlri key(Nlri n) {
        return switch (n) {
            case IpPrefix p -> p.pathId() == Nlri.NO_PATH_ID ? p : new IpPrefix(Nlri.NO_PATH_ID, p.prefix(), p.length());
            // RFC 4364 §4.3.4: the label is carried with the route, the VPN-IPv4 address (RD + prefix) is the key.
            case VpnPrefix v -> new VpnPrefix(Nlri.NO_PATH_ID, ZERO_LABEL, v.rd(), v.prefix(), v.length());
            case EvpnRoute e -> switch (e) {
                // RFC 7432 §7.1: for type 1 the key is RD, ESI and Ethernet Tag.
                case EvpnRoute.EthernetAd a -> new EvpnRoute.EthernetAd(Nlri.NO_PATH_ID, a.rd(), a.esi(), a.ethernetTag(), 0);
                // RFC 7432 §7.2: "For the purpose of BGP route key processing, only the Ethernet Tag ID, MAC Address
                // Length, MAC Address, IP Address Length, and IP Address fields are considered to be part of the prefix".
                case EvpnRoute.MacIpAdvertisement m -> new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, m.rd(), Esi.ZERO,
                        m.ethernetTag(), m.mac(), m.ip(), 0, OptionalInt.empty());
                case EvpnRoute.InclusiveMulticast i -> i.pathId() == Nlri.NO_PATH_ID ? i
                        : new EvpnRoute.InclusiveMulticast(Nlri.NO_PATH_ID, i.rd(), i.ethernetTag(), i.originator());
                case EvpnRoute.EthernetSegment s -> s.pathId() == Nlri.NO_PATH_ID ? s
                        : new EvpnRoute.EthernetSegment(Nlri.NO_PATH_ID, s.rd(), s.esi(), s.originator());
                // RFC 9136 §3.1: "the route key ... RD, Ethernet Tag ID, IP Prefix Length and IP Prefix"; ESI, GW IP
                // and label are attributes of the path.
                case EvpnRoute.IpPrefixRoute p -> new EvpnRoute.IpPrefixRoute(Nlri.NO_PATH_ID, p.rd(), Esi.ZERO, p.ethernetTag(),
                        p.prefix(), p.length(), p.prefix() instanceof Inet4Address ? ZERO4 : ZERO6, 0);
                case EvpnRoute.UnknownRoute u -> u;
            };
            default -> n;
        };
    }

    /**
     * A well-spread hash of a key, for the RIB's tables. Records combine their components as
     * {@code 31 * h + c}: for VPN keys (the same prefixes under sequential RDs) that gives a few
     * distinct values for a million keys, so the RD, the prefix and its length are mixed here with
     * 64-bit multiplications and a final avalanche instead. Consistent with {@code equals}: only
     * components that {@code equals} compares go in.
     */
    public static int hash(Nlri key) {
        long h = switch (key) {
            case VpnPrefix v -> ((v.rd().hashCode() * 0x9E3779B97F4A7C15L + v.prefix().hashCode()) * 0xC2B2AE3D27D4EB4FL
                    + v.length() * 0x165667B19E3779F9L + v.labels().hashCode()) ^ v.pathId();
            case EvpnRoute.MacIpAdvertisement m -> ((m.rd().hashCode() * 0x9E3779B97F4A7C15L + m.mac().bits()) * 0xC2B2AE3D27D4EB4FL
                    + m.ip().hashCode() * 0x165667B19E3779F9L + m.ethernetTag()) * 0x27D4EB2F165667C5L
                    + (m.esi().hashCode() * 31L + m.label1()) * 31L + m.label2().hashCode() + m.pathId();
            default -> key.hashCode();
        };
        return mix(h);
    }

    /** The finalizer of MurmurHash3 (fmix64), folded to 32 bits. */
    static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) (h ^ (h >>> 32));
    }
}
