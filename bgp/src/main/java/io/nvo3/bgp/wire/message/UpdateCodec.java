package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.attributes.As4Paths;
import io.nvo3.bgp.wire.attributes.AttributeCodec;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpReachNlri;
import io.nvo3.bgp.wire.attributes.PathAttribute.UnknownAttribute;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.errors.UpdateProblem;
import io.nvo3.bgp.wire.errors.UpdateSubcode;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.NlriCodec;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
import io.nvo3.bgp.wire.nlri.PackedMpNlri;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** UPDATE body codec with the RFC 7606 error handling. */
final class UpdateCodec {
    private UpdateCodec() {
    }

    /** A problem found while decoding: either what RFC 7606 says, or a session reset with its NOTIFICATION data. */
    private static final class Collector {
        final List<UpdateProblem> problems = new ArrayList<>();
        final Set<AfiSafi> disabled = new LinkedHashSet<>();
        BgpNotificationException reset;
        /** Set by {@link #decodePacked}: leave the NLRI of MP_REACH_NLRI in the octets when {@link PackedMpNlri} takes them. */
        CodecContext packMp;
        PackedMpNlri packedMp;

        void add(ErrorAction action, int type, UpdateSubcode sub, String reason) {
            problems.add(new UpdateProblem(action, type, sub, reason));
        }

        void reset(int type, UpdateSubcode sub, Bytes data, String reason) {
            add(ErrorAction.SESSION_RESET, type, sub, reason);
            if (reset == null) {
                reset = new BgpNotificationException(sub, data, reason);
            }
        }

        ErrorAction strongest() {
            ErrorAction a = ErrorAction.NONE;
            for (UpdateProblem p : problems) a = a.strongest(p.action());
            return a;
        }
    }

    static UpdateDecodeResult decode(byte[] body, CodecContext ctx) {
        Collector c = new Collector();
        WireReader r = WireReader.of(body);
        // RFC 4271 §6.3: "If the Withdrawn Routes Length or Total Attribute Length is too large (i.e., if
        // Withdrawn Routes Length + Total Attribute Length + 23 exceeds the message Length), then the
        // Error Subcode MUST be set to Malformed Attribute List."
        if (r.remaining() < 4) {
            return resetOnly(c, UpdateSubcode.MALFORMED_ATTRIBUTE_LIST, "UPDATE shorter than its two length fields");
        }
        int wlen = r.u16("withdrawn routes length");
        if (wlen > r.remaining() - 2) {
            return resetOnly(c, UpdateSubcode.MALFORMED_ATTRIBUTE_LIST, "withdrawn routes length " + wlen + " overruns the message");
        }
        WireReader wr = r.slice(wlen, "withdrawn routes");
        int alen = r.u16("total path attribute length");
        if (alen > r.remaining()) {
            return resetOnly(c, UpdateSubcode.MALFORMED_ATTRIBUTE_LIST, "total path attribute length " + alen + " overruns the message");
        }
        WireReader ar = r.slice(alen, "path attributes");
        List<IpPrefix> withdrawn;
        List<IpPrefix> nlri;
        try {
            withdrawn = ipv4(NlriCodec.decode(AfiSafi.IPV4_UNICAST, wr, ctx));
            nlri = ipv4(NlriCodec.decode(AfiSafi.IPV4_UNICAST, r, ctx));
        } catch (WireFormatException e) {
            // RFC 4271 §6.3: "The NLRI field in the UPDATE message is checked for syntactic validity. If the
            // field is syntactically incorrect, then the Error Subcode MUST be set to Invalid Network Field."
            // RFC 7606 §3 keeps session reset when the NLRI cannot be parsed (see missingMpIfUnparsed).
            return resetOnly(c, UpdateSubcode.INVALID_NETWORK_FIELD, "IPv4 prefixes: " + e.getMessage());
        }
        List<PathAttribute> attrs = attributes(ar, ctx, c, body, nlri.isEmpty());
        checkMandatory(attrs, !nlri.isEmpty(), c);
        ErrorAction action = c.strongest();
        UpdateMessage update = new UpdateMessage(withdrawn, attrs, nlri);
        List<Nlri> taw = new ArrayList<>();
        if (action == ErrorAction.TREAT_AS_WITHDRAW) {
            taw.addAll(nlri);
            attrs.stream().filter(a -> a instanceof MpReachNlri).forEach(a -> taw.addAll(((MpReachNlri) a).nlri()));
        }
        return new UpdateDecodeResult(update, action, c.problems, taw,
                action == ErrorAction.AFI_SAFI_DISABLE ? c.disabled : Set.of(), Optional.ofNullable(action == ErrorAction.SESSION_RESET ? c.reset : null));
    }

