package io.nvo3.bgp.wire.nlri;

/**
 * One reachability entry of some AFI/SAFI. {@code pathId} is the RFC 7911 path identifier, or
 * {@link #NO_PATH_ID} when ADD-PATH is not in use for the family in that direction.
 * (All kinds live in this package because a sealed hierarchy in an unnamed module cannot span
 * packages; the codecs are split by family.)
 */
public sealed interface Nlri permits IpPrefix, VpnPrefix, EvpnRoute, RtMembership, UnknownNlri {
    long NO_PATH_ID = -1L;

    long pathId();

    static void checkPathId(long pathId) {
        if (pathId < NO_PATH_ID || pathId > 0xffff_ffffL) {
            throw new IllegalArgumentException("path identifier out of range: " + pathId);
        }
    }
}
