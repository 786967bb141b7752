package io.nvo3.controller.federation.imports;

import static io.nvo3.controller.federation.Fixtures.DOMAIN_A;
import static io.nvo3.controller.federation.Fixtures.compatible;
import static io.nvo3.controller.federation.Fixtures.l2Vpn;
import static io.nvo3.controller.federation.Fixtures.mapped;
import static io.nvo3.controller.federation.Fixtures.v4;
import static io.nvo3.controller.federation.Fixtures.vn;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.controller.federation.VnRouting;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives, import never throws, keeps bad routes to themselves and hands the FIB only valid entries. */
class EvpnImportRobustnessTest {
    static final List<VnRouting> VNS = List.of(vn("net-red", 100, DOMAIN_A, 1, l2Vpn("a", "65002:2000")),
            vn("net-green", 200, DOMAIN_A, 2, l2Vpn("b", "65002:3000", "65002:2000")));
    static final ImportPolicy POLICY = ImportPolicy.of(java.util.Set.of(v4("198.18.0.11")));
    static final List<InetAddress> NEXT_HOPS = List.of(v4("198.18.0.21"), v4("198.18.0.22"), mapped("198.18.0.23"),
            compatible("198.18.0.24"), v4("127.0.0.1"), v4("0.0.0.0"), v4("224.0.0.5"), v4("198.18.0.11"),
            mapped("198.18.0.11"));
    static final List<ExtendedCommunity> COMMUNITIES = List.of(ExtendedCommunity.RouteTarget.parse("65002:2000"),
            ExtendedCommunity.RouteTarget.parse("65002:3000"), ExtendedCommunity.RouteTarget.parse("65002:9"),
            Routes.VXLAN, Routes.MPLS, new ExtendedCommunity.MacMobility(false, 1),
            new ExtendedCommunity.MacMobility(true, 7), new ExtendedCommunity.Unknown(Bytes.ofHex("0302000000000001")));

    @Provide
    Arbitrary<ReceivedEvpnRoute> routes() {
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        Arbitrary<InetAddress> nh = Arbitraries.of(NEXT_HOPS);
        Arbitrary<Integer> label = Arbitraries.oneOf(Arbitraries.of(0, 1, 100, 200, 2000, 3000, 0xffffff),
                Arbitraries.integers().between(0, 0xffffff));
        Arbitrary<Long> mac = Arbitraries.longs().between(0, 0xffff_ffff_ffffL);
        Arbitrary<List<ExtendedCommunity>> ecs = Arbitraries.of(COMMUNITIES).list().ofMaxSize(4);
        Arbitrary<Integer> pmsiKind = Arbitraries.integers().between(0, 3);
        return Combinators.combine(kind, nh, label, mac, ecs, pmsiKind).as((k, n, l, m, e, p) -> {
            RouteDistinguisher rd = RouteDistinguisher.parse("198.18.0.2:" + (l % 65536));
            EvpnRoute nlri = switch (k) {
                case 0 -> new EvpnRoute.MacIpAdvertisement(-1, rd, Esi.ZERO, 0, new MacAddress(m),
                        m % 3 == 0 ? Optional.of(v4("203.0.113." + (m % 250 + 1))) : Optional.empty(), l,
                        OptionalInt.empty());
                case 1 -> new EvpnRoute.InclusiveMulticast(-1, rd, 0, n);
                case 2 -> new EvpnRoute.IpPrefixRoute(-1, rd, Esi.ZERO, 0, v4("203.0.113.0"), 24, v4("0.0.0.0"), l);
                case 3 -> new EvpnRoute.EthernetAd(-1, rd, Esi.ZERO, 0, l);
                default -> new EvpnRoute.UnknownRoute(-1, 9, Bytes.of(new byte[] {1}));
            };
            List<PathAttribute> attrs = new ArrayList<>(Routes.attrs(e));
            switch (p) {
                case 1 -> attrs.add(PathAttribute.PmsiTunnel.ingressReplication(l, n));
                case 2 -> attrs.add(new PathAttribute.PmsiTunnel(0, 3, l, Bytes.of(new byte[] {1, 2, 3})));
                case 3 -> attrs.add(new PathAttribute.PmsiTunnel(0, 6, l, Bytes.of(new byte[7])));
                default -> { }
            }
            return new ReceivedEvpnRoute(nlri, n, attrs, Routes.PEER);
        });
    }

