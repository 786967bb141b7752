package io.nvo3.fib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A peer's whole table arrives as one batch: recomputing each VN once must equal applying the changes one by one. */
class FibEngineRemoteBatchPropertyTest {

    @Property(tries = 200)
    void aBatchOfRemoteChangesEqualsApplyingThemOneByOne(@ForAll("remoteChanges") List<FibChange> changes) {
        FibEngine oneByOne = FibEngine.start(FibEnginePropertyTest.START);
        int refusedOneByOne = 0;
        for (FibChange c : changes) {
            try {
                oneByOne.apply(c);
            } catch (FibInputException e) {
                refusedOneByOne++;
            }
        }
        FibEngine batched = FibEngine.start(FibEnginePropertyTest.START);
        List<FibInputException> refused = new ArrayList<>();
        FibUpdate update = batched.applyRemote(changes, refused);

        assertThat(batched.states()).isEqualTo(oneByOne.states());
        assertThat(batched.input()).isEqualTo(oneByOne.input());
        assertThat(batched.states()).isEqualTo(Fib.compute(batched.input()));
        assertThat(refused).hasSize(refusedOneByOne);
        update.changed().forEach((nve, state) -> assertThat(batched.states().get(nve)).isEqualTo(state));
    }

    @Provide
    Arbitrary<List<FibChange>> remoteChanges() {
        Arbitrary<String> vns = Arbitraries.of("a", "b", "c");
        // 100/200/300 are the local VNIs of a/b/c: using another VN's VNI must be refused, as one by one.
        Arbitrary<Integer> vnis = Arbitraries.of(100, 200, 300, 5000, 6000);
        Arbitrary<String> vteps = Arbitraries.of("198.18.9.9", "198.18.9.8");
        Arbitrary<RemoteMac> macs = Combinators.combine(vns, Arbitraries.integers().between(1, 40).map(Topo::mac), vteps, vnis)
                .as((vn, mac, vtep, vni) -> new RemoteMac(vn, mac, Optional.empty(), IpAddresses.parseV4(vtep), vni));
        Arbitrary<RemoteFloodMember> floods = Combinators.combine(vns, vteps, vnis)
                .as((vn, vtep, vni) -> new RemoteFloodMember(vn, IpAddresses.parseV4(vtep), vni));
        Arbitrary<FibChange> change = Arbitraries.oneOf(
                macs.map(FibChange.RemoteMacAdded::new), macs.map(FibChange.RemoteMacRemoved::new),
                floods.map(FibChange.FloodMemberAdded::new), floods.map(FibChange.FloodMemberRemoved::new));
        return change.list().ofMinSize(0).ofMaxSize(60);
    }
}
