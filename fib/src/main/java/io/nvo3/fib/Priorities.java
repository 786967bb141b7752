package io.nvo3.fib;

/**
 * Flow priorities, chosen so that no two flows of one table overlap at the same priority (the strict fake pipeline
 * in the tests refuses that). Table 0 layers, from the bottom: miss (0); per-port classify or port-security default
 * drop, and tunnel VNI classify (50, distinct in_port/tun_id); allowed source prefixes (100 + prefix length, so a
 * longer prefix wins and equal lengths never overlap unless equal); DHCP discover, ARP probe, MLD report from ::
 * (240); drops of unchecked neighbor and router advertisements (250); advertisements and DAD solicitations for
 * allowed targets (260 + prefix length).
 */
final class Priorities {
    static final int CLASSIFY_PORT = 50;
    static final int CLASSIFY_TUNNEL = 50;
    static final int PREFIX_BASE = 100;
    static final int UNSPECIFIED_SOURCE = 240;
    static final int ND_DROP = 250;
    static final int ND_TARGET_BASE = 260;

    /** Table 20: ARP requests to the controller (pull) or answered in the datapath (hybrid), per target IP. */
    static final int ARP_ANSWER = 100;
    /** Table 20 (hybrid): a tenant system asking for its own address (probe, gratuitous ARP) is never answered. */
    static final int ARP_OWNER_PASS = 120;

    /** Table 40 (pull, hybrid): a unicast miss from a local port goes to the controller instead of flooding. */
    static final int L2_PULL_MISS = 10;
    /** Table 40: entries installed on demand, below pushed ones so that a mode change to push shadows them. */
    static final int L2_PULLED = 90;
    static final int L2_UNICAST = 100;
    /** Table 40 on the old NVE of a moved MAC: above every other unicast entry for it. */
    static final int L2_REDIRECT = 105;
    static final int L2_MULTICAST = 110;
    static final int FLOOD = 100;
    static final int EGRESS_OUTPUT = 100;
    static final int EGRESS_SPLIT_HORIZON = 200;

    private Priorities() {
    }
}
