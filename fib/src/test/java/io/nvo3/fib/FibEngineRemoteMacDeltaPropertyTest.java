package io.nvo3.fib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.diff.StateDelta;
import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteMac;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * BGP-learned MACs added and withdrawn in place ({@link RemoteMacDelta}) must leave exactly the states of a full
 * computation, cookies included, also when cookie tags collide; and the delta each update carries must give the
 * reconciler the same diff as diffing the whole NVE.
 */
class FibEngineRemoteMacDeltaPropertyTest {
    private static final String PEER = "198.18.9.9";
    /** Remote MACs of VN a (VNI 100) at {@link #PEER} whose cookie tags collide, or follow a colliding one. */
    private static final List<MacAddress> COLLIDING = colliding();

    private static String subject(MacAddress mac) {
        return "remote MAC " + mac + " at " + PEER + " VNI 100";
    }

    /** Two (or more) MACs on one natural tag, and the MACs on the next tag, whose place the probing one takes. */
    private static List<MacAddress> colliding() {
        Map<Integer, List<MacAddress>> byTag = new HashMap<>();
        for (int i = 1; i < 400_000; i++) {
            MacAddress mac = new MacAddress(0x02_00_00_10_00_00L + i);
            byTag.computeIfAbsent(SliceBuilder.naturalTag(subject(mac)), k -> new ArrayList<>()).add(mac);
        }
        List<MacAddress> out = new ArrayList<>();
        for (Map.Entry<Integer, List<MacAddress>> e : byTag.entrySet()) {
            List<MacAddress> next = byTag.get(e.getKey() + 1);
            if (e.getValue().size() >= 2 && next != null && out.size() < 8) {
                out.addAll(e.getValue());
                out.addAll(next);
            }
        }
        return List.copyOf(out);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void inPlaceUpdatesEqualFullRecomputeAndTheirDeltasGiveTheFullDiff(
            @ForAll("batches") List<List<FibChange>> batches) {
        FibEngine engine = FibEngine.start(FibEnginePropertyTest.START);
        for (List<FibChange> batch : batches) {
            Map<String, NveState> before = engine.states();
            FibUpdate update = batch.size() == 1 ? applyOne(engine, batch.get(0)) : engine.applyRemote(batch, new ArrayList<>());
            assertThat(engine.states()).isEqualTo(Fib.compute(engine.input()));
            Statistics.label("delta").collect(!update.deltas().isEmpty());
            update.deltas().forEach((systemId, delta) -> {
                NveState now = update.changed().get(systemId);
                assertThat(delta.base()).isSameAs(before.get(systemId));
                assertThat(FibDiff.between(now, delta.base(), f -> false, delta))
                        .isEqualTo(FibDiff.between(now, delta.base()));
                assertThat(FibDiff.between(now, delta.base(), FibDiff.KEEP_PULLED, delta))
                        .isEqualTo(FibDiff.between(now, delta.base(), FibDiff.KEEP_PULLED));
            });
        }
    }

    private static FibUpdate applyOne(FibEngine engine, FibChange change) {
        try {
            return engine.apply(change);
        } catch (FibInputException e) {
            return new FibUpdate(Map.of(), java.util.Set.of(), new FibUpdate.Scope.Full("refused"));
        }
    }

    @Example
    void withdrawingTheMacThatTookACollidingTagGivesItBackToTheOtherMac() {
        FibEngine engine = FibEngine.start(FibEnginePropertyTest.START);
        MacAddress first = COLLIDING.get(0).compareTo(COLLIDING.get(1)) < 0 ? COLLIDING.get(0) : COLLIDING.get(1);
        MacAddress second = first.equals(COLLIDING.get(0)) ? COLLIDING.get(1) : COLLIDING.get(0);
        engine.applyRemote(List.of(added(second), added(first)), new ArrayList<>());
        assertThat(tagOf(engine, second)).isEqualTo(SliceBuilder.naturalTag(subject(second)) + 1);

        FibUpdate update = engine.apply(new FibChange.RemoteMacRemoved(remote(first)));

        assertThat(tagOf(engine, second)).isEqualTo(SliceBuilder.naturalTag(subject(second)));
        assertThat(engine.states()).isEqualTo(Fib.compute(engine.input()));
        assertThat(update.changed()).containsKeys("n1", "n2", "n3");
    }

    @Example
    void addingAndWithdrawingARemoteMacChangesOnlyItsEntryWithADelta() {
        FibEngine engine = FibEngine.start(FibEnginePropertyTest.START);
        MacAddress mac = Topo.mac(33);
        FibUpdate added = engine.apply(new FibChange.RemoteMacAdded(new RemoteMac("a", mac, Optional.empty(),
                IpAddresses.parseV4("198.18.9.8"), 100)));

        assertThat(added.deltas()).containsOnlyKeys("n1", "n2", "n3");
        StateDelta delta = added.deltas().get("n1");
        assertThat(FibDiff.between(added.changed().get("n1"), delta.base()).flowsToAdd())
                .singleElement().satisfies(f -> assertThat(CookieTrace.decode(f.cookie()).orElseThrow().rule())
                        .isEqualTo(RuleKind.L2_BGP));
        assertThat(delta.flows()).hasSize(1);
        FibUpdate removed = engine.apply(new FibChange.RemoteMacRemoved(new RemoteMac("a", mac, Optional.empty(),
                IpAddresses.parseV4("198.18.9.8"), 100)));
        assertThat(removed.changed().get("n1")).isEqualTo(delta.base());
        assertThat(engine.states()).isEqualTo(Fib.compute(engine.input()));
    }

    private static int tagOf(FibEngine engine, MacAddress mac) {
        return engine.states().get("n1").flows().values().stream().map(FlowEntry::cookie)
                .map(c -> engine.states().get("n1").trace(c).orElseThrow())
                .filter(t -> t.subject().equals(Optional.of(subject(mac)))).findFirst().orElseThrow().tag();
    }

    private static RemoteMac remote(MacAddress mac) {
        return new RemoteMac("a", mac, Optional.empty(), IpAddresses.parseV4(PEER), 100);
    }

    private static FibChange added(MacAddress mac) {
        return new FibChange.RemoteMacAdded(remote(mac));
    }

    @Provide
    Arbitrary<List<List<FibChange>>> batches() {
        // Local MACs (1..6 are the tenant systems' MACs) claim first; 198.18.0.1 is our own VTEP (ignored); VNI 5000
        // is a stitched VNI (a new tunnel VNI: the VN is recomputed); VN b in the same batches.
        Arbitrary<RemoteMac> plain = Combinators.combine(Arbitraries.of("a", "a", "b"),
                        Arbitraries.integers().between(1, 12).map(Topo::mac),
                        Arbitraries.of(PEER, "198.18.9.8", "198.18.0.1"), Arbitraries.of(100, 100, 100, 5000))
                .as((vn, mac, vtep, vni) -> new RemoteMac(vn, mac, Optional.empty(), IpAddresses.parseV4(vtep),
                        vn.equals("b") && vni == 100 ? 200 : vni));
        Arbitrary<RemoteMac> colliding = Arbitraries.of(COLLIDING).map(FibEngineRemoteMacDeltaPropertyTest::remote);
        Arbitrary<RemoteMac> macs = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, plain), net.jqwik.api.Tuple.of(3, colliding));
        Arbitrary<FibChange> change = Arbitraries.oneOf(macs.map(FibChange.RemoteMacAdded::new),
                macs.map(FibChange.RemoteMacRemoved::new));
        return change.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(25);
    }
}
