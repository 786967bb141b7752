package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * NLRI lists per AFI/SAFI. With ADD-PATH for the family, RFC 7911 §3: "the NLRI encoding ... is
 * extended by prepending the Path Identifier field, which is of four octets".
 */
public final class NlriCodec {
    private NlriCodec() {
    }

    public static boolean isKnown(AfiSafi f) {
        return f.equals(AfiSafi.IPV4_UNICAST) || f.equals(AfiSafi.IPV6_UNICAST) || f.equals(AfiSafi.VPN_IPV4)
                || f.equals(AfiSafi.VPN_IPV6) || f.equals(AfiSafi.L2VPN_EVPN) || f.equals(AfiSafi.RT_CONSTRAINT);
    }

    /** Decodes every NLRI until the reader is exhausted; any malformed entry throws {@link WireFormatException}. */
    public static List<Nlri> decode(AfiSafi family, WireReader r, CodecContext ctx) {
        List<Nlri> out = new ArrayList<>();
        if (!isKnown(family)) {
            if (r.hasRemaining()) {
                out.add(new UnknownNlri(r.rest()));
            }
            return out;
        }
        boolean addPath = ctx.addPath(family);
        while (r.hasRemaining()) {
            long pathId = addPath ? r.u32("path identifier") : Nlri.NO_PATH_ID;
            out.add(decodeOne(family, r, pathId));
        }
        return out;
    }

    private static Nlri decodeOne(AfiSafi family, WireReader r, long pathId) {
        if (family.equals(AfiSafi.IPV4_UNICAST) || family.equals(AfiSafi.IPV6_UNICAST)) {
            int width = family.afi() == AfiSafi.AFI_IPV4 ? 4 : 16;
            int bits = r.u8("prefix length");
            return new IpPrefix(pathId, Prefixes.read(r, bits, width, "prefix"), bits);
        }
        if (family.equals(AfiSafi.VPN_IPV4) || family.equals(AfiSafi.VPN_IPV6)) {
            return VpnCodec.decode(r, pathId, family.afi() == AfiSafi.AFI_IPV4 ? 4 : 16);
        }
        if (family.equals(AfiSafi.L2VPN_EVPN)) {
            return EvpnCodec.decode(r, pathId);
        }
        // RT_CONSTRAINT
        int bits = r.u8("RT membership length");
        // RFC 4684 §4: "0 to 96 bits" with the origin AS whole when present.
        if (bits != 0 && (bits < 32 || bits > 96)) {
            throw new WireFormatException("RT membership prefix length " + bits);
        }
        if (bits == 0) {
            return new RtMembership(pathId, 0, 0, Bytes.of(new byte[8]));
        }
        long as = r.u32("origin AS");
        byte[] rt = new byte[8];
        byte[] part = r.bytes(Prefixes.octets(bits - 32), "route target");
        System.arraycopy(part, 0, rt, 0, part.length);
        Prefixes.mask(rt, bits - 32);
        return new RtMembership(pathId, bits, as, Bytes.of(rt));
    }

    public static void encode(AfiSafi family, List<? extends Nlri> nlri, WireWriter w, CodecContext ctx) {
        boolean addPath = ctx.addPath(family);
        for (Nlri n : nlri) {
            if (addPath && !(n instanceof UnknownNlri)) {
                w.u32(n.pathId() == Nlri.NO_PATH_ID ? 0 : n.pathId());
            }
            switch (n) {
                case IpPrefix p -> {
                    requireFamily(family, p.prefix() instanceof Inet4Address ? AfiSafi.IPV4_UNICAST : AfiSafi.IPV6_UNICAST, n);
                    w.u8(p.length()).bytes(p.prefix().getAddress(), 0, Prefixes.octets(p.length()));
                }
                case VpnPrefix p -> {
                    requireFamily(family, p.prefix() instanceof Inet4Address ? AfiSafi.VPN_IPV4 : AfiSafi.VPN_IPV6, n);
                    VpnCodec.encode(p, w);
                }
                case EvpnRoute e -> {
                    requireFamily(family, AfiSafi.L2VPN_EVPN, n);
                    EvpnCodec.encode(e, w);
                }
                case RtMembership m -> {
                    requireFamily(family, AfiSafi.RT_CONSTRAINT, n);
                    w.u8(m.length());
                    if (m.length() > 0) {
                        w.u32(m.originAs()).bytes(m.routeTarget().toArray(), 0, Prefixes.octets(m.length() - 32));
                    }
                }
                case UnknownNlri u -> {
                    if (isKnown(family)) {
                        throw new IllegalArgumentException("opaque NLRI in known family " + family);
                    }
                    w.bytes(u.bytes());
                }
            }
        }
    }

    private static void requireFamily(AfiSafi family, AfiSafi expected, Nlri n) {
        if (!family.equals(expected)) {
            throw new IllegalArgumentException(n + " does not belong to " + family);
        }
    }

    /** The natural family of a prefix's address. */
    public static AfiSafi unicastFamily(InetAddress a) {
        return a instanceof Inet6Address ? AfiSafi.IPV6_UNICAST : AfiSafi.IPV4_UNICAST;
    }
}
