package io.nvo3.bgp.wire.attributes;

import io.nvo3.bgp.wire.attributes.AsPathSegment.Type;
import io.nvo3.bgp.wire.attributes.PathAttribute.Aggregator;
import io.nvo3.bgp.wire.attributes.PathAttribute.As4Aggregator;
import io.nvo3.bgp.wire.attributes.PathAttribute.As4Path;
import io.nvo3.bgp.wire.attributes.PathAttribute.AsPath;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6793 §4.2 between a NEW (4-octet AS) speaker and an OLD one: the AS4_PATH and AS4_AGGREGATOR
 * attributes a NEW speaker adds for an OLD peer ({@link #forOldSpeaker}), and the 4-octet path it
 * reconstructs from what an OLD peer sends ({@link #mergeFromOldSpeaker}). Pure functions of the
 * attribute list; the encoder and the import of received attributes call them once per attribute set.
 */
public final class As4Paths {
    /** RFC 6793 §9: "AS_TRANS ... 23456". */
    public static final long AS_TRANS = 23456;

    private As4Paths() {
    }

    /**
     * RFC 6793 §4.2.3 (receiving from an OLD speaker): the attribute list with AS_PATH and AGGREGATOR
     * holding the reconstructed 4-octet information and without AS4_PATH / AS4_AGGREGATOR. The same
     * list instance comes back when it holds neither AS4 attribute.
     */
    public static List<PathAttribute> mergeFromOldSpeaker(List<PathAttribute> attributes) {
        AsPath asPath = null;
        As4Path as4Path = null;
        Aggregator aggregator = null;
        As4Aggregator as4Aggregator = null;
        for (PathAttribute a : attributes) {
            switch (a) {
                case AsPath p -> asPath = p;
                case As4Path p -> as4Path = p;
                case Aggregator g -> aggregator = g;
                case As4Aggregator g -> as4Aggregator = g;
                default -> { }
            }
        }
        if (as4Path == null && as4Aggregator == null) {
            return attributes;
        }
        AsPath mergedPath = asPath;
        Aggregator mergedAggregator = aggregator;
        // "When both of the attributes are received, if the AS number in the AGGREGATOR attribute is not
        // AS_TRANS, then: - the AS4_AGGREGATOR attribute and the AS4_PATH attribute SHALL be ignored, - the
        // AGGREGATOR attribute SHALL be taken as the information about the aggregating node, and - the AS_PATH
        // attribute SHALL be taken as the AS path information." (RFC 6793 §4.2.3; an AGGREGATOR that is not
        // AS_TRANS shows that the aggregation was done by an OLD speaker, which may have lost AS4_PATH.)
        boolean as4Ignored = aggregator != null && aggregator.asNumber() != AS_TRANS;
        if (!as4Ignored) {
            // "Otherwise, - the AGGREGATOR attribute SHALL be ignored, - the AS4_AGGREGATOR attribute SHALL be
            // taken as the information about the aggregating node, and - the AS path information would need to be
            // constructed, as in all other cases."
            if (aggregator != null && as4Aggregator != null) {
                mergedAggregator = new Aggregator(as4Aggregator.asNumber(), as4Aggregator.address());
            }
            if (asPath != null && as4Path != null) {
                mergedPath = new AsPath(merge(asPath.segments(), as4Path.segments()));
            }
        }
        List<PathAttribute> out = new ArrayList<>(attributes.size());
        for (PathAttribute a : attributes) {
            switch (a) {
                case As4Path p -> { }
                case As4Aggregator g -> { }
                case AsPath p -> out.add(mergedPath);
                case Aggregator g -> out.add(mergedAggregator);
                default -> out.add(a);
            }
        }
        return out;
    }

    /** The AS path information of an AS_PATH (2-octet ASes, AS_TRANS for the others) and an AS4_PATH. */
    static List<AsPathSegment> merge(List<AsPathSegment> asPath, List<AsPathSegment> as4Path) {
        // RFC 6793 §6: "the path segment types AS_CONFED_SEQUENCE and AS_CONFED_SET [RFC5065] MUST NOT be carried
        // in the AS4_PATH attribute ... A NEW BGP speaker that receives these path segment types in the AS4_PATH
        // attribute of an UPDATE message from an OLD BGP speaker MUST discard these path segments, adjust the
        // relevant attribute fields accordingly, and continue processing the UPDATE message."
        List<AsPathSegment> as4 = as4Path.stream().filter(s -> !confed(s)).toList();
        // "In order to construct the AS path information, it is necessary to first calculate the number of AS
        // numbers in the AS_PATH and AS4_PATH attributes using the method specified in Section 9.1.2.2 of [RFC4271]
        // and in [RFC5065] for route selection."
        int n = count(asPath);
        int m = count(as4);
        if (n < m) {
            // "If the number of AS numbers in the AS_PATH attribute is less than the number of AS numbers in the
            // AS4_PATH attribute, then the AS4_PATH attribute SHALL be ignored, and the AS_PATH attribute SHALL be
            // taken as the AS path information."
            return asPath;
        }
        // "If the number of AS numbers in the AS_PATH attribute is larger than or equal to the number of AS numbers
        // in the AS4_PATH attribute, then the AS path information SHALL be constructed by taking as many AS numbers
        // and path segments as necessary from the leading part of the AS_PATH attribute, and then prepending them to
        // the AS4_PATH attribute so that the AS path information has a number of AS numbers identical to that of the
        // AS_PATH attribute. Note that a valid AS_CONFED_SEQUENCE or AS_CONFED_SET path segment SHALL be prepended
        // if it is either the leading path segment or is adjacent to a path segment that is prepended."
        int need = n - m;
        List<AsPathSegment> out = new ArrayList<>();
        for (AsPathSegment s : asPath) {
            if (confed(s)) {
                if (!out.isEmpty() || s == asPath.getFirst()) {
                    out.add(s);
                    continue;
                }
                break;
            }
            if (need == 0) {
                break;
            }
            if (s.type() == Type.AS_SET) {
                out.add(s);
                need--;
            } else if (s.asns().size() <= need) {
                out.add(s);
                need -= s.asns().size();
            } else {
                out.add(new AsPathSegment(Type.AS_SEQUENCE, s.asns().subList(0, need)));
                need = 0;
            }
        }
        // Where the leading part of AS_PATH meets AS4_PATH, two AS_SEQUENCEs become one (when it fits 255 ASes).
        AsPathSegment last = out.isEmpty() ? null : out.getLast();
        AsPathSegment first = as4.isEmpty() ? null : as4.getFirst();
        if (last != null && first != null && last.type() == Type.AS_SEQUENCE && first.type() == Type.AS_SEQUENCE
                && last.asns().size() + first.asns().size() <= 255) {
            List<Long> joined = new ArrayList<>(last.asns());
            joined.addAll(first.asns());
            out.set(out.size() - 1, new AsPathSegment(Type.AS_SEQUENCE, joined));
            out.addAll(as4.subList(1, as4.size()));
        } else {
            out.addAll(as4);
        }
        return out;
    }

    /** RFC 4271 §9.1.2.2 a): "an AS_SET counts as 1, no matter how many ASes are in the set"; RFC 5065 §5.3: confederation segments count 0. */
    public static int count(List<AsPathSegment> segments) {
        int len = 0;
        for (AsPathSegment s : segments) {
            switch (s.type()) {
                case AS_SEQUENCE -> len += s.asns().size();
                case AS_SET -> len += 1;
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> { }
            }
        }
        return len;
    }

    private static boolean confed(AsPathSegment s) {
        return s.type() == Type.AS_CONFED_SEQUENCE || s.type() == Type.AS_CONFED_SET;
    }

    /**
     * RFC 6793 §4.2.2 (sending to an OLD speaker): the list with AS4_PATH and AS4_AGGREGATOR added where the
     * AS_PATH / AGGREGATOR hold ASes that need 4 octets (the encoder then writes AS_TRANS for those in the
     * 2-octet attributes). A list that already holds an AS4 attribute is sent as it is.
     */
    public static List<PathAttribute> forOldSpeaker(List<PathAttribute> attributes) {
        AsPath asPath = null;
        Aggregator aggregator = null;
        for (PathAttribute a : attributes) {
            switch (a) {
                case AsPath p -> asPath = p;
                case Aggregator g -> aggregator = g;
                case As4Path p -> {
                    return attributes;
                }
                case As4Aggregator g -> {
                    return attributes;
                }
                default -> { }
            }
        }
        // "The NEW speaker MUST also send the AS path information in the AS4_PATH attribute (encoded with 4-octet
        // AS numbers), except for the case where the entire AS path information is composed of 2-octet AS numbers
        // only. In this case, the NEW speaker SHOULD NOT send the AS4_PATH attribute."
        As4Path as4Path = null;
        if (asPath != null && asPath.segments().stream().anyMatch(s -> s.asns().stream().anyMatch(a -> a > 0xffff))) {
            // "In the case where the AS_PATH attribute contains either AS_CONFED_SEQUENCE or AS_CONFED_SET path
            // segments, the NEW speaker, when constructing the AS4_PATH attribute from the AS_PATH attribute, MUST
            // exclude such path segments."
            List<AsPathSegment> segs = asPath.segments().stream().filter(s -> !confed(s)).toList();
            if (!segs.isEmpty()) {
                as4Path = new As4Path(segs);
            }
        }
        // "Similarly, if the NEW speaker has to send the AGGREGATOR attribute, and if the aggregating Autonomous
        // System's AS number is truly 4-octets, then the speaker constructs the AS4_AGGREGATOR attributes by taking
        // the attribute length and attribute value from the AGGREGATOR attribute and placing them into the attribute
        // length and attribute value of the AS4_AGGREGATOR attribute, and sets the AS number field in the existing
        // AGGREGATOR attribute to the reserved AS number, AS_TRANS."
        As4Aggregator as4Aggregator = aggregator != null && aggregator.asNumber() > 0xffff
                ? new As4Aggregator(aggregator.asNumber(), aggregator.address()) : null;
        if (as4Path == null && as4Aggregator == null) {
            return attributes;
        }
        List<PathAttribute> out = new ArrayList<>(attributes);
        if (as4Path != null) {
            insertByType(out, as4Path);
        }
        if (as4Aggregator != null) {
            insertByType(out, as4Aggregator);
        }
        return out;
    }

    /**
     * RFC 6793 §3 (paraphrased: the AS4 attributes are for OLD speakers only, never sent between NEW ones): the list without AS4_PATH and
     * AS4_AGGREGATOR, for a NEW peer; the same instance when it holds neither.
     */
    public static List<PathAttribute> forNewSpeaker(List<PathAttribute> attributes) {
        boolean any = false;
        for (PathAttribute a : attributes) {
            any |= a instanceof As4Path || a instanceof As4Aggregator;
        }
        if (!any) {
            return attributes;
        }
        return attributes.stream().filter(a -> !(a instanceof As4Path || a instanceof As4Aggregator)).toList();
    }

    /**
     * RFC 4271 §5: "The sender of an UPDATE message SHOULD order path attributes within the UPDATE message in
     * ascending order of attribute type": before the first attribute of a higher type.
     */
    private static void insertByType(List<PathAttribute> out, PathAttribute a) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).typeCode() > a.typeCode()) {
                out.add(i, a);
                return;
            }
        }
        out.add(a);
    }
}
