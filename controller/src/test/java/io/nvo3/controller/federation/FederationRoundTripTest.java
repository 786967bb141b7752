package io.nvo3.controller.federation;

import static io.nvo3.controller.federation.Fixtures.DOMAIN_A;
import static io.nvo3.controller.federation.Fixtures.DOMAIN_B;
import static io.nvo3.controller.federation.Fixtures.mapped;
import static io.nvo3.controller.federation.Fixtures.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.controller.federation.export.EvpnExport;
import io.nvo3.controller.federation.export.ExportedRoute;
import io.nvo3.controller.federation.export.LocalTenantSystem;
import io.nvo3.controller.federation.imports.EvpnImport;
import io.nvo3.controller.federation.imports.ImportDiff;
import io.nvo3.controller.federation.imports.ImportPolicy;
import io.nvo3.controller.federation.imports.ImportSnapshot;
import io.nvo3.controller.federation.imports.ReceivedEvpnRoute;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.model.TenantSystemState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Export in domain A, carry the routes over BGP (next hops as FRR sends them or not), import in domain B
 * through a BGPVPN that imports A's route target: B learns exactly A's MAC → VTEP mapping with A's VNI.
 */
class FederationRoundTripTest {
    private static final Set<Inet4Address> B_VTEPS = Set.of(v4("198.18.2.1"), v4("198.18.2.2"));

    record Ts(int macLow, int vtep, List<Integer> ipHosts, int seq, boolean running) {}

