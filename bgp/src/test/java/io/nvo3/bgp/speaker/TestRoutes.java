package io.nvo3.bgp.speaker;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Routes as the controller would originate them, for tests. */
final class TestRoutes {
    private TestRoutes() {}

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static EvpnRoute.MacIpAdvertisement macIp(String rd, String mac, String ipAddr, int vni) {
        return new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RouteDistinguisher.parse(rd), Esi.ZERO, 0, MacAddress.parse(mac),
                Optional.of(ip(ipAddr)), Labels.vni(vni), OptionalInt.empty());
    }

    static EvpnRoute.InclusiveMulticast imet(String rd, String originator) {
        return new EvpnRoute.InclusiveMulticast(Nlri.NO_PATH_ID, RouteDistinguisher.parse(rd), 0, ip(originator));
    }

    static EvpnRoute.IpPrefixRoute prefix5(String rd, String prefix, int len, int vni) {
        return new EvpnRoute.IpPrefixRoute(Nlri.NO_PATH_ID, RouteDistinguisher.parse(rd), Esi.ZERO, 0, ip(prefix), len, ip("0.0.0.0"),
                Labels.vni(vni));
    }

    static VpnPrefix vpnv4(String rd, String prefix, int len, int label) {
        return VpnPrefix.of(label, RouteDistinguisher.parse(rd), ip(prefix), len);
    }

    static IpPrefix ipv4(String prefix, int len) {
        return IpPrefix.of(ip(prefix), len);
    }

    /** RT extended community and, for VXLAN, the encapsulation community of RFC 9012. */
    static List<PathAttribute> vxlan(String rt, PathAttribute... extra) {
        List<PathAttribute> out = new ArrayList<>(List.of(new PathAttribute.ExtendedCommunities(List.of(
                ExtendedCommunity.RouteTarget.parse(rt), ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN)))));
        out.addAll(List.of(extra));
        return out;
    }

    static List<PathAttribute> rt(String rt) {
        return List.of(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse(rt))));
    }
}
