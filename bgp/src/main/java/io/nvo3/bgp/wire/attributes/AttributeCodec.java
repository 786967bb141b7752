package io.nvo3.bgp.wire.attributes;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.attributes.PathAttribute.Aggregator;
import io.nvo3.bgp.wire.attributes.PathAttribute.As4Aggregator;
import io.nvo3.bgp.wire.attributes.PathAttribute.As4Path;
import io.nvo3.bgp.wire.attributes.PathAttribute.AsPath;
import io.nvo3.bgp.wire.attributes.PathAttribute.AtomicAggregate;
import io.nvo3.bgp.wire.attributes.PathAttribute.ClusterList;
import io.nvo3.bgp.wire.attributes.PathAttribute.Communities;
import io.nvo3.bgp.wire.attributes.PathAttribute.ExtendedCommunities;
import io.nvo3.bgp.wire.attributes.PathAttribute.LargeCommunities;
import io.nvo3.bgp.wire.attributes.PathAttribute.LargeCommunity;
import io.nvo3.bgp.wire.attributes.PathAttribute.LocalPref;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpReachNlri;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpUnreachNlri;
import io.nvo3.bgp.wire.attributes.PathAttribute.MultiExitDisc;
import io.nvo3.bgp.wire.attributes.PathAttribute.NextHop;
import io.nvo3.bgp.wire.attributes.PathAttribute.Origin;
import io.nvo3.bgp.wire.attributes.PathAttribute.OriginatorId;
import io.nvo3.bgp.wire.attributes.PathAttribute.PmsiTunnel;
import io.nvo3.bgp.wire.attributes.PathAttribute.UnknownAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunityCodec;
import io.nvo3.bgp.wire.nlri.NlriCodec;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/** Values of the known path attributes; the framing (flags, type, length) is done by the UPDATE codec. */
public final class AttributeCodec {
    private static final int WK = PathAttribute.FLAG_TRANSITIVE;
    private static final int OPT = PathAttribute.FLAG_OPTIONAL;
    private static final int OPT_TRANS = PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE;

    private AttributeCodec() {
    }

    /**
     * The Optional and Transitive bits each known attribute must carry (RFC 4271 §5 and the
     * attribute's RFC), or -1 for a type this codec does not know.
     */
    public static int expectedFlags(int type) {
        return switch (type) {
            case PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP, PathAttribute.LOCAL_PREF,
                 PathAttribute.ATOMIC_AGGREGATE -> WK;
            case PathAttribute.MULTI_EXIT_DISC, PathAttribute.ORIGINATOR_ID, PathAttribute.CLUSTER_LIST,
                 PathAttribute.MP_REACH_NLRI, PathAttribute.MP_UNREACH_NLRI -> OPT;
            case PathAttribute.AGGREGATOR, PathAttribute.COMMUNITIES, PathAttribute.EXTENDED_COMMUNITIES,
                 PathAttribute.AS4_PATH, PathAttribute.AS4_AGGREGATOR, PathAttribute.PMSI_TUNNEL,
                 PathAttribute.LARGE_COMMUNITIES -> OPT_TRANS;
            default -> -1;
        };
    }

