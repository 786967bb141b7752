package io.nvo3.fib;

/**
 * The br-int pipeline (DESIGN.md "OpenFlow pipeline on br-int") and the per-packet state it carries between tables.
 *
 * <p>Metadata: bits 0..23 hold the VNI of the packet's VN, bit 24 is set when the packet came from the tunnel.
 * Register 0 holds the output port chosen by the L2 table for the egress table.
 */
public final class Tables {
    public static final int CLASSIFY = 0;
    public static final int INGRESS_ACL = 10;
    public static final int ARP = 20;
    public static final int L3 = 30;
    public static final int L2 = 40;
    public static final int FLOOD = 50;
    public static final int EGRESS = 60;

    public static final long VN_MASK = 0xFF_FFFFL;
    public static final long FROM_TUNNEL = 1L << 24;
    /** What table 0 writes: the VN and the from-tunnel flag. */
    public static final long CLASSIFY_WRITE_MASK = VN_MASK | FROM_TUNNEL;
    public static final int OUTPUT_REG = 0;

    private Tables() {
    }

    /** Group ids of a VN's flood groups: one for traffic from local ports, one for traffic from the tunnel. */
    public static int floodFromLocalGroup(int vni) {
        return vni << 1;
    }

    public static int floodFromTunnelGroup(int vni) {
        return vni << 1 | 1;
    }
}
