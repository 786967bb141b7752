package io.nvo3.fib.flow;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a flow came from. A cookie is {@code 0x4E | rule(8) | VNI(24) | tag(24)} from the most significant byte
 * down: the magic byte marks nvo3 flows, the tag numbers the subject (port id, remote MAC) within (NVE, rule, VN).
 * {@link #decode(long)} recovers rule, VNI and tag from the cookie alone; {@link NveState#trace(long)} adds the VN
 * id and the subject's name. Tags are unique per (NVE, rule, VNI): a hash collision is detected at computation
 * and resolved by probing to the next free tag, so two different subjects never share a cookie on one NVE.
 */
public record CookieTrace(RuleKind rule, int vni, int tag, Optional<String> vnId, Optional<String> subject) {
    public static final int MAGIC = 0x4E;
    static final int TAG_MASK = 0xFF_FFFF;

    public CookieTrace {
        Objects.requireNonNull(rule, "rule");
        if (vni < 0 || vni > 0xFF_FFFF || tag < 0 || tag > TAG_MASK) {
            throw new IllegalArgumentException("vni/tag outside 24 bits");
        }
        Objects.requireNonNull(vnId, "vnId");
        Objects.requireNonNull(subject, "subject");
    }

    public long cookie() {
        return (long) MAGIC << 56 | (long) rule.code() << 48 | (long) vni << 24 | tag;
    }

    /** Rule, VNI and tag of an nvo3 cookie; empty for a cookie nvo3 did not write. */
    public static Optional<CookieTrace> decode(long cookie) {
        if ((cookie >>> 56) != MAGIC) {
            return Optional.empty();
        }
        return RuleKind.ofCode((int) (cookie >>> 48) & 0xFF).map(rule -> new CookieTrace(rule,
                (int) (cookie >>> 24) & 0xFF_FFFF, (int) cookie & TAG_MASK, Optional.empty(), Optional.empty()));
    }

    /** Whether {@code cookie} marks an entry the controller installed on demand ({@link RuleKind#PULL_L2}). */
    public static boolean isPulled(long cookie) {
        return decode(cookie).map(t -> t.rule() == RuleKind.PULL_L2).orElse(false);
    }

    /** "rule L2_LOCAL for VN net-a (VNI 100), port p1". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("rule ").append(rule);
        if (vni != 0) {
            sb.append(" for VN ").append(vnId.orElse("?")).append(" (VNI ").append(vni).append(')');
        }
        subject.ifPresent(s -> sb.append(", ").append(s));
        if (subject.isEmpty() && tag != 0) {
            sb.append(", tag ").append(tag);
        }
        return sb.toString();
    }
}
