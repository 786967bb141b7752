package io.nvo3.controller.federation;

import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.controller.model.ModelException;
import java.util.regex.Pattern;

/**
 * The strings networking-bgpvpn accepts for route targets and distinguishers, and the ranges of
 * {@code vni} and {@code local_pref}. Errors are Neutron's 400 naming the attribute.
 *
 * <p>neutron-lib api-ref bgpvpn-overview: "Valid strings for a Route Target or a Route Distinguisher
 * are the following: &lt;2-byte AS#&gt;:&lt;32bit-number&gt;, &lt;4-byte AS#&gt;:&lt;16bit-number&gt;,
 * &lt;4-byte IPv4&gt;:&lt;16bit-number&gt;" — checked with neutron-lib's own RTRD_REGEX (bgpvpn.py).
 */
public final class RtRdSyntax {
    private static final String UINT32 = "(0|[1-9]\\d{0,8}|[1-3]\\d{9}|4[01]\\d{8}|42[0-8]\\d{7}"
            + "|429[0-3]\\d{6}|4294[0-8]\\d{5}|42949[0-5]\\d{4}"
            + "|429496[0-6]\\d{3}|4294967[0-1]\\d{2}|42949672[0-8]\\d"
            + "|429496729[0-5])";
    private static final String UINT16 = "(0|[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}"
            + "|655[0-2]\\d|6553[0-5])";
    private static final String UINT8 = "(0|[1-9]\\d{0,1}|1\\d{2}|2[0-4]\\d|25[0-5])";
    private static final String IP4 = "(" + UINT8 + "\\." + UINT8 + "\\." + UINT8 + "\\." + UINT8 + ")";
    private static final Pattern RTRD = Pattern.compile(
            "^(" + UINT16 + ":" + UINT32 + "|" + IP4 + ":" + UINT16 + "|" + UINT32 + ":" + UINT16 + ")$");

    /** neutron-lib constants MIN_VXLAN_VNI / MAX_VXLAN_VNI. */
    public static final long MIN_VNI = 1;
    public static final long MAX_VNI = (1L << 24) - 1;
    /** bgpvpn_routes_control.py: "LOCAL_PREF_RANGE = (0, 2**32 - 1)  # RFC 4271, section 4.3". */
    public static final long MAX_LOCAL_PREF = 0xffff_ffffL;

    private RtRdSyntax() {}

    public static boolean valid(String s) {
        return s != null && RTRD.matcher(s).matches();
    }

    /** Throws Neutron's "Invalid input for F. Reason: 'x' is not a valid input." unless {@code s} is valid. */
    public static void check(String field, String s) {
        if (!valid(s)) {
            throw invalid(field, "'" + s + "' is not a valid input");
        }
    }

    /** A route target string of the API as the wire value (AS2 for "ASN:NN" with ASN &lt; 65536, AS4 above, IPV4). */
    public static RouteTarget routeTarget(String field, String s) {
        check(field, s);
        return RouteTarget.parse(s);
    }

    /** A route distinguisher string of the API as the wire value (type 0, 1 or 2 as RFC 4364 §4.2). */
    public static RouteDistinguisher routeDistinguisher(String field, String s) {
        check(field, s);
        return RouteDistinguisher.parse(s);
    }

    public static void checkVni(long vni) {
        checkRange("vni", vni, MIN_VNI, MAX_VNI);
    }

    public static void checkLocalPref(long localPref) {
        checkRange("local_pref", localPref, 0, MAX_LOCAL_PREF);
    }

    /** neutron-lib validators.validate_range wording. */
    static void checkRange(String field, long v, long min, long max) {
        if (v < min) {
            throw invalid(field, "'" + v + "' is too small - must be at least '" + min + "'");
        }
        if (v > max) {
            throw invalid(field, "'" + v + "' is too large - must be no larger than '" + max + "'");
        }
    }

    static ModelException.BadRequest invalid(String field, String reason) {
        return new ModelException.BadRequest("HTTPBadRequest", field,
                "Invalid input for " + field + ". Reason: " + reason + ".");
    }
}
