package io.nvo3.fib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.fake.FakePipeline;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibClass;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * Small universes on purpose (3 VNs, 6 ports, 4 MACs, 4 NVE ids, shared VTEPs and VNIs) so that random sequences hit
 * the corner cases: duplicate MACs, ports on the tunnel ofport, VNI clashes, BGP routes naming our own VTEPs.
 */
class FibEnginePropertyTest {
    /**
     * Where every sequence starts: three connected NVEs (n3's tunnel is ofport 2, where tenant systems may also
     * claim to be), three VNs, and p1..p6 running across them, so that changes perturb a populated domain.
     */
    static final FibInput START = FibInput.of(
            List.of(new Nve("n1", IpAddresses.parseV4("198.18.0.1"), 1000),
                    new Nve("n2", IpAddresses.parseV4("198.18.0.2"), 1000),
                    new Nve("n3", IpAddresses.parseV4("198.18.0.3"), 2)),
            List.of(new VirtualNetwork("a", 100), new VirtualNetwork("b", 200), new VirtualNetwork("c", 300)),
            List.of(running("p1", "a", 1, "n1", 1), running("p2", "a", 2, "n2", 1), running("p3", "a", 3, "n3", 1),
                    running("p4", "b", 4, "n1", 2), running("p5", "b", 1, "n2", 2), running("p6", "c", 2, "n1", 3)),
            List.of(), List.of());

    private static TenantSystem running(String id, String vn, int mac, String nve, int ofport) {
        return new TenantSystem(id, vn, Topo.mac(mac), List.of(IpAddresses.parse("203.0.113." + ofport)), List.of(),
                mac % 2 == 1, TsState.RUNNING, new TsLocation.Bound(nve, ofport));
    }

