package io.nvo3.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VnRoutingsTest {
    static final LocalDomain DOMAIN = Fixtures.DOMAIN_A;

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static BgpVpn vpn(String id, BgpVpnType type, List<String> rts, List<String> imp, List<String> exp,
                      List<String> rds, Integer vni, Long localPref) {
        return new BgpVpn(id, "p", "", type, rts, imp, exp, rds, vni, localPref, 0);
    }

    private static Set<String> strings(Set<RouteTarget> rts) {
        return rts.stream().map(RouteTarget::value).collect(Collectors.toSet());
    }

    @Test
    void withoutBgpvpnsAVnUsesRouterIdRdAndAsnVniRouteTarget() {
        VnRouting r = VnRoutings.compute("net-a", 1000, 7, DOMAIN, List.of());
        assertThat(r.rd()).isEqualTo(RouteDistinguisher.parse("198.18.0.1:7"));
        assertThat(r.rd().type()).isEqualTo(1);
        assertThat(strings(r.importTargets())).containsExactly("65001:1000");
        assertThat(r.exportTargets()).isEqualTo(r.importTargets());
        assertThat(r.advertisedVni()).isEqualTo(1000);
        assertThat(r.localVni()).isEqualTo(1000);
        assertThat(r.l3ImportTargets()).isEmpty();
        assertThat(r.localPref()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void aFourOctetAsnKeepsItsLow16BitsInTheDefaultRouteTarget() {
        VnRouting r = VnRoutings.compute("n", 5000, 1, new LocalDomain(4_200_000_001L, v4("198.18.0.1")), List.of());
        assertThat(strings(r.importTargets())).containsExactly((4_200_000_001L & 0xffff) + ":5000");
    }

    @Test
    void l2BgpvpnsAddTheirRouteTargetsToImportAndExportAsNetworkingBgpvpnDefines() {
        BgpVpn a = vpn("a", BgpVpnType.L2, List.of("65000:1"), List.of("65000:2"), List.of("65000:3"), List.of(),
                null, null);
        BgpVpn b = vpn("b", BgpVpnType.L2, List.of(), List.of("198.19.0.9:4"), List.of(), List.of(), null, null);
        VnRouting r = VnRoutings.compute("n", 10, 1, DOMAIN, List.of(b, a));
        assertThat(strings(r.importTargets())).containsExactlyInAnyOrder("65001:10", "65000:1", "65000:2",
                "198.19.0.9:4");
        assertThat(strings(r.exportTargets())).containsExactlyInAnyOrder("65001:10", "65000:1", "65000:3");
    }

    @Test
    void l3BgpvpnsDoNotChangeTheEvpnTargets() {
        BgpVpn l3 = vpn("a", BgpVpnType.L3, List.of("65000:9"), List.of(), List.of(), List.of("65000:77"), 77, null);
        VnRouting r = VnRoutings.compute("n", 10, 1, DOMAIN, List.of(l3));
        assertThat(strings(r.importTargets())).containsExactly("65001:10");
        assertThat(strings(r.l3ImportTargets())).containsExactly("65000:9");
        assertThat(strings(r.l3ExportTargets())).containsExactly("65000:9");
        assertThat(r.advertisedVni()).isEqualTo(10);
        assertThat(r.rd()).isEqualTo(RouteDistinguisher.parse("198.18.0.1:1"));
    }

    @Test
    void anL2BgpvpnVniAndRdOverrideTheDefaultsLowestBgpvpnIdFirst() {
        BgpVpn a = vpn("a", BgpVpnType.L2, List.of("65000:1"), List.of(), List.of(), List.of("65000:500", "65000:501"),
                5000, 200L);
        BgpVpn b = vpn("b", BgpVpnType.L2, List.of("65000:2"), List.of(), List.of(), List.of("65000:600"), 6000, 300L);
        VnRouting r = VnRoutings.compute("n", 10, 1, DOMAIN, List.of(b, a));
        assertThat(r.advertisedVni()).isEqualTo(5000);
        assertThat(r.localVni()).isEqualTo(10);
        assertThat(r.rd()).isEqualTo(RouteDistinguisher.parse("65000:500"));
        assertThat(r.localPref()).hasValue(200);
        assertThat(r.warnings()).singleElement().asString().contains("VNI 6000", "advertising 5000");
    }

    @Test
    void theImportTargetsOfAllVnsFeedRtConstraint() {
        BgpVpn l3 = vpn("a", BgpVpnType.L3, List.of("65000:9"), List.of(), List.of(), List.of(), null, null);
        VnRouting one = VnRoutings.compute("n1", 10, 1, DOMAIN, List.of(l3));
        VnRouting two = VnRoutings.compute("n2", 20, 2, DOMAIN, List.of());
        assertThat(strings(VnRoutings.allImportTargets(List.of(one, two))))
                .containsExactlyInAnyOrder("65001:10", "65001:20", "65000:9");
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheBgpvpns() {
        BgpVpn a = vpn("a", BgpVpnType.L2, List.of("65000:1"), List.of(), List.of(), List.of(), 100, null);
        BgpVpn b = vpn("b", BgpVpnType.L2, List.of("65000:2"), List.of(), List.of(), List.of(), 200, 5L);
        assertThat(VnRoutings.compute("n", 10, 1, DOMAIN, List.of(a, b)))
                .isEqualTo(VnRoutings.compute("n", 10, 1, DOMAIN, List.of(b, a)));
    }
}
