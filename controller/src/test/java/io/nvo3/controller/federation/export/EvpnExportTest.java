package io.nvo3.controller.federation.export;

import static io.nvo3.controller.federation.Fixtures.DOMAIN_A;
import static io.nvo3.controller.federation.Fixtures.compatible;
import static io.nvo3.controller.federation.Fixtures.inState;
import static io.nvo3.controller.federation.Fixtures.l2Vpn;
import static io.nvo3.controller.federation.Fixtures.running;
import static io.nvo3.controller.federation.Fixtures.v4;
import static io.nvo3.controller.federation.Fixtures.vn;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.controller.federation.BgpVpn;
import io.nvo3.controller.federation.BgpVpnType;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.model.TenantSystemState;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EvpnExportTest {
    static final VnRouting BLUE = vn("net-blue", 1000, DOMAIN_A, 1);
    static final RouteDistinguisher RD = RouteDistinguisher.parse("198.18.0.1:1");
    static final ExtendedCommunity.RouteTarget RT = ExtendedCommunity.RouteTarget.parse("65001:1000");
    static final ExtendedCommunity VXLAN = ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN);
    static final PathAttribute IGP = new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP);

    private static EvpnRoute.MacIpAdvertisement macIp(String mac, Optional<InetAddress> ip, int vni) {
        return new EvpnRoute.MacIpAdvertisement(-1, RD, Esi.ZERO, 0, MacAddress.parse(mac), ip, vni, OptionalInt.empty());
    }

    @Test
    void exportsAMacRouteAMacIpRoutePerFixedIpAndOneImetPerVtep() {
        InetAddress ip4 = v4("203.0.113.5");
        InetAddress ip6 = compatible("203.0.113.5");
        Set<ExportedRoute> out = EvpnExport.routes(BLUE, List.of(
                running("p1", "fa:16:3e:00:00:01", "198.18.0.11", 0, ip4, ip6),
                running("p2", "fa:16:3e:00:00:02", "198.18.0.11", 0),
                running("p3", "fa:16:3e:00:00:03", "198.18.0.12", 0)));

        List<PathAttribute> macAttrs = List.of(IGP, new PathAttribute.ExtendedCommunities(List.of(RT, VXLAN)));
        assertThat(out).containsExactly(
                new ExportedRoute(AfiSafi.L2VPN_EVPN, macIp("fa:16:3e:00:00:01", Optional.empty(), 1000),
                        v4("198.18.0.11"), macAttrs),
                new ExportedRoute(AfiSafi.L2VPN_EVPN, macIp("fa:16:3e:00:00:01", Optional.of(ip4), 1000),
                        v4("198.18.0.11"), macAttrs),
                new ExportedRoute(AfiSafi.L2VPN_EVPN, macIp("fa:16:3e:00:00:01", Optional.of(ip6), 1000),
                        v4("198.18.0.11"), macAttrs),
                new ExportedRoute(AfiSafi.L2VPN_EVPN, macIp("fa:16:3e:00:00:02", Optional.empty(), 1000),
                        v4("198.18.0.11"), macAttrs),
                new ExportedRoute(AfiSafi.L2VPN_EVPN, macIp("fa:16:3e:00:00:03", Optional.empty(), 1000),
                        v4("198.18.0.12"), macAttrs),
                imet("198.18.0.11", 1000),
                imet("198.18.0.12", 1000));
    }

    private static ExportedRoute imet(String vtep, int vni) {
        return new ExportedRoute(AfiSafi.L2VPN_EVPN, new EvpnRoute.InclusiveMulticast(-1, RD, 0, v4(vtep)), v4(vtep),
                List.of(IGP, new PathAttribute.ExtendedCommunities(List.of(RT, VXLAN)),
                        PathAttribute.PmsiTunnel.ingressReplication(vni, v4(vtep))));
    }

    @ParameterizedTest
    @EnumSource(value = TenantSystemState.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void exportsNothingForATenantSystemThatIsNotRunning(TenantSystemState state) {
        assertThat(EvpnExport.routes(BLUE, List.of(inState("p", "fa:16:3e:00:00:01", "198.18.0.11", state))))
                .isEmpty();
    }

    @Test
    void exportsNothingForARunningTenantSystemWithoutVtep() {
        assertThat(EvpnExport.routes(BLUE, List.of(inState("p", "fa:16:3e:00:00:01", null, TenantSystemState.RUNNING))))
                .isEmpty();
    }

    @Test
    void addsMacMobilityOnlyAfterAMove() {
        Set<ExportedRoute> out = EvpnExport.routes(BLUE, List.of(running("p", "fa:16:3e:00:00:01", "198.18.0.11", 3)));
        ExportedRoute mac = out.iterator().next();
        assertThat(mac.extendedCommunities()).isEqualTo(List.of(RT, VXLAN, new ExtendedCommunity.MacMobility(false, 3)));
        ExportedRoute imet = List.copyOf(out).get(1);
        assertThat(imet.extendedCommunities()).as("IMET routes carry no mobility").isEqualTo(List.of(RT, VXLAN));
    }

    @Test
    void usesTheBgpvpnVniRdTargetsAndLocalPref() {
        BgpVpn vpn = new BgpVpn("v", "p", "", BgpVpnType.L2, List.of("65000:7"), List.of(), List.of("65000:8"),
                List.of("65000:99"), 7000, 150L, 0);
        VnRouting r = vn("net-blue", 1000, DOMAIN_A, 1, vpn);
        List<ExportedRoute> out = List.copyOf(EvpnExport.routes(r, List.of(running("p", "fa:16:3e:00:00:01",
                "198.18.0.11", 0))));
        EvpnRoute.MacIpAdvertisement mac = (EvpnRoute.MacIpAdvertisement) out.get(0).nlri();
        assertThat(mac.label1()).isEqualTo(7000);
        assertThat(mac.rd()).isEqualTo(RouteDistinguisher.parse("65000:99"));
        assertThat(out.get(0).attributes()).contains(new PathAttribute.LocalPref(150));
        assertThat(out.get(0).extendedCommunities()).as("RTs in numeric order, then the encapsulation")
                .containsExactly(ExtendedCommunity.RouteTarget.parse("65000:7"),
                        ExtendedCommunity.RouteTarget.parse("65000:8"), RT, VXLAN);
        PathAttribute.PmsiTunnel pmsi = (PathAttribute.PmsiTunnel) out.get(1).attributes().stream()
                .filter(a -> a instanceof PathAttribute.PmsiTunnel).findFirst().orElseThrow();
        assertThat(pmsi.label()).isEqualTo(7000);
        assertThat(out.get(1).attributes()).extracting(PathAttribute::typeCode).isSorted();
    }

    @Test
    void oneMacClaimedTwiceExportsTheHigherSequence() {
        Set<ExportedRoute> out = EvpnExport.routes(BLUE, List.of(
                running("old", "fa:16:3e:00:00:01", "198.18.0.11", 1),
                running("new", "fa:16:3e:00:00:01", "198.18.0.12", 2)));
        assertThat(out).hasSize(2);
        assertThat(out.iterator().next().nextHop()).isEqualTo(v4("198.18.0.12"));
    }

    @Test
    void theOutputIsTheSameWhateverTheInputOrder() {
        List<LocalTenantSystem> tss = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tss.add(running("p" + i, String.format("fa:16:3e:00:01:%02x", i), "198.18.0." + (10 + i % 4), i % 3,
                    v4("203.0.113." + i)));
        }
        List<ExportedRoute> first = List.copyOf(EvpnExport.routes(BLUE, tss));
        Collections.shuffle(tss, new Random(7));
        assertThat(List.copyOf(EvpnExport.routes(BLUE, tss))).isEqualTo(first);
    }

    @Test
    void aMoveReoriginatesTheMacRoutesAndWithdrawsTheOldImet() {
        Set<ExportedRoute> before = EvpnExport.routes(BLUE, List.of(running("p", "fa:16:3e:00:00:01", "198.18.0.11", 0,
                v4("203.0.113.5"))));
        Set<ExportedRoute> after = EvpnExport.routes(BLUE, List.of(running("p", "fa:16:3e:00:00:01", "198.18.0.12", 1,
                v4("203.0.113.5"))));
        ExportDiff d = ExportDiff.between(before, after);
        assertThat(d.originate()).hasSize(3);
        assertThat(d.originate()).allSatisfy(r -> assertThat(r.nextHop()).isEqualTo(v4("198.18.0.12")));
        assertThat(d.withdraw()).singleElement().satisfies(k -> assertThat(k.nlri())
                .isEqualTo(new EvpnRoute.InclusiveMulticast(-1, RD, 0, v4("198.18.0.11"))));
        assertThat(ExportDiff.between(after, after).isEmpty()).isTrue();
        assertThat(ExportDiff.between(after, Set.of()).withdraw()).hasSize(3);
    }

    @Test
    void aNewAdvertisedVniReplacesTheRoutesWithoutWithdrawingThem() {
        List<LocalTenantSystem> tss = List.of(running("p", "fa:16:3e:00:00:01", "198.18.0.11", 0, v4("203.0.113.5")));
        BgpVpn vni = new BgpVpn("v", "p", "", BgpVpnType.L2, List.of(), List.of(), List.of(), List.of(), 7000, null, 0);
        ExportDiff d = ExportDiff.between(EvpnExport.routes(BLUE, tss),
                EvpnExport.routes(vn("net-blue", 1000, DOMAIN_A, 1, vni), tss));
        assertThat(d.withdraw()).isEmpty();
        assertThat(d.originate()).hasSize(3);
        assertThat(((EvpnRoute.MacIpAdvertisement) d.originate().get(0).nlri()).label1()).isEqualTo(7000);
    }

    @Test
    void twoVnsSharingAnRdKeepTheLowerNetworkIdsRoute() {
        BgpVpn shared = new BgpVpn("v", "p", "", BgpVpnType.L2, List.of("65000:7"), List.of(), List.of(),
                List.of("65000:99"), null, null, 0);
        VnRouting a = vn("net-a", 1000, DOMAIN_A, 1, shared);
        VnRouting b = vn("net-b", 1001, DOMAIN_A, 2, shared);
        EvpnExport.DomainExport out = EvpnExport.routes(Map.of(
                a, List.of(running("p1", "fa:16:3e:00:00:01", "198.18.0.11", 0)),
                b, List.of(running("p2", "fa:16:3e:00:00:02", "198.18.0.11", 0))));
        assertThat(out.routes()).hasSize(3);
        assertThat(out.conflicts()).singleElement().asString().contains("net-b", "kept VN net-a");
        assertThat(EvpnExport.routes(Map.of(BLUE, List.of(), vn("net-x", 5, DOMAIN_A, 2, l2Vpn("x", "65000:1")),
                List.of())).routes()).isEmpty();
    }
}