    @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
    void incrementalResultEqualsFullRecomputeAfterEveryChange(@ForAll("changes") List<FibChange> changes) {
        FibInput input = START;
        FibEngine engine = FibEngine.start(input);
        assertThat(engine.states()).isEqualTo(Fib.compute(input));
        for (FibChange change : changes) {
            FibInput next;
            try {
                next = input.apply(change);
            } catch (FibInputException e) {
                Map<String, NveState> before = engine.states();
                assertThatThrownBy(() -> engine.apply(change)).isInstanceOf(FibInputException.class);
                assertThat(engine.states()).isEqualTo(before);
                continue;
            }
            Map<String, NveState> before = engine.states();
            FibUpdate update = engine.apply(change);
            Statistics.label("scope").collect(update.scope().getClass().getSimpleName());
            Map<String, NveState> expected = Fib.compute(next);
            assertThat(engine.states()).as("after %s", change).isEqualTo(expected);
            assertUpdateDescribes(update, before, expected);
            input = next;
        }
        assertThat(engine.input()).isEqualTo(input);
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void everyComputedStateLoadsIntoTheStrictPipelineWithUniqueCookieOwners(@ForAll("changes") List<FibChange> changes) {
        FibInput input = START;
        for (FibChange change : changes) {
            try {
                input = input.apply(change);
            } catch (FibInputException e) {
                continue;
            }
        }
        Map<String, NveState> states = Fib.compute(input);
        for (RuleKind rule : List.of(RuleKind.L2_REMOTE, RuleKind.L2_BGP, RuleKind.PORT_SECURITY, RuleKind.SUSPENDED,
                RuleKind.PULL_MISS, RuleKind.ARP_RESPONDER, RuleKind.REDIRECT, RuleKind.CLASSIFY_STITCHED)) {
            Statistics.label(rule.name()).collect(states.values().stream()
                    .anyMatch(s -> s.cookies().values().stream().anyMatch(t -> t.rule() == rule)));
        }
        for (Map.Entry<String, NveState> e : states.entrySet()) {
            NveState s = e.getValue();
            FakePipeline.load(s, input.nves().get(e.getKey()).tunnelOfport());
            // and with every entry the controller could pull on this NVE installed as well
            List<FlowEntry> withPulled = new ArrayList<>(s.flows().values());
            Predicate<FlowEntry> valid = Pull.stillValid(input, e.getKey());
            for (VirtualNetwork vn : input.virtualNetworks().values()) {
                for (int n = 1; n <= 6; n++) {
                    if (Pull.resolve(input, e.getKey(), vn.id(), new PullQuery.UnicastMiss(Topo.mac(n)))
                            instanceof PullResult.Forward f) {
                        withPulled.addAll(f.install());
                        assertThat(f.install()).allMatch(valid);
                    }
                }
            }
            FakePipeline.load(NveState.of(s.systemId(), withPulled, s.groups().values()),
                    input.nves().get(e.getKey()).tunnelOfport());
            s.flows().values().forEach(f -> assertThat(s.cookies()).containsKey(f.cookie()));
            assertThat(s.cookies()).allSatisfy((cookie, trace) -> assertThat(trace.cookie()).isEqualTo(cookie));
        }
    }

    private static void assertUpdateDescribes(FibUpdate update, Map<String, NveState> before,
                                              Map<String, NveState> after) {
        Set<String> ids = new HashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            NveState was = before.get(id);
            NveState now = after.get(id);
            if (now == null) {
                assertThat(update.removed()).contains(id);
            } else if (!now.equals(was)) {
                assertThat(update.changed()).containsEntry(id, now);
            } else {
                assertThat(update.changed()).doesNotContainKey(id);
                assertThat(update.removed()).doesNotContain(id);
            }
        }
        // A delta starts from the state before and gives the reconciler the full diff's answer.
        update.deltas().forEach((id, delta) -> {
            NveState now = update.changed().get(id);
            assertThat(delta.base()).isSameAs(before.get(id));
            assertThat(FibDiff.between(now, delta.base(), f -> false, delta))
                    .isEqualTo(FibDiff.between(now, delta.base()));
            assertThat(FibDiff.between(now, delta.base(), FibDiff.KEEP_PULLED, delta))
                    .isEqualTo(FibDiff.between(now, delta.base(), FibDiff.KEEP_PULLED));
        });
        Statistics.label("deltas").collect(update.deltas().size() == update.changed().size() ? "all" : "some or none");
    }