    /**
     * {@link #decode} for a receiver that stores IPv4 prefixes without objects: the same checks in the
     * same order, but the NLRI field is only scanned and handed over as {@link PackedIpv4Prefixes}.
     * Anything but a clean UPDATE (or one that only discards attributes) — and ADD-PATH for IPv4 —
     * goes through {@link #decode} itself, so every RFC 7606 verdict is exactly the generic one.
     */
    static UpdateDecodeResult decodePacked(byte[] body, CodecContext ctx, AttributeMemo memo) {
        if (ctx.addPath(AfiSafi.IPV4_UNICAST) || body.length < 4) {
            return decode(body, ctx);
        }
        int wlen = (body[0] & 0xff) << 8 | (body[1] & 0xff);
        if (wlen > body.length - 4) {
            return decode(body, ctx);
        }
        int attrStart = 4 + wlen;
        int alen = (body[attrStart - 2] & 0xff) << 8 | (body[attrStart - 1] & 0xff);
        if (alen > body.length - attrStart) {
            return decode(body, ctx);
        }
        int nlriStart = attrStart + alen;
        int count = PackedIpv4Prefixes.scan(body, nlriStart, body.length);
        if (count < 0) {
            return decode(body, ctx);
        }
        List<IpPrefix> withdrawn;
        try {
            withdrawn = wlen == 0 ? List.of() : ipv4(NlriCodec.decode(AfiSafi.IPV4_UNICAST, new WireReader(body, 2, wlen), ctx));
        } catch (WireFormatException e) {
            return decode(body, ctx);
        }
        boolean memoised = memo != null && memo.split(body, attrStart, alen, count > 0);
        if (memoised && memo.matches(ctx)) {
            // Same attribute octets as the last UPDATE: same attributes, same verdict (NONE or ATTRIBUTE_DISCARD).
            PackedMpNlri mp = memo.mpStart < 0 ? null : PackedMpNlri.of(memo.mpFamily, body, memo.mpStart, memo.mpEnd);
            if (memo.mpStart < 0 || mp != null) {
                return new UpdateDecodeResult(new UpdateMessage(withdrawn, memo.attributes(), List.of()), memo.action(), memo.problems(),
                        List.of(), Set.of(), Optional.empty(),
                        count == 0 ? Optional.empty() : Optional.of(new PackedIpv4Prefixes(body, nlriStart, body.length, count)),
                        Optional.ofNullable(mp));
            }
        }
        Collector c = new Collector();
        c.packMp = ctx;
        List<PathAttribute> attrs = attributes(new WireReader(body, attrStart, alen), ctx, c, body, count == 0);
        checkMandatory(attrs, count > 0, c);
        ErrorAction action = c.strongest();
        if (action != ErrorAction.NONE && action != ErrorAction.ATTRIBUTE_DISCARD) {
            return decode(body, ctx);
        }
        if (memoised && (memo.mpStart < 0 || c.packedMp != null)) {
            memo.remember(ctx, attrs, c.problems, action);
            attrs = memo.attributes();
        }
        return new UpdateDecodeResult(new UpdateMessage(withdrawn, attrs, List.of()), action, c.problems, List.of(), Set.of(),
                Optional.empty(), count == 0 ? Optional.empty() : Optional.of(new PackedIpv4Prefixes(body, nlriStart, body.length, count)),
                Optional.ofNullable(c.packedMp));
    }

