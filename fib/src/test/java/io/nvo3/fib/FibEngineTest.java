package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE3;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TsState;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FibEngineTest {
    @Test
    void aVmStartingRecomputesOnlyItsVnAndReportsOnlyTheNvesThatChanged() {
        Topo.Builder b = new Topo.Builder().state("vm3", TsState.NOT_DEPLOYED);
        FibEngine engine = FibEngine.start(b.build());

        FibUpdate update = engine.apply(new FibChange.TsUpserted(b.get("vm3").withState(TsState.RUNNING)));

        assertThat(update.scope()).isEqualTo(new FibUpdate.Scope.Incremental(Set.of("net-a"), Set.of()));
        assertThat(update.changed()).containsOnlyKeys("nve1", "nve2");
        assertThat(update.removed()).isEmpty();
    }

    @Test
    void repeatingAnEventChangesNothing() {
        Topo.Builder b = new Topo.Builder();
        FibEngine engine = FibEngine.start(b.build());

        assertThat(engine.apply(new FibChange.TsUpserted(b.get("vm1"))).isEmpty()).isTrue();
        assertThat(engine.apply(new FibChange.NveUp(NVE3)).isEmpty()).isTrue();
    }

    @Test
    void anNveGoingDownIsRemovedAndItsPeersStopFloodingToIt() {
        FibEngine engine = FibEngine.start(new Topo.Builder().build());

        FibUpdate update = engine.apply(new FibChange.NveDown("nve2"));

        assertThat(update.removed()).containsExactly("nve2");
        assertThat(update.changed()).containsOnlyKeys("nve1");
        assertThat(update.changed().get("nve1").groups().get(Tables.floodFromLocalGroup(100)).toString())
                .doesNotContain("198.18.0.2");
    }

    @Test
    void aVtepThatBgpRoutesNameJoiningTheDomainFallsBackToAFullRecompute() {
        Topo.Builder b = new Topo.Builder();
        b.macs.add(Topo.bgpMac(NET_A, 77, "198.18.0.9", 100));
        FibEngine engine = FibEngine.start(b.build());

        FibUpdate update = engine.apply(new FibChange.NveUp(new Nve("nve9", IpAddresses.parseV4("198.18.0.9"), 1000)));

        assertThat(update.scope()).isInstanceOf(FibUpdate.Scope.Full.class);
        assertThat(update.changed()).containsKeys("nve1", "nve9");
        assertThat(engine.states()).isEqualTo(Fib.compute(engine.input()));
    }
}