    @Provide
    Arbitrary<List<FibChange>> changes() {
        Arbitrary<String> nveIds = Arbitraries.of("n1", "n2", "n3", "n4");
        Arbitrary<String> vtepTexts = Arbitraries.of("198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.9.9");
        Arbitrary<String> vnIds = Arbitraries.of("a", "b", "c");
        Arbitrary<Integer> vnis = Arbitraries.of(100, 200, 300, 5000);
        Arbitrary<String> portIds = Arbitraries.of("p1", "p2", "p3", "p4", "p5", "p6");
        Arbitrary<MacAddress> macs = Arbitraries.integers().between(1, 4).map(Topo::mac);

        // Mostly each NVE keeps its own VTEP and tunnel port; sometimes VTEPs collide or move, or the tunnel port
        // lands on a tenant system's ofport.
        Arbitrary<Nve> nves = Combinators.combine(nveIds, Arbitraries.frequency(Tuple.of(4, ""), Tuple.of(1, "random")),
                        vtepTexts, Arbitraries.frequency(Tuple.of(8, 1000), Tuple.of(1, 2)))
                .as((id, how, vtep, port) -> new Nve(id,
                        IpAddresses.parseV4(how.isEmpty() ? "198.18.0." + id.substring(1) : vtep), port));
        Arbitrary<VirtualNetwork> vns = Combinators.combine(vnIds, vnis,
                Arbitraries.frequency(Tuple.of(2, FibMode.PUSH), Tuple.of(1, FibMode.PULL), Tuple.of(1, FibMode.HYBRID)))
                .as(VirtualNetwork::new);
        Arbitrary<Integer> remoteVnis = Arbitraries.of(100, 200, 300, 5000, 5100, 5200);
        Arbitrary<TsLocation> locations = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(TsLocation.UNBOUND)),
                Tuple.of(10, Combinators.combine(nveIds, Arbitraries.integers().between(1, 4)).as(TsLocation.Bound::new)));
        Arbitrary<List<InetAddress>> ips = Arbitraries.of("203.0.113.1", "203.0.113.2", "2001:db8::1")
                .map(IpAddresses::parse).set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<List<AllowedAddressPair>> pairs = Arbitraries.of(
                new AllowedAddressPair(IpPrefix.parse("198.51.100.0/28"), Optional.empty()),
                new AllowedAddressPair(IpPrefix.parse("203.0.113.1"), Optional.of(Topo.mac(4))),
                new AllowedAddressPair(IpPrefix.parse("2001:db8::/64"), Optional.empty()))
                .set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<TenantSystem> tss = Combinators.combine(portIds, Arbitraries.frequency(Tuple.of(6, "a"), Tuple.of(4, "b"), Tuple.of(2, "c"), Tuple.of(1, "zz")), macs, ips,
                        pairs, Arbitraries.of(true, false), Arbitraries.frequency(Tuple.of(14, TsState.RUNNING), Tuple.of(2, TsState.SUSPENDED),
                                Tuple.of(1, TsState.SHUTDOWN), Tuple.of(1, TsState.NOT_DEPLOYED), Tuple.of(1, TsState.SHUT_OFF),
                                Tuple.of(1, TsState.MOVING), Tuple.of(1, TsState.OTHER)), locations)
                .as(TenantSystem::new);
        Arbitrary<TenantSystem> classedTss = Combinators.combine(tss, Arbitraries.of(FibClass.values()))
                .as(TenantSystem::withFibClass);
        Arbitrary<String> bgpVteps = Arbitraries.of("198.18.9.9", "198.18.9.8", "198.18.0.1");
        Arbitrary<RemoteMac> remoteMacs = Combinators.combine(vnIds, Arbitraries.integers().between(1, 6).map(Topo::mac),
                        bgpVteps, remoteVnis)
                .as((vn, mac, vtep, vni) -> new RemoteMac(vn, mac, Optional.empty(), IpAddresses.parseV4(vtep), vni));
        Arbitrary<RemoteFloodMember> floods = Combinators.combine(vnIds, bgpVteps, remoteVnis)
                .as((vn, vtep, vni) -> new RemoteFloodMember(vn, IpAddresses.parseV4(vtep), vni));
        Arbitrary<Redirect> redirects = Combinators.combine(vnIds, macs, nveIds,
                        Arbitraries.of("198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.9.9"), remoteVnis)
                .as((vn, mac, from, vtep, vni) -> new Redirect(vn, mac, from, IpAddresses.parseV4(vtep), vni));

        Arbitrary<FibChange> change = Arbitraries.frequencyOf(
                Tuple.of(12, classedTss.map(FibChange.TsUpserted::new)),
                Tuple.of(2, portIds.map(FibChange.TsRemoved::new)),
                Tuple.of(3, vns.map(FibChange.VnUpserted::new)),
                Tuple.of(1, vnIds.map(FibChange.VnRemoved::new)),
                Tuple.of(2, nves.map(FibChange.NveUp::new)),
                Tuple.of(1, nveIds.map(FibChange.NveDown::new)),
                Tuple.of(2, remoteMacs.map(FibChange.RemoteMacAdded::new)),
                Tuple.of(1, remoteMacs.map(FibChange.RemoteMacRemoved::new)),
                Tuple.of(2, floods.map(FibChange.FloodMemberAdded::new)),
                Tuple.of(1, floods.map(FibChange.FloodMemberRemoved::new)),
                Tuple.of(2, redirects.map(FibChange.RedirectAdded::new)),
                Tuple.of(1, redirects.map(FibChange.RedirectRemoved::new)));
        return change.list().ofMinSize(10).ofMaxSize(60);
    }
}