    @Provide
    Arbitrary<List<Ts>> tenantSystems() {
        Arbitrary<Ts> ts = Combinators.combine(
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 254).list().ofMaxSize(2).uniqueElements(),
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, true, true, false)).as(Ts::new);
        return ts.list().ofMaxSize(25);
    }

    @Provide
    Arbitrary<Integer> vnis() {
        return Arbitraries.integers().between(1, 0xff_ffff);
    }

    private static LocalTenantSystem local(int i, Ts t) {
        List<InetAddress> ips = new ArrayList<>();
        t.ipHosts().forEach(h -> ips.add(v4("203.0.113." + h)));
        return new LocalTenantSystem("port-" + i, new MacAddress(0xfa163e000000L | t.macLow()), ips,
                t.running() ? TenantSystemState.RUNNING : TenantSystemState.SHUT_OFF,
                Optional.of(v4("198.18.1." + t.vtep())), t.seq());
    }

    private static List<ReceivedEvpnRoute> carry(Set<ExportedRoute> routes, boolean frrNextHops) {
        List<ReceivedEvpnRoute> out = new ArrayList<>();
        for (ExportedRoute r : routes) {
            InetAddress nh = frrNextHops ? mapped(r.nextHop().getHostAddress()) : r.nextHop();
            out.add(new ReceivedEvpnRoute(r.nlri(), nh, r.attributes(), Optional.of(DOMAIN_A.routerId())));
        }
        return out;
    }

    @Property(tries = 300)
    void importOfAnExportGivesBackTheMacToVtepMapping(@ForAll("tenantSystems") List<Ts> tss,
                                                      @ForAll("vnis") int vniA, @ForAll("vnis") int vniB,
                                                      @ForAll boolean frrNextHops) {
        VnRouting a = VnRoutings.compute("net-a", vniA, 1, DOMAIN_A, List.of());
        BgpVpn join = new BgpVpn("vpn", "p", "", BgpVpnType.L2, List.of("65001:" + vniA), List.of(), List.of(),
                List.of(), null, null, 0);
        VnRouting b = VnRoutings.compute("net-b", vniB, 1, DOMAIN_B, List.of(join));
        List<LocalTenantSystem> locals = new ArrayList<>();
        for (int i = 0; i < tss.size(); i++) {
            locals.add(local(i, tss.get(i)));
        }

        ImportSnapshot s = EvpnImport.compute(carry(EvpnExport.routes(a, locals), frrNextHops), List.of(b),
                ImportPolicy.of(B_VTEPS));

        // expected: per MAC, the running TS with the highest sequence, then lowest VTEP, then port id
        Map<Long, LocalTenantSystem> winner = new TreeMap<>();
        Comparator<LocalTenantSystem> pref = Comparator.comparingLong(LocalTenantSystem::mobilitySequence).reversed()
                .thenComparing(t -> t.vtep().orElseThrow().getAddress()[3] & 0xff)
                .thenComparing(LocalTenantSystem::portId);
        for (LocalTenantSystem t : locals) {
            if (t.exported()) {
                winner.merge(t.mac().bits(), t, (x, y) -> pref.compare(x, y) <= 0 ? x : y);
            }
        }
        Set<RemoteMac> macs = new HashSet<>();
        Set<RemoteFloodMember> floods = new HashSet<>();
        for (LocalTenantSystem t : winner.values()) {
            Inet4Address vtep = t.vtep().orElseThrow();
            io.nvo3.fib.input.MacAddress mac = new io.nvo3.fib.input.MacAddress(t.mac().bits());
            macs.add(new RemoteMac("net-b", mac, Optional.empty(), vtep, vniA));
            t.fixedIps().forEach(ip -> macs.add(new RemoteMac("net-b", mac, Optional.of(ip), vtep, vniA)));
            floods.add(new RemoteFloodMember("net-b", vtep, vniA));
        }
        assertThat(s.skipped()).isEmpty();
        assertThat(s.remoteMacs()).containsExactlyInAnyOrderElementsOf(macs);
        assertThat(s.floodMembers()).containsExactlyInAnyOrderElementsOf(floods);
    }

    @Property(tries = 200)
    void applyingTheDiffToTheOldStateGivesTheNewState(@ForAll("tenantSystems") List<Ts> before,
                                                      @ForAll("tenantSystems") List<Ts> after,
                                                      @ForAll boolean frrNextHops) {
        VnRouting a = VnRoutings.compute("net-a", 5000, 1, DOMAIN_A, List.of());
        VnRouting b = VnRoutings.compute("net-b", 6000, 1, DOMAIN_B, List.of(new BgpVpn("vpn", "p", "",
                BgpVpnType.L2, List.of("65001:5000"), List.of(), List.of(), List.of(), null, null, 0)));
        ImportSnapshot s1 = snapshot(a, b, before, frrNextHops);
        ImportSnapshot s2 = snapshot(a, b, after, !frrNextHops);

        Set<RemoteMac> macs = new HashSet<>(s1.remoteMacs());
        Set<RemoteFloodMember> floods = new HashSet<>(s1.floodMembers());
        boolean removing = false;
        for (FibChange c : ImportDiff.between(s1, s2)) {
            switch (c) {
                case FibChange.RemoteMacAdded x -> assertThat(!removing && macs.add(x.remoteMac())).isTrue();
                case FibChange.FloodMemberAdded x -> assertThat(!removing && floods.add(x.member())).isTrue();
                case FibChange.RemoteMacRemoved x -> {
                    removing = true;
                    assertThat(macs.remove(x.remoteMac())).isTrue();
                }
                case FibChange.FloodMemberRemoved x -> {
                    removing = true;
                    assertThat(floods.remove(x.member())).isTrue();
                }
                default -> throw new AssertionError("import never emits " + c);
            }
        }
        assertThat(macs).isEqualTo(s2.remoteMacs());
        assertThat(floods).isEqualTo(s2.floodMembers());
    }

    private static ImportSnapshot snapshot(VnRouting a, VnRouting b, List<Ts> tss, boolean frr) {
        List<LocalTenantSystem> locals = new ArrayList<>();
        for (int i = 0; i < tss.size(); i++) {
            locals.add(local(i, tss.get(i)));
        }
        return EvpnImport.compute(carry(EvpnExport.routes(a, locals), frr), List.of(b), ImportPolicy.of(B_VTEPS));
    }
}