    /** Decodes the value of a known attribute type; a malformed value throws {@link WireFormatException}. */
    public static PathAttribute decode(int type, WireReader v, CodecContext ctx) {
        int len = v.remaining();
        PathAttribute a = switch (type) {
            case PathAttribute.ORIGIN -> {
                length(len == 1, "ORIGIN", len);
                int o = v.u8("origin");
                if (o > 2) {
                    throw new WireFormatException("ORIGIN value " + o + " is undefined");
                }
                yield new Origin(Origin.OriginType.values()[o]);
            }
            case PathAttribute.AS_PATH -> new AsPath(segments(v, ctx.fourOctetAs(), "AS_PATH"));
            case PathAttribute.AS4_PATH -> new As4Path(segments(v, true, "AS4_PATH"));
            case PathAttribute.NEXT_HOP -> {
                length(len == 4, "NEXT_HOP", len);
                yield new NextHop(v.ipv4("next hop"));
            }
            case PathAttribute.MULTI_EXIT_DISC -> {
                length(len == 4, "MULTI_EXIT_DISC", len);
                yield new MultiExitDisc(v.u32("MED"));
            }
            case PathAttribute.LOCAL_PREF -> {
                length(len == 4, "LOCAL_PREF", len);
                yield new LocalPref(v.u32("LOCAL_PREF"));
            }
            case PathAttribute.ATOMIC_AGGREGATE -> {
                length(len == 0, "ATOMIC_AGGREGATE", len);
                yield new AtomicAggregate();
            }
            case PathAttribute.AGGREGATOR -> {
                int want = ctx.fourOctetAs() ? 8 : 6;
                length(len == want, "AGGREGATOR", len);
                long as = ctx.fourOctetAs() ? v.u32("aggregator AS") : v.u16("aggregator AS");
                yield new Aggregator(as, v.ipv4("aggregator address"));
            }
            case PathAttribute.AS4_AGGREGATOR -> {
                length(len == 8, "AS4_AGGREGATOR", len);
                yield new As4Aggregator(v.u32("AS4 aggregator AS"), v.ipv4("AS4 aggregator address"));
            }
            case PathAttribute.COMMUNITIES -> {
                length(len > 0 && len % 4 == 0, "COMMUNITIES", len);
                List<Long> cs = new ArrayList<>();
                while (v.hasRemaining()) cs.add(v.u32("community"));
                yield new Communities(cs);
            }
            case PathAttribute.LARGE_COMMUNITIES -> {
                length(len > 0 && len % 12 == 0, "LARGE_COMMUNITIES", len);
                List<LargeCommunity> cs = new ArrayList<>();
                while (v.hasRemaining()) cs.add(new LargeCommunity(v.u32("global"), v.u32("local1"), v.u32("local2")));
                yield new LargeCommunities(cs);
            }
            case PathAttribute.EXTENDED_COMMUNITIES -> {
                length(len > 0 && len % 8 == 0, "EXTENDED_COMMUNITIES", len);
                List<ExtendedCommunity> cs = new ArrayList<>();
                while (v.hasRemaining()) cs.add(ExtendedCommunityCodec.decode(v.bytes(8, "extended community")));
                yield new ExtendedCommunities(cs);
            }
            case PathAttribute.ORIGINATOR_ID -> {
                length(len == 4, "ORIGINATOR_ID", len);
                yield new OriginatorId(v.ipv4("originator id"));
            }
            case PathAttribute.CLUSTER_LIST -> {
                length(len > 0 && len % 4 == 0, "CLUSTER_LIST", len);
                List<Inet4Address> ids = new ArrayList<>();
                while (v.hasRemaining()) ids.add(v.ipv4("cluster id"));
                yield new ClusterList(ids);
            }
            case PathAttribute.PMSI_TUNNEL -> {
                length(len >= 5, "PMSI_TUNNEL", len);
                yield new PmsiTunnel(v.u8("flags"), v.u8("tunnel type"), v.u24("label"), v.rest());
            }
            case PathAttribute.MP_REACH_NLRI -> {
                AfiSafi fam = new AfiSafi(v.u16("afi"), v.u8("safi"));
                int nhLen = v.u8("next hop length");
                var nh = v.value(nhLen, "next hop");
                checkNextHopLength(fam, nhLen);
                v.u8("reserved");
                yield new MpReachNlri(fam, nh, NlriCodec.decode(fam, v, ctx));
            }
            case PathAttribute.MP_UNREACH_NLRI -> {
                AfiSafi fam = new AfiSafi(v.u16("afi"), v.u8("safi"));
                yield new MpUnreachNlri(fam, NlriCodec.decode(fam, v, ctx));
            }
            default -> throw new IllegalArgumentException("not a known attribute type: " + type);
        };
        if (v.hasRemaining()) {
            throw new WireFormatException("attribute " + type + ": " + v.remaining() + " trailing octets");
        }
        return a;
    }

    /** RFC 4760 §3 next-hop lengths per family; RFC 7606 §7.11 makes an inconsistent one a malformed MP_REACH_NLRI. */
    private static void checkNextHopLength(AfiSafi fam, int len) {
        boolean ok;
        if (fam.equals(AfiSafi.IPV4_UNICAST)) {
            ok = len == 4 || len == 16 || len == 32; // RFC 8950 allows IPv6 next hops for IPv4 NLRI
        } else if (fam.equals(AfiSafi.IPV6_UNICAST)) {
            ok = len == 16 || len == 32;
        } else if (fam.equals(AfiSafi.VPN_IPV4) || fam.equals(AfiSafi.VPN_IPV6)) {
            ok = len == 12 || len == 24 || len == 48;
        } else if (fam.equals(AfiSafi.L2VPN_EVPN) || fam.equals(AfiSafi.RT_CONSTRAINT)) {
            ok = len == 4 || len == 16 || len == 32;
        } else {
            ok = true;
        }
        if (!ok) {
            throw new WireFormatException("MP_REACH_NLRI next hop length " + len + " is invalid for " + fam);
        }
    }

    private static void length(boolean ok, String name, int len) {
        if (!ok) {
            throw new WireFormatException(name + " has invalid length " + len);
        }
    }

