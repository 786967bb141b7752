package io.nvo3.bgp.wire;

/** An address family (AFI, 16 bits) and subsequent address family (SAFI, 8 bits), RFC 4760. */
public record AfiSafi(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int AFI_L2VPN = 25;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_EVPN = 70;
    public static final int SAFI_MPLS_VPN = 128;
    public static final int SAFI_RT_CONSTRAINT = 132;

    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);
    public static final AfiSafi VPN_IPV4 = new AfiSafi(AFI_IPV4, SAFI_MPLS_VPN);
    public static final AfiSafi VPN_IPV6 = new AfiSafi(AFI_IPV6, SAFI_MPLS_VPN);
    public static final AfiSafi L2VPN_EVPN = new AfiSafi(AFI_L2VPN, SAFI_EVPN);
    public static final AfiSafi RT_CONSTRAINT = new AfiSafi(AFI_IPV4, SAFI_RT_CONSTRAINT);

    public AfiSafi {
        if (afi < 0 || afi > 0xffff) {
            throw new IllegalArgumentException("afi out of range: " + afi);
        }
        if (safi < 0 || safi > 0xff) {
            throw new IllegalArgumentException("safi out of range: " + safi);
        }
    }

    @Override
    public String toString() {
        if (equals(IPV4_UNICAST)) return "ipv4-unicast";
        if (equals(IPV6_UNICAST)) return "ipv6-unicast";
        if (equals(VPN_IPV4)) return "vpn-ipv4";
        if (equals(VPN_IPV6)) return "vpn-ipv6";
        if (equals(L2VPN_EVPN)) return "l2vpn-evpn";
        if (equals(RT_CONSTRAINT)) return "rt-constraint";
        return "afi" + afi + "/safi" + safi;
    }
}
