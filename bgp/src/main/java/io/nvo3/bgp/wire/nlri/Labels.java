package io.nvo3.bgp.wire.nlri;

/**
 * The 3-octet label fields of VPN and EVPN NLRI.
 *
 * <p>MPLS (RFC 3032 / RFC 8277): label value in the high 20 bits, 3 bits TC, 1 bit bottom of stack.
 *
 * <p>VXLAN (RFC 8365 §5.1.3): "the MPLS Label1 field ... is used to carry the VNI"; the VNI is 24
 * bits and both peers we interoperate with put it in the whole field, not shifted by 4:
 * GoBGP 3.10 encodes {@code label 10100} of an EVPN route as 0x002774 (10100) and FRR 8.4's
 * {@code vni2label} writes the VNI's three octets as they are (see golden/bgp/README.md).
 */
public final class Labels {
    /** RFC 8277 §2.4 / RFC 3107 §3: the value carried in the label field of a withdrawal. */
    public static final int WITHDRAW_COMPAT = 0x800000;

    private Labels() {
    }

    public static int mpls(int label, boolean bottomOfStack) {
        if (label < 0 || label > 0xfffff) {
            throw new IllegalArgumentException("MPLS label must fit 20 bits: " + label);
        }
        return (label << 4) | (bottomOfStack ? 1 : 0);
    }

    public static int mplsValue(int field) {
        return field >>> 4;
    }

    public static boolean bottomOfStack(int field) {
        return (field & 1) != 0;
    }

    public static int vni(int vni) {
        checkField(vni);
        return vni;
    }

    static void checkField(int field) {
        if (field < 0 || field > 0xffffff) {
            throw new IllegalArgumentException("label field must fit 24 bits: " + field);
        }
    }
}