    private static UpdateDecodeResult resetOnly(Collector c, UpdateSubcode sub, String reason) {
        c.reset(-1, sub, Bytes.EMPTY, reason);
        return new UpdateDecodeResult(null, ErrorAction.SESSION_RESET, c.problems, List.of(), Set.of(), Optional.of(c.reset));
    }

    private static List<IpPrefix> ipv4(List<Nlri> l) {
        return l.stream().map(n -> (IpPrefix) n).toList();
    }

    private static List<PathAttribute> attributes(WireReader ar, CodecContext ctx, Collector c, byte[] body, boolean noIpv4Nlri) {
        List<PathAttribute> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (ar.hasRemaining()) {
            int start = ar.position();
            // RFC 7606 §4: "fewer than three octets remain (or fewer than four octets, if the Attribute
            // Flags field has the Extended Length bit set) when beginning to parse the attribute" or "the
            // length of the last encountered path attribute would cause the Total Attribute Length to be
            // exceeded": "the "treat-as-withdraw" approach MUST be used ... and the Total Attribute Length
            // MUST be relied upon to enable the beginning of the NLRI field to be located."
            int flags = ar.u8("attribute flags");
            boolean ext = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
            if (ar.remaining() < (ext ? 3 : 2)) {
                c.add(ErrorAction.TREAT_AS_WITHDRAW, -1, UpdateSubcode.ATTRIBUTE_LENGTH_ERROR, "too few octets left for an attribute header");
                missingMpIfUnparsed(out, c, noIpv4Nlri);
                break;
            }
            int type = ar.u8("attribute type");
            int len = ext ? ar.u16("attribute length") : ar.u8("attribute length");
            if (len > ar.remaining()) {
                c.add(ErrorAction.TREAT_AS_WITHDRAW, type, UpdateSubcode.ATTRIBUTE_LENGTH_ERROR,
                        "attribute " + type + " length " + len + " exceeds the " + ar.remaining() + " octets left");
                missingMpIfUnparsed(out, c, noIpv4Nlri);
                break;
            }
            WireReader v = ar.slice(len, "attribute value");
            boolean mp = type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI;
            if (!seen.add(type)) {
                // RFC 7606 §3 (g): "If the MP_REACH_NLRI attribute or the MP_UNREACH_NLRI [RFC4760] attribute
                // appears more than once in the UPDATE message, then a NOTIFICATION message MUST be sent with
                // the Error Subcode "Malformed Attribute List". If any other attribute (whether recognized or
                // unrecognized) appears more than once in an UPDATE message, then all the occurrences of the
                // attribute other than the first one SHALL be discarded and the UPDATE message will continue
                // to be processed."
                if (mp) {
                    c.reset(type, UpdateSubcode.MALFORMED_ATTRIBUTE_LIST, Bytes.EMPTY, "attribute " + type + " appears twice");
                } else {
                    c.add(ErrorAction.ATTRIBUTE_DISCARD, type, UpdateSubcode.MALFORMED_ATTRIBUTE_LIST, "attribute " + type + " repeated; later copy discarded");
                }
                continue;
            }
            int expected = AttributeCodec.expectedFlags(type);
            if (expected < 0) {
                if ((flags & PathAttribute.FLAG_OPTIONAL) == 0) {
                    // RFC 4271 §6.3: "If any of the well-known mandatory attributes are not recognized, then
                    // the Error Subcode MUST be set to Unrecognized Well-known Attribute. The Data field MUST
                    // contain the unrecognized attribute (type, length, and value)."
                    c.reset(type, UpdateSubcode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, Bytes.of(java.util.Arrays.copyOfRange(body, start, ar.position())), "unrecognized well-known attribute " + type);
                } else {
                    // The Extended Length bit is framing, not meaning: the encoder sets it from the length.
                    out.add(new UnknownAttribute(flags & ~PathAttribute.FLAG_EXTENDED_LENGTH, type, v.rest()));
                }
                continue;
            }
            if ((type == PathAttribute.LOCAL_PREF || type == PathAttribute.ORIGINATOR_ID || type == PathAttribute.CLUSTER_LIST)
                    && ctx.externalPeer()) {
                // RFC 7606 §7.5 / §7.9 / §7.10: "if the LOCAL_PREF [ORIGINATOR_ID, CLUSTER_LIST] attribute
                // is received from an external neighbor, it SHALL be discarded using the approach of
                // "attribute discard""
                c.add(ErrorAction.ATTRIBUTE_DISCARD, type, UpdateSubcode.OPTIONAL_ATTRIBUTE_ERROR, "attribute " + type + " from an external peer");
                continue;
            }
            if ((type == PathAttribute.AS4_PATH || type == PathAttribute.AS4_AGGREGATOR) && ctx.fourOctetAs()) {
                // RFC 6793 §3 (paraphrased): between two NEW (4-octet AS) speakers AS4_PATH and
                // AS4_AGGREGATOR are not sent, and are discarded if received.
                c.add(ErrorAction.ATTRIBUTE_DISCARD, type, UpdateSubcode.OPTIONAL_ATTRIBUTE_ERROR, "AS4 attribute " + type + " on a 4-octet-AS session");
                continue;
            }
            if ((flags & 0xc0) != expected) {
                // RFC 7606 §3 (c): "If the value of either the Optional or Transitive bits in the Attribute
                // Flags is in conflict with their specified values, then the attribute MUST be treated as
                // malformed and the "treat-as-withdraw" approach used, unless the specification for the
                // attribute mandates different handling for incorrect Attribute Flags."
                malformed(type, flags, UpdateSubcode.ATTRIBUTE_FLAGS_ERROR, "attribute " + type + " has flags 0x" + Integer.toHexString(flags), v, c);
                continue;
            }
            try {
                PathAttribute packed = c.packMp != null && type == PathAttribute.MP_REACH_NLRI ? packedMpReach(body, v, c) : null;
                out.add(packed != null ? packed : AttributeCodec.decode(type, v, ctx));
            } catch (WireFormatException | IllegalArgumentException e) {
                malformed(type, flags, subcodeFor(type), e.getMessage(), v, c);
            }
        }
        return out;
    }

