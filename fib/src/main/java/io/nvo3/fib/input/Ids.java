package io.nvo3.fib.input;

/** Shared field checks. */
final class Ids {
    /** OpenFlow 1.3 section 7.2.1: "OFPP_MAX = 0xffffff00, Maximum number of physical and logical switch ports". */
    static final long OFPP_MAX = 0xffff_ff00L;
    static final int VNI_MAX = 0xFF_FFFF;

    private Ids() {
    }

    static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new FibInputException(field, "must not be blank");
        }
    }

    static void requireOfport(String field, int ofport) {
        if (ofport <= 0 || Integer.toUnsignedLong(ofport) > OFPP_MAX) {
            throw new FibInputException(field, "OpenFlow port " + Integer.toUnsignedString(ofport) + " outside 1..0xffffff00");
        }
    }

    /** RFC 7348 section 5: "VXLAN Network Identifier (VNI): This is a 24-bit value". 0 is kept out: it marks "no VN". */
    static void requireVni(String field, int vni) {
        if (vni < 1 || vni > VNI_MAX) {
            throw new FibInputException(field, vni + " outside 1..16777215");
        }
    }
}