    @Property(tries = 300)
    void neverThrowsAndOnlyHandsValidEntriesToTheFib(@ForAll("routeLists") List<ReceivedEvpnRoute> routes) {
        ImportSnapshot s = EvpnImport.compute(routes, VNS, POLICY);
        assertThat(s.skipped()).allSatisfy(k -> assertThat(k.detail()).isNotBlank());
        assertThat(s.remoteMacs()).allSatisfy(m -> {
            assertThat(m.vni()).isBetween(1, 0xffffff);
            assertThat(POLICY.ownVteps()).doesNotContain(m.vtep());
            assertThat(m.mac().isMulticast()).isFalse();
        });
        assertThat(s.floodMembers()).allSatisfy(f -> assertThat(POLICY.ownVteps()).doesNotContain(f.vtep()));
        // a remote VNI belongs to one VN only, and never to another VN's own VNI
        java.util.Map<Integer, String> vniOwner = new java.util.HashMap<>();
        VNS.forEach(v -> vniOwner.put(v.localVni(), v.networkId()));
        s.remoteMacs().forEach(m -> assertThat(vniOwner.merge(m.vni(), m.vnId(), (a, b) -> a)).isEqualTo(m.vnId()));
        s.floodMembers().forEach(m -> assertThat(vniOwner.merge(m.vni(), m.vnId(), (a, b) -> a)).isEqualTo(m.vnId()));

        List<ReceivedEvpnRoute> shuffled = new ArrayList<>(routes);
        Collections.shuffle(shuffled, new Random(routes.size()));
        assertThat(EvpnImport.compute(shuffled, VNS, POLICY)).isEqualTo(s);
    }

    /**
     * A memo carried from one import to the next (routes arriving, leaving, the VNs or the own VTEPs changing) gives
     * exactly the import computed afresh, step by step — in the same order (Set iteration included).
     */
    @Property(tries = 200)
    void aMemoCarriedAcrossChangesGivesTheFreshResult(@ForAll("routeLists") List<ReceivedEvpnRoute> pool,
                                                       @ForAll("steps") List<Integer> steps) {
        EvpnImport.Memo memo = new EvpnImport.Memo();
        List<ReceivedEvpnRoute> present = new ArrayList<>();
        List<VnRouting> vns = VNS;
        ImportPolicy policy = POLICY;
        for (int step : steps) {
            if (!pool.isEmpty() && step < 60) {
                ReceivedEvpnRoute r = pool.get(step % pool.size());
                if (!present.remove(r)) {
                    present.add(r);
                }
            } else if (step < 75) {
                vns = vns.size() == 2 ? VNS.subList(0, 1) : VNS;
            } else if (step < 90) {
                policy = policy.equals(POLICY) ? ImportPolicy.of(java.util.Set.of(v4("198.18.0.21"))) : POLICY;
            } else if (!present.isEmpty()) {
                Collections.shuffle(present, new Random(step)); // another arrival order of the same routes
            }
            ImportSnapshot fresh = EvpnImport.compute(present, vns, policy);
            ImportSnapshot memoised = EvpnImport.compute(present, vns, policy, memo);
            assertThat(memoised).isEqualTo(fresh);
            assertThat(List.copyOf(memoised.remoteMacs())).isEqualTo(List.copyOf(fresh.remoteMacs()));
            assertThat(List.copyOf(memoised.floodMembers())).isEqualTo(List.copyOf(fresh.floodMembers()));
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 99).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<ReceivedEvpnRoute>> routeLists() {
        return routes().list().ofMaxSize(30);
    }
}