    /**
     * An MP_REACH_NLRI whose NLRI {@link PackedMpNlri} takes whole (VPN-IPv4 with one label, EVPN MAC/IP
     * without ESI; no ADD-PATH), with a next hop of the usual length: the attribute without NLRI objects,
     * the NLRI left in {@code c}; null (and {@code v} untouched) for anything else, which
     * {@link AttributeCodec#decode} then reads.
     */
    private static PathAttribute packedMpReach(byte[] body, WireReader v, Collector c) {
        int off = v.position();
        int len = v.remaining();
        if (len < 5) {
            return null;
        }
        AfiSafi family = new AfiSafi((body[off] & 0xff) << 8 | (body[off + 1] & 0xff), body[off + 2] & 0xff);
        int nhLen = body[off + 3] & 0xff;
        if (!PackedMpNlri.packs(family, nhLen) || c.packMp.addPath(family) || len < 5 + nhLen) {
            return null;
        }
        PackedMpNlri packed = PackedMpNlri.of(family, body, off + 5 + nhLen, off + len);
        if (packed == null) {
            return null;
        }
        c.packedMp = packed;
        v.slice(len, "MP_REACH_NLRI value"); // consumed
        return new MpReachNlri(packed.family(), Bytes.of(java.util.Arrays.copyOfRange(body, off + 4, off + 4 + nhLen)), List.of());
    }

