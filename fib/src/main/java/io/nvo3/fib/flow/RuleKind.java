package io.nvo3.fib.flow;

import java.util.Optional;

/** What produced a flow; its code sits in bits 55..48 of the cookie. */
public enum RuleKind {
    /** Table defaults: miss drop, pass-through of tables not in use yet, multicast to flood, egress to tunnel. */
    PIPELINE(1),
    /** Table 0: a tenant-system port without port security joins its VN. */
    CLASSIFY_PORT(2),
    /** Table 0: the tunnel port with tun_id = VNI joins the VN, marked as from-tunnel. */
    CLASSIFY_TUNNEL(3),
    /** Table 0: source MAC/IP checks of a port with port security. */
    PORT_SECURITY(4),
    /** Drops for a SUSPENDED tenant system, ingress and egress. */
    SUSPENDED(5),
    /** Table 40: destination MAC of a local tenant system. */
    L2_LOCAL(6),
    /** Table 40: destination MAC of a tenant system on another NVE of this domain. */
    L2_REMOTE(7),
    /** Table 40: destination MAC learned from BGP. */
    L2_BGP(8),
    /** Table 50: BUM and unknown unicast into the VN's flood group. */
    FLOOD(9),
    /** Table 60: deliver to a local port. */
    EGRESS_PORT(10),
    /**
     * Table 40: an entry installed on demand by the controller ({@code Pull.resolve}), with an idle timeout. Never in a
     * desired state: reconcile must not delete such a flow as an orphan while it is still valid.
     */
    PULL_L2(11),
    /** Tables 20 and 40 of a pull or hybrid VN: to the controller (an ARP request, an L2 miss); also the probe pass. */
    PULL_MISS(12),
    /** Table 20 of a hybrid VN: ARP requests for known IPv4 addresses answered in the datapath. */
    ARP_RESPONDER(13),
    /** Tables 0 and 40 of the old NVE of a moved MAC: tunnel frames for it on to its new VTEP. */
    REDIRECT(14),
    /** Table 0: the tunnel port with the VNI of a remote entry imported into the VN (multi-VNI stitching). */
    CLASSIFY_STITCHED(15);

    private final int code;

    RuleKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<RuleKind> ofCode(int code) {
        for (RuleKind k : values()) {
            if (k.code == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
