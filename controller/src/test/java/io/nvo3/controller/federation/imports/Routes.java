package io.nvo3.controller.federation.imports;

import static io.nvo3.controller.federation.Fixtures.v4;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builders of received EVPN routes as a remote domain (RD 198.18.0.2:n, RT 65002:vni) would send them. */
final class Routes {
    static final ExtendedCommunity VXLAN = ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN);
    static final ExtendedCommunity MPLS = ExtendedCommunity.Encapsulation.of(TunnelType.MPLS);
    static final Optional<InetAddress> PEER = Optional.of(v4("198.18.0.2"));

    private Routes() {}

    static ExtendedCommunity rt(String s) {
        return ExtendedCommunity.RouteTarget.parse(s);
    }

    static List<PathAttribute> attrs(List<ExtendedCommunity> ecs, PathAttribute... more) {
        List<PathAttribute> out = new ArrayList<>();
        out.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
        out.add(new PathAttribute.ExtendedCommunities(ecs));
        out.addAll(List.of(more));
        return out;
    }

    static ReceivedEvpnRoute mac(String mac, String ip, int label, InetAddress nextHop, ExtendedCommunity... ecs) {
        return new ReceivedEvpnRoute(new EvpnRoute.MacIpAdvertisement(-1, RouteDistinguisher.parse("198.18.0.2:1"),
                Esi.ZERO, 0, MacAddress.parse(mac), ip == null ? Optional.empty() : Optional.of(v4(ip)), label,
                OptionalInt.empty()), nextHop, attrs(List.of(ecs)), PEER);
    }

    static ReceivedEvpnRoute imet(InetAddress nextHop, PathAttribute.PmsiTunnel pmsi, ExtendedCommunity... ecs) {
        EvpnRoute.InclusiveMulticast nlri = new EvpnRoute.InclusiveMulticast(-1, RouteDistinguisher.parse("198.18.0.2:1"),
                0, nextHop);
        return new ReceivedEvpnRoute(nlri, nextHop, pmsi == null ? attrs(List.of(ecs)) : attrs(List.of(ecs), pmsi), PEER);
    }

    static PathAttribute.PmsiTunnel ir(int vni, String vtep) {
        return PathAttribute.PmsiTunnel.ingressReplication(vni, v4(vtep));
    }
}