    /**
     * RFC 7606 §3: "in order to use the approach of "treat-as-withdraw", the entire NLRI field and/or
     * the MP_REACH_NLRI and MP_UNREACH_NLRI attributes need to be successfully parsed ... If this is
     * not possible, the procedures of [RFC4271] and/or [RFC4760] continue to apply, meaning that the
     * "session reset" approach (or the "AFI/SAFI disable" approach) MUST be followed." Senders put MP_REACH_NLRI/MP_UNREACH_NLRI first (RFC 7606 §5.1: "SHALL be
     * encoded as the very first path attribute"), so when one was parsed, or the NLRI field carries
     * the routes, treat-as-withdraw stands; otherwise the session is reset.
     */
    private static void missingMpIfUnparsed(List<PathAttribute> parsedSoFar, Collector c, boolean noIpv4Nlri) {
        boolean mpSeen = parsedSoFar.stream().anyMatch(a -> a instanceof MpReachNlri || a instanceof PathAttribute.MpUnreachNlri);
        if (mpSeen || !noIpv4Nlri) {
            return;
        }
        c.reset(-1, UpdateSubcode.MALFORMED_ATTRIBUTE_LIST, Bytes.EMPTY,
                "attribute parsing stopped before the end; MP_REACH_NLRI/MP_UNREACH_NLRI may be unlocated");
    }

    private static UpdateSubcode subcodeFor(int type) {
        return switch (type) {
            case PathAttribute.ORIGIN -> UpdateSubcode.INVALID_ORIGIN_ATTRIBUTE;
            case PathAttribute.AS_PATH -> UpdateSubcode.MALFORMED_AS_PATH;
            case PathAttribute.NEXT_HOP -> UpdateSubcode.INVALID_NEXT_HOP_ATTRIBUTE;
            case PathAttribute.MP_REACH_NLRI, PathAttribute.MP_UNREACH_NLRI -> UpdateSubcode.OPTIONAL_ATTRIBUTE_ERROR;
            default -> UpdateSubcode.ATTRIBUTE_LENGTH_ERROR;
        };
    }

    /** RFC 7606 §7: the approach each attribute's specification mandates when it is malformed. */
    private static void malformed(int type, int flags, UpdateSubcode sub, String reason, WireReader value, Collector c) {
        ErrorAction action = switch (type) {
            // §7.6: "The attribute SHALL be considered malformed if its length is not 0 ... An UPDATE message
            // with a malformed ATOMIC_AGGREGATE attribute SHALL be handled using the approach of "attribute discard"."
            // §7.7: AGGREGATOR malformed when "Its length is not 6 (when the 4-octet AS number capability is
            // not advertised to or not received from the peer)" or "not 8" otherwise: "attribute discard".
            // RFC 6793 §7 (referenced by RFC 7606 §7): malformed AS4_PATH / AS4_AGGREGATOR are discarded.
            case PathAttribute.ATOMIC_AGGREGATE, PathAttribute.AGGREGATOR, PathAttribute.AS4_PATH, PathAttribute.AS4_AGGREGATOR ->
                    ErrorAction.ATTRIBUTE_DISCARD;
            // §7.11: "If the Length of Next Hop Network Address field of the MP_REACH attribute is inconsistent
            // with that which was expected, the attribute is considered malformed. Since the next hop precedes
            // the NLRI field in the attribute, in this case it will not be possible to reliably locate the
            // NLRI; thus, the "session reset" or "AFI/SAFI disable" approach MUST be used." Likewise for
            // unparseable NLRI inside MP_REACH/MP_UNREACH (§3). We disable the family when it can be read.
            case PathAttribute.MP_REACH_NLRI, PathAttribute.MP_UNREACH_NLRI -> ErrorAction.AFI_SAFI_DISABLE;
            // §7.1 ORIGIN, §7.2 AS_PATH, §7.3 NEXT_HOP, §7.4 MULTI_EXIT_DISC, §7.5 LOCAL_PREF, §7.8 COMMUNITIES,
            // §7.9 ORIGINATOR_ID, §7.10 CLUSTER_LIST, §7.14 Extended Communities, RFC 8092 §6 LARGE_COMMUNITIES:
            // "... the "treat-as-withdraw" approach MUST be used". PMSI_TUNNEL (RFC 6514 names no approach):
            // treat-as-withdraw, the RFC 7606 §8 default for new attributes.
            default -> ErrorAction.TREAT_AS_WITHDRAW;
        };
        if (action == ErrorAction.AFI_SAFI_DISABLE) {
            WireReader fam = WireReader.of(value.rest());
            if (fam.remaining() >= 3) {
                c.disabled.add(new AfiSafi(fam.u16("afi"), fam.u8("safi")));
            } else {
                c.reset(type, UpdateSubcode.OPTIONAL_ATTRIBUTE_ERROR, Bytes.EMPTY, reason + " (no AFI/SAFI to disable)");
                return;
            }
        }
        c.add(action, type, sub, reason);
    }

