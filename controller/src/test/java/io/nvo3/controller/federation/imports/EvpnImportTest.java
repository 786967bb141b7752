package io.nvo3.controller.federation.imports;

import static io.nvo3.controller.federation.Fixtures.DOMAIN_A;
import static io.nvo3.controller.federation.Fixtures.compatible;
import static io.nvo3.controller.federation.Fixtures.l2Vpn;
import static io.nvo3.controller.federation.Fixtures.mapped;
import static io.nvo3.controller.federation.Fixtures.v4;
import static io.nvo3.controller.federation.Fixtures.vn;
import static io.nvo3.controller.federation.imports.Routes.MPLS;
import static io.nvo3.controller.federation.imports.Routes.PEER;
import static io.nvo3.controller.federation.imports.Routes.VXLAN;
import static io.nvo3.controller.federation.imports.Routes.imet;
import static io.nvo3.controller.federation.imports.Routes.ir;
import static io.nvo3.controller.federation.imports.Routes.mac;
import static io.nvo3.controller.federation.imports.Routes.rt;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvpnImportTest {
    /** Local VN "red" (VNI 100) imports the remote domain's RT 65002:2000 through a BGPVPN. */
    static final VnRouting RED = vn("net-red", 100, DOMAIN_A, 1, l2Vpn("vpn", "65002:2000"));
    static final VnRouting GREEN = vn("net-green", 200, DOMAIN_A, 2, l2Vpn("vpn2", "65002:3000"));
    static final ImportPolicy POLICY = ImportPolicy.of(Set.of(v4("198.18.0.11"), v4("198.18.0.12")));
    static final ExtendedCommunity RT = rt("65002:2000");

    private static ImportSnapshot run(ReceivedEvpnRoute... routes) {
        return EvpnImport.compute(List.of(routes), List.of(RED), POLICY);
    }

    private static RemoteMac remote(String vn, String mac, String ip, String vtep, int vni) {
        return new RemoteMac(vn, MacAddress.parse(mac), ip == null ? Optional.empty() : Optional.of(v4(ip)), v4(vtep), vni);
    }

    @Test
    void mapsMacAndImetRoutesToTheVnsImportingTheirTargets() {
        ImportSnapshot s = EvpnImport.compute(List.of(
                mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.21"), RT, VXLAN),
                mac("fa:16:3e:00:00:01", "203.0.113.9", 2000, v4("198.18.0.21"), RT, VXLAN),
                imet(v4("198.18.0.21"), ir(2000, "198.18.0.21"), RT, VXLAN),
                mac("fa:16:3e:00:00:02", null, 3000, v4("198.18.0.22"), rt("65002:3000"), VXLAN),
                imet(v4("198.18.0.22"), ir(3000, "198.18.0.22"), rt("65002:3000"), VXLAN)), List.of(GREEN, RED), POLICY);
        assertThat(s.remoteMacs()).containsExactly(
                remote("net-green", "fa:16:3e:00:00:02", null, "198.18.0.22", 3000),
                remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.21", 2000),
                remote("net-red", "fa:16:3e:00:00:01", "203.0.113.9", "198.18.0.21", 2000));
        assertThat(s.floodMembers()).containsExactly(
                new RemoteFloodMember("net-green", v4("198.18.0.22"), 3000),
                new RemoteFloodMember("net-red", v4("198.18.0.21"), 2000));
        assertThat(s.skipped()).isEmpty();
    }

    @Test
    void aRemoteVniMayServeOnlyOneLocalVn() {
        ReceivedEvpnRoute both = mac("fa:16:3e:00:00:03", null, 4000, v4("198.18.0.23"), RT, rt("65002:3000"), VXLAN);
        ReceivedEvpnRoute greensVni = mac("fa:16:3e:00:00:04", null, 200, v4("198.18.0.23"), RT, VXLAN);
        ImportSnapshot s = EvpnImport.compute(List.of(both, greensVni), List.of(RED, GREEN), POLICY);
        assertThat(s.remoteMacs()).as("the lower VN id keeps a VNI two VNs import")
                .containsExactly(remote("net-green", "fa:16:3e:00:00:03", null, "198.18.0.23", 4000));
        assertThat(s.skipped()).extracting(SkippedRoute::reason).containsOnly(SkipReason.VNI_CLASH);
        assertThat(s.skipped()).extracting(SkippedRoute::detail).containsExactlyInAnyOrder(
                "VNI 4000 imported into net-red is already imported into net-green",
                "VNI 200 imported into net-red is the VNI of local VN net-green");
        assertThat(s.errors()).hasSize(2);
    }

    @Test
    void unmapsFrrsIpv4MappedNextHop() {
        ImportSnapshot s = run(mac("fa:16:3e:00:00:01", null, 2000, mapped("198.18.0.21"), RT, VXLAN),
                imet(mapped("198.18.0.21"), ir(2000, "198.18.0.21"), RT, VXLAN));
        assertThat(s.remoteMacs()).containsExactly(remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.21", 2000));
        assertThat(s.floodMembers()).containsExactly(new RemoteFloodMember("net-red", v4("198.18.0.21"), 2000));
    }

    @Test
    void assumesVxlanWhenNoEncapsulationIsSentUnlessThePolicySaysOtherwise() {
        ReceivedEvpnRoute bare = mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.21"), RT);
        assertThat(run(bare).remoteMacs()).hasSize(1);
        ImportSnapshot strict = EvpnImport.compute(List.of(bare), List.of(RED),
                new ImportPolicy(POLICY.ownVteps(), false));
        assertThat(strict.remoteMacs()).isEmpty();
        assertThat(strict.skipped()).singleElement().extracting(SkippedRoute::reason)
                .isEqualTo(SkipReason.MISSING_ENCAPSULATION);
    }

    static Stream<Arguments> unusableRoutes() {
        return Stream.of(
                Arguments.of("IPv6 next hop", mac("fa:16:3e:00:00:09", null, 2000, compatible("198.18.0.21"), RT, VXLAN),
                        SkipReason.BAD_NEXT_HOP),
                Arguments.of("loopback next hop", mac("fa:16:3e:00:00:09", null, 2000, v4("127.0.0.1"), RT, VXLAN),
                        SkipReason.BAD_NEXT_HOP),
                Arguments.of("unspecified next hop", mac("fa:16:3e:00:00:09", null, 2000, v4("0.0.0.0"), RT, VXLAN),
                        SkipReason.BAD_NEXT_HOP),
                Arguments.of("multicast next hop", mac("fa:16:3e:00:00:09", null, 2000, v4("224.0.0.5"), RT, VXLAN),
                        SkipReason.BAD_NEXT_HOP),
                Arguments.of("VNI 0", mac("fa:16:3e:00:00:09", null, 0, v4("198.18.0.21"), RT, VXLAN),
                        SkipReason.BAD_VNI),
                Arguments.of("IMET VNI 0", imet(v4("198.18.0.21"), ir(0, "198.18.0.21"), RT, VXLAN), SkipReason.BAD_VNI),
                Arguments.of("MPLS only", mac("fa:16:3e:00:00:09", null, 2000, v4("198.18.0.21"), RT, MPLS),
                        SkipReason.NOT_VXLAN),
                Arguments.of("group MAC", mac("01:00:5e:00:00:09", null, 2000, v4("198.18.0.21"), RT, VXLAN),
                        SkipReason.BAD_MAC),
                Arguments.of("IMET without PMSI", imet(v4("198.18.0.21"), null, RT, VXLAN), SkipReason.BAD_PMSI_TUNNEL),
                Arguments.of("PMSI not ingress replication", imet(v4("198.18.0.21"),
                        new PathAttribute.PmsiTunnel(0, 3, 2000, Bytes.of(v4("198.18.0.21").getAddress())), RT, VXLAN),
                        SkipReason.BAD_PMSI_TUNNEL),
                Arguments.of("PMSI endpoint IPv6", imet(v4("198.18.0.21"), new PathAttribute.PmsiTunnel(0, 6, 2000,
                        Bytes.of(compatible("198.18.0.21").getAddress())), RT, VXLAN), SkipReason.BAD_PMSI_TUNNEL),
                Arguments.of("our own MAC route", mac("fa:16:3e:00:00:09", null, 2000, v4("198.18.0.11"), RT, VXLAN),
                        SkipReason.OWN_ROUTE),
                Arguments.of("our own MAC route, FRR-mapped", mac("fa:16:3e:00:00:09", null, 2000, mapped("198.18.0.12"),
                        RT, VXLAN), SkipReason.OWN_ROUTE),
                Arguments.of("our own IMET endpoint", imet(v4("198.18.0.21"), ir(2000, "198.18.0.12"), RT, VXLAN),
                        SkipReason.OWN_ROUTE),
                Arguments.of("no imported RT", mac("fa:16:3e:00:00:09", null, 2000, v4("198.18.0.21"), rt("65002:9"),
                        VXLAN), SkipReason.NO_MATCHING_VN),
                Arguments.of("Ethernet A-D route", new ReceivedEvpnRoute(new EvpnRoute.EthernetAd(-1,
                        RouteDistinguisher.parse("198.18.0.2:1"), Esi.ZERO, 0, 2000), v4("198.18.0.21"),
                        Routes.attrs(List.of(RT, VXLAN)), PEER), SkipReason.UNSUPPORTED_ROUTE_TYPE),
                Arguments.of("unknown route type", new ReceivedEvpnRoute(new EvpnRoute.UnknownRoute(-1, 42,
                        Bytes.of(new byte[] {1, 2})), v4("198.18.0.21"), Routes.attrs(List.of(RT, VXLAN)), PEER),
                        SkipReason.UNSUPPORTED_ROUTE_TYPE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableRoutes")
    void skipsAnUnusableRouteWithItsReasonAndKeepsTheOthers(String what, ReceivedEvpnRoute bad, SkipReason reason) {
        ReceivedEvpnRoute good = mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.21"), RT, VXLAN);
        ImportSnapshot s = run(bad, good);
        assertThat(s.remoteMacs()).containsExactly(remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.21", 2000));
        assertThat(s.floodMembers()).isEmpty();
        assertThat(s.skipped()).singleElement().satisfies(k -> {
            assertThat(k.reason()).isEqualTo(reason);
            assertThat(k.route()).isEqualTo(bad);
            assertThat(k.detail()).isNotBlank();
        });
        assertThat(s.errors()).hasSize(reason.error() ? 1 : 0);
    }

    @Test
    void theHighestMobilitySequenceWinsOverALowerVtep() {
        ImportSnapshot s = run(
                mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.21"), RT, VXLAN),
                mac("fa:16:3e:00:00:01", "203.0.113.9", 2000, v4("198.18.0.21"), RT, VXLAN),
                mac("fa:16:3e:00:00:01", null, 2001, v4("198.18.0.22"), RT, VXLAN,
                        new ExtendedCommunity.MacMobility(false, 1)),
                mac("fa:16:3e:00:00:01", "203.0.113.9", 2001, v4("198.18.0.22"), RT, VXLAN,
                        new ExtendedCommunity.MacMobility(false, 1)));
        assertThat(s.remoteMacs()).containsExactly(
                remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.22", 2001),
                remote("net-red", "fa:16:3e:00:00:01", "203.0.113.9", "198.18.0.22", 2001));
        assertThat(s.macRoutes()).hasSize(4).filteredOn(MacRoute::selected).hasSize(2)
                .allSatisfy(m -> assertThat(m.sequence()).isEqualTo(1));
    }

    @Test
    void withEqualSequencesTheLowestVtepWins() {
        ImportSnapshot s = run(
                mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.30"), RT, VXLAN, new ExtendedCommunity.MacMobility(false, 4)),
                mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.4"), RT, VXLAN, new ExtendedCommunity.MacMobility(false, 4)),
                mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.200"), RT, VXLAN, new ExtendedCommunity.MacMobility(false, 4)));
        assertThat(s.remoteMacs()).containsExactly(remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.4", 2000));
    }

    @Test
    void keepsTypeFiveRoutesForLaterWithTheVnsTheyMatch() {
        EvpnRoute.IpPrefixRoute p = new EvpnRoute.IpPrefixRoute(-1, RouteDistinguisher.parse("198.18.0.2:9"), Esi.ZERO,
                0, v4("203.0.113.0"), 24, v4("0.0.0.0"), 2000);
        ReceivedEvpnRoute r = new ReceivedEvpnRoute(p, v4("198.18.0.21"), Routes.attrs(List.of(RT, VXLAN)), PEER);
        ImportSnapshot s = run(r);
        assertThat(s.remoteMacs()).isEmpty();
        assertThat(s.ipPrefixRoutes()).containsExactly(new KeptIpPrefix(p, r, List.of("net-red")));
        assertThat(RemoteRibView.of(s, "net-red").ipPrefixes()).hasSize(1);
    }

    @Test
    void theSnapshotDoesNotDependOnTheOrderOfTheRoutes() {
        List<ReceivedEvpnRoute> routes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            routes.add(mac(String.format("fa:16:3e:00:02:%02x", i % 13), i % 2 == 0 ? null : "203.0.113." + i, 2000 + i % 3,
                    v4("198.18.0." + (20 + i % 5)), RT, VXLAN, new ExtendedCommunity.MacMobility(false, i % 4)));
            routes.add(imet(v4("198.18.0." + (20 + i % 5)), ir(2000, "198.18.0." + (20 + i % 5)), RT, VXLAN));
        }
        ImportSnapshot first = EvpnImport.compute(routes, List.of(RED, GREEN), POLICY);
        Collections.shuffle(routes, new Random(3));
        ImportSnapshot again = EvpnImport.compute(routes, List.of(GREEN, RED), POLICY);
        assertThat(again).isEqualTo(first);
        assertThat(List.copyOf(again.remoteMacs())).isEqualTo(List.copyOf(first.remoteMacs()));
        assertThat(ImportDiff.between(first, again)).isEmpty();
    }

    @Test
    void theDiffAddsFirstThenRemovesAndAMoveIsBoth() {
        ImportSnapshot before = run(mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.21"), RT, VXLAN),
                imet(v4("198.18.0.21"), ir(2000, "198.18.0.21"), RT, VXLAN));
        ImportSnapshot after = run(mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.22"), RT, VXLAN,
                        new ExtendedCommunity.MacMobility(false, 1)),
                imet(v4("198.18.0.22"), ir(2000, "198.18.0.22"), RT, VXLAN));
        assertThat(ImportDiff.between(before, after)).containsExactly(
                new FibChange.RemoteMacAdded(remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.22", 2000)),
                new FibChange.FloodMemberAdded(new RemoteFloodMember("net-red", v4("198.18.0.22"), 2000)),
                new FibChange.RemoteMacRemoved(remote("net-red", "fa:16:3e:00:00:01", null, "198.18.0.21", 2000)),
                new FibChange.FloodMemberRemoved(new RemoteFloodMember("net-red", v4("198.18.0.21"), 2000)));
        assertThat(ImportDiff.initial(before)).hasSize(2);
        assertThat(ImportDiff.between(after, ImportSnapshot.EMPTY)).allMatch(
                c -> c instanceof FibChange.RemoteMacRemoved || c instanceof FibChange.FloodMemberRemoved);
    }

    @Test
    void theRibViewShowsPeerNextHopAndSelection() {
        ImportSnapshot s = run(
                mac("fa:16:3e:00:00:01", null, 2000, mapped("198.18.0.21"), RT, VXLAN),
                mac("fa:16:3e:00:00:01", null, 2000, v4("198.18.0.22"), RT, VXLAN, new ExtendedCommunity.MacMobility(false, 2)),
                imet(v4("198.18.0.22"), ir(2000, "198.18.0.22"), RT, VXLAN));
        RemoteRibView.VnView red = RemoteRibView.perVn(s).get("net-red");
        assertThat(red.macs()).extracting(MacRoute::vtep, MacRoute::nextHop, MacRoute::peer, MacRoute::selected)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(v4("198.18.0.21"), mapped("198.18.0.21"), PEER, false),
                        org.assertj.core.groups.Tuple.tuple(v4("198.18.0.22"), (InetAddress) v4("198.18.0.22"), PEER, true));
        assertThat(red.floodMembers()).extracting(FloodRoute::vtep).containsExactly(v4("198.18.0.22"));
        assertThat(RemoteRibView.of(s, "net-none").macs()).isEmpty();
    }
}
