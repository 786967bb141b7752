package io.nvo3.controller.federation.export;

import io.nvo3.bgp.rib.NlriKeys;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;

/**
 * One route to originate: family, NLRI, next hop (the VTEP of the NVE behind it) and the path
 * attributes other than NEXT_HOP / MP_REACH_NLRI (ordered by type code), e.g. for
 * {@code BgpSpeaker.originate(family, nlri, attributes, nextHop)}.
 */
public record ExportedRoute(AfiSafi family, EvpnRoute nlri, Inet4Address nextHop, List<PathAttribute> attributes) {
    public ExportedRoute {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(nlri, "nlri");
        Objects.requireNonNull(nextHop, "nextHop");
        attributes = List.copyOf(attributes);
        for (PathAttribute a : attributes) {
            if (a instanceof PathAttribute.NextHop || a instanceof PathAttribute.MpReachNlri
                    || a instanceof PathAttribute.MpUnreachNlri) {
                throw new IllegalArgumentException("the next hop and NLRI carriers are not attributes here: " + a);
            }
        }
    }

    /** The extended communities (route targets, encapsulation, MAC mobility) in the order they are sent. */
    public List<ExtendedCommunity> extendedCommunities() {
        for (PathAttribute a : attributes) {
            if (a instanceof PathAttribute.ExtendedCommunities ec) {
                return ec.communities();
            }
        }
        return List.of();
    }

    /**
     * The route's identity in the speaker's RIB: family and the NLRI with its per-path fields zeroed
     * ({@link NlriKeys}; RFC 7432 §7.2: "only the Ethernet Tag ID, MAC Address Length, MAC Address, IP
     * Address Length, and IP Address fields are considered to be part of the prefix"). A new route with
     * the same key replaces the old one, e.g. when the advertised VNI (the label) changes.
     */
    public Key key() {
        return new Key(family, (EvpnRoute) NlriKeys.key(nlri));
    }

    /** Family and key NLRI; withdraw with {@code nlri()}. */
    public record Key(AfiSafi family, EvpnRoute nlri) {}
}