    /**
     * RFC 7606 §3 (d): "If any of the well-known mandatory attributes are not present in an UPDATE
     * message, then "treat-as-withdraw" MUST be used. (Note that [RFC4760] reclassifies NEXT_HOP as
     * what is effectively discretionary.)" They are needed only when the UPDATE announces something.
     */
    private static void checkMandatory(List<PathAttribute> attrs, boolean hasNlri, Collector c) {
        boolean mpReach = attrs.stream().anyMatch(a -> a instanceof MpReachNlri);
        if (!hasNlri && !mpReach) {
            return;
        }
        Set<Integer> present = new HashSet<>();
        attrs.forEach(a -> present.add(a.typeCode()));
        for (int t : new int[] {PathAttribute.ORIGIN, PathAttribute.AS_PATH}) {
            if (!present.contains(t) && c.problems.stream().noneMatch(p -> p.attributeType() == t)) {
                c.add(ErrorAction.TREAT_AS_WITHDRAW, t, UpdateSubcode.MISSING_WELL_KNOWN_ATTRIBUTE, "missing well-known attribute " + t);
            }
        }
        if (hasNlri && !present.contains(PathAttribute.NEXT_HOP)
                && c.problems.stream().noneMatch(p -> p.attributeType() == PathAttribute.NEXT_HOP)) {
            c.add(ErrorAction.TREAT_AS_WITHDRAW, PathAttribute.NEXT_HOP, UpdateSubcode.MISSING_WELL_KNOWN_ATTRIBUTE, "IPv4 NLRI without NEXT_HOP");
        }
    }

    static void encode(UpdateMessage u, WireWriter w, CodecContext ctx) {
        int at = w.position();
        w.u16(0);
        NlriCodec.encode(AfiSafi.IPV4_UNICAST, u.withdrawn(), w, ctx);
        w.patchU16(at, w.position() - at - 2);
        at = w.position();
        w.u16(0);
        // RFC 6793 §4.2.2: "When communicating with an OLD BGP speaker, a NEW speaker MUST send the AS path
        // information in the AS_PATH attribute encoded with 2-octet AS numbers. The NEW speaker MUST also send the
        // AS path information in the AS4_PATH attribute"; a NEW peer gets neither AS4 attribute (§3, paraphrased).
        List<PathAttribute> attrs = ctx.fourOctetAs() ? As4Paths.forNewSpeaker(u.attributes()) : As4Paths.forOldSpeaker(u.attributes());
        for (PathAttribute a : attrs) {
            AttributeCodec.encode(a, w, ctx);
        }
        int alen = w.position() - at - 2;
        w.patchU16(at, alen);
        NlriCodec.encode(AfiSafi.IPV4_UNICAST, u.nlri(), w, ctx);
    }
}