    /**
     * RFC 7606 §7.2: "An AS_PATH is considered malformed if an unrecognized segment type is
     * encountered or if it contains a malformed segment. A segment is considered malformed if any
     * of the following are true: o There is an overrun where the Path Segment Length field of the
     * last segment encountered would cause the Attribute Length to be exceeded. o There is an
     * underrun where after the last successfully parsed segment there is only a single octet
     * remaining (that is, there is not enough unconsumed data to provide even an empty segment
     * header). o It has a Path Segment Length field of zero."
     */
    static List<AsPathSegment> segments(WireReader v, boolean fourOctet, String name) {
        List<AsPathSegment> out = new ArrayList<>();
        while (v.hasRemaining()) {
            if (v.remaining() == 1) {
                throw new WireFormatException(name + ": a single octet after the last segment");
            }
            int t = v.u8("segment type");
            int n = v.u8("segment length");
            AsPathSegment.Type type = AsPathSegment.Type.of(t);
            if (type == null) {
                throw new WireFormatException(name + ": unrecognized segment type " + t);
            }
            if (n == 0) {
                throw new WireFormatException(name + ": segment of length zero");
            }
            int width = fourOctet ? 4 : 2;
            if (v.remaining() < n * width) {
                throw new WireFormatException(name + ": segment of " + n + " ASes overruns the attribute");
            }
            List<Long> asns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                asns.add(fourOctet ? v.u32("AS") : v.u16("AS"));
            }
            out.add(new AsPathSegment(type, asns));
        }
        return out;
    }

    /** Writes flags, type, length and value; the Extended Length bit is set when the value exceeds 255 octets. */
    public static void encode(PathAttribute a, WireWriter w, CodecContext ctx) {
        WireWriter v = new WireWriter();
        int flags = switch (a) {
            case UnknownAttribute u -> u.flags();
            default -> expectedFlags(a.typeCode());
        };
        switch (a) {
            case Origin o -> v.u8(o.origin().ordinal());
            case AsPath p -> writeSegments(p.segments(), v, ctx.fourOctetAs());
            case As4Path p -> writeSegments(p.segments(), v, true);
            case NextHop n -> v.address(n.address());
            case MultiExitDisc m -> v.u32(m.value());
            case LocalPref l -> v.u32(l.value());
            case AtomicAggregate x -> { }
            case Aggregator g -> {
                if (ctx.fourOctetAs()) {
                    v.u32(g.asNumber());
                } else {
                    // RFC 6793 §4.2.2: a 2-octet speaker's view of a 4-octet AS is AS_TRANS (23456).
                    v.u16(g.asNumber() > 0xffff ? 23456 : (int) g.asNumber());
                }
                v.address(g.address());
            }
            case As4Aggregator g -> v.u32(g.asNumber()).address(g.address());
            case PathAttribute.Communities c -> c.communities().forEach(v::u32);
            case LargeCommunities c -> c.communities().forEach(x -> v.u32(x.global()).u32(x.local1()).u32(x.local2()));
            case ExtendedCommunities c -> c.communities().forEach(x -> ExtendedCommunityCodec.encode(x, v));
            case OriginatorId o -> v.address(o.id());
            case ClusterList c -> c.clusterIds().forEach(v::address);
            case PmsiTunnel p -> v.u8(p.flags()).u8(p.tunnelType()).u24(p.label()).bytes(p.tunnelIdentifier());
            case MpReachNlri m -> {
                v.u16(m.family().afi()).u8(m.family().safi()).u8(m.nextHop().length()).bytes(m.nextHop()).u8(0);
                NlriCodec.encode(m.family(), m.nlri(), v, ctx);
            }
            case MpUnreachNlri m -> {
                v.u16(m.family().afi()).u8(m.family().safi());
                NlriCodec.encode(m.family(), m.withdrawn(), v, ctx);
            }
            case UnknownAttribute u -> v.bytes(u.value());
        }
        byte[] value = v.toByteArray();
        if (value.length > 0xffff) {
            throw new IllegalArgumentException("attribute " + a.typeCode() + " longer than 65535 octets");
        }
        boolean ext = value.length > 255;
        w.u8((flags & ~PathAttribute.FLAG_EXTENDED_LENGTH) | (ext ? PathAttribute.FLAG_EXTENDED_LENGTH : 0)).u8(a.typeCode());
        if (ext) {
            w.u16(value.length);
        } else {
            w.u8(value.length);
        }
        w.bytes(value);
    }

    private static void writeSegments(List<AsPathSegment> segs, WireWriter v, boolean fourOctet) {
        for (AsPathSegment s : segs) {
            v.u8(s.type().code()).u8(s.asns().size());
            for (long as : s.asns()) {
                if (fourOctet) {
                    v.u32(as);
                } else {
                    v.u16(as > 0xffff ? 23456 : (int) as);
                }
            }
        }
    }
}
