package io.nvo3.controller.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.RtMembership;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Expected strings are what `gobgp global rib` 3.10 printed here for the same routes. */
class RouteTextTest {
    static InetAddress ip(String s) {
        return BgpConfigParser.ipLiteral(s).orElseThrow();
    }

    static final RouteDistinguisher RD = RouteDistinguisher.parse("65001:10");

    @Test
    void writesEvpnRoutesAsGoBgpDoes() {
        assertThat(RouteText.nlri(new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0,
                MacAddress.parse("aa:bb:cc:00:00:01"), Optional.of(ip("203.0.113.1")), Labels.vni(10010), OptionalInt.empty())))
                .isEqualTo("[type:macadv][rd:65001:10][etag:0][mac:aa:bb:cc:00:00:01][ip:203.0.113.1]");
        assertThat(RouteText.nlri(new EvpnRoute.InclusiveMulticast(Nlri.NO_PATH_ID, RD, 0, ip("198.18.0.1"))))
                .isEqualTo("[type:multicast][rd:65001:10][etag:0][ip:198.18.0.1]");
        EvpnRoute.IpPrefixRoute t5 = new EvpnRoute.IpPrefixRoute(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0, ip("203.0.113.0"), 24,
                ip("0.0.0.0"), Labels.vni(10010));
        assertThat(RouteText.nlri(t5)).isEqualTo("[type:Prefix][rd:65001:10][etag:0][prefix:203.0.113.0/24]");
        assertThat(RouteText.labels(t5)).containsExactly(10010);
        assertThat(RouteText.nlri(new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RD, Esi.ZERO, 0,
                MacAddress.parse("aa:bb:cc:00:00:02"), Optional.empty(), 1, OptionalInt.empty())))
                .isEqualTo("[type:macadv][rd:65001:10][etag:0][mac:aa:bb:cc:00:00:02]");
        assertThat(RouteText.nlri(new EvpnRoute.UnknownRoute(Nlri.NO_PATH_ID, 9, Bytes.ofHex("0102")))).isEqualTo("[type:9][value:0102]");
    }

    @Test
    void writesVpnUnicastAndRtcPrefixes() {
        VpnPrefix vpn = VpnPrefix.of(100, RouteDistinguisher.parse("65001:20"), ip("198.51.100.0"), 24);
        assertThat(RouteText.nlri(vpn)).isEqualTo("65001:20:198.51.100.0/24");
        assertThat(RouteText.labels(vpn)).containsExactly(100);
        assertThat(RouteText.nlri(IpPrefix.of(ip("198.51.100.0"), 24))).isEqualTo("198.51.100.0/24");
        assertThat(RouteText.nlri(RtMembership.defaultRoute())).isEqualTo("default");
        assertThat(RouteText.nlri(RtMembership.of(65001, ExtendedCommunity.RouteTarget.parse("65001:10")))).isEqualTo("65001:rt:65001:10");
    }

    @Test
    void writesExtendedCommunitiesAsShortTags() {
        assertThat(List.of(ExtendedCommunity.RouteTarget.parse("65001:100"), ExtendedCommunity.RouteTarget.parse("198.19.0.1:5"),
                ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN), ExtendedCommunity.Encapsulation.of(TunnelType.MPLS_IN_GRE),
                new ExtendedCommunity.MacMobility(false, 5), new ExtendedCommunity.MacMobility(true, 0),
                new ExtendedCommunity.RouterMac(MacAddress.parse("aa:bb:cc:00:00:01")), new ExtendedCommunity.DefaultGateway(),
                new ExtendedCommunity.Unknown(Bytes.ofHex("8000000000000001"))).stream().map(RouteText::extendedCommunity))
                .containsExactly("rt:65001:100", "rt:198.19.0.1:5", "encap:vxlan", "encap:mpls-in-gre", "mac-mobility:5",
                        "mac-mobility:0:sticky", "router-mac:aa:bb:cc:00:00:01", "default-gateway", "unknown:8000000000000001");
    }

    @Test
    void writesAsPathsCommunitiesAndOtherAttributes() {
        assertThat(RouteText.asPath(List.of(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, List.of(65002L, 65003L)),
                new AsPathSegment(AsPathSegment.Type.AS_SET, List.of(65004L, 65005L))))).isEqualTo("65002 65003 {65004,65005}");
        assertThat(RouteText.asPath(List.of())).isEmpty();
        assertThat(RouteText.community((65001L << 16) | 5)).isEqualTo("65001:5");
        assertThat(RouteText.community(0xFFFFFF01L)).isEqualTo("no-export");
        assertThat(RouteText.otherAttributes(List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                PathAttribute.PmsiTunnel.ingressReplication(Labels.vni(10010), ip("198.18.0.1")))))
                .containsExactly("pmsi:ingress-replication:label 10010:198.18.0.1");
    }
}
