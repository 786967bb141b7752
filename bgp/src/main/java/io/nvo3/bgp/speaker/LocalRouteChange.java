package io.nvo3.bgp.speaker;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/** One change of our own routes, for {@link BgpSpeaker#update}: originate (or replace) a route, or withdraw it. */
public sealed interface LocalRouteChange {
    AfiSafi family();

    Nlri nlri();

    /**
     * Our route to {@code nlri}. {@code attributes} must not hold NEXT_HOP or MP_REACH/MP_UNREACH; ORIGIN and AS_PATH
     * default to IGP and empty. A null next hop means "our address on each session".
     */
    record Originate(AfiSafi family, Nlri nlri, List<PathAttribute> attributes, InetAddress nextHop)
            implements LocalRouteChange {
        public Originate {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(nlri, "nlri");
            attributes = List.copyOf(attributes);
            for (PathAttribute a : attributes) {
                if (a instanceof PathAttribute.NextHop || a instanceof PathAttribute.MpReachNlri
                        || a instanceof PathAttribute.MpUnreachNlri) {
                    throw new IllegalArgumentException("attributes: pass the next hop as nextHop, not as "
                            + a.getClass().getSimpleName());
                }
            }
        }
    }

    /** Withdraws our route to {@code nlri} (nothing happens when we have none). */
    record Withdraw(AfiSafi family, Nlri nlri) implements LocalRouteChange {
        public Withdraw {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(nlri, "nlri");
        }
    }
}
