package io.nvo3.bgp.rib;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a path came from, as best-path selection and export rules need it. One instance per
 * Established session ({@code id} is unique per speaker); {@link #LOCAL} marks routes we originate.
 *
 * @param id            unique per session, 0 for {@link #LOCAL}
 * @param address       the neighbor's address (tie-breaker of RFC 4271 §9.1.2.2 g)
 * @param asn           the neighbor's AS
 * @param bgpIdentifier the neighbor's BGP Identifier, unsigned
 * @param external      eBGP
 * @param rrClient      the neighbor is our route-reflector client (RFC 4456)
 */
public record PeerRef(int id, InetAddress address, long asn, long bgpIdentifier, boolean external, boolean rrClient) {
    public static final PeerRef LOCAL = new PeerRef(0, null, 0, 0, false, false);

    public PeerRef {
        if (id != 0) {
            Objects.requireNonNull(address);
        }
    }

    public boolean local() {
        return id == 0;
    }

    @Override
    public String toString() {
        return local() ? "local" : address.getHostAddress() + " AS" + asn;
    }
}
