package io.nvo3.controller.bgp;

import java.util.OptionalLong;

/**
 * Prefix counters of a neighbor (for all families or one).
 *
 * @param received   NLRI the neighbor currently announces (pre-policy)
 * @param accepted   of those, paths held in the RIB (post-policy)
 * @param advertised destinations we announce to it (always present for a speaker-backed neighbor)
 */
public record PrefixCounts(long received, long accepted, OptionalLong advertised) {
    public static final PrefixCounts ZERO = new PrefixCounts(0, 0, OptionalLong.of(0));
}
