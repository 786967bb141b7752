package io.nvo3.bgp.wire.message;

import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4271 §4.3 UPDATE: IPv4 withdrawn routes, path attributes, IPv4 NLRI. Other families travel in
 * the MP_REACH_NLRI / MP_UNREACH_NLRI attributes (RFC 4760).
 */
public record UpdateMessage(List<IpPrefix> withdrawn, List<PathAttribute> attributes, List<IpPrefix> nlri) implements BgpMessage {
    public UpdateMessage {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
    }

    public int type() {
        return UPDATE;
    }

    public <T extends PathAttribute> Optional<T> attribute(Class<T> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** RFC 4724 §2: "An UPDATE message with no reachable NLRI and empty withdrawn NLRI" is the IPv4 unicast End-of-RIB. */
    public boolean isIpv4EndOfRib() {
        return withdrawn.isEmpty() && attributes.isEmpty() && nlri.isEmpty();
    }
}
