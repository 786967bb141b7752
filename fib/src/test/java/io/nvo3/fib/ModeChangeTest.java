package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE3;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.diff.Batch;
import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changing net-a's population mode converges through ordinary reconcile; pulled entries are not orphans. */
class ModeChangeTest {
    private static NveState installed(NveState desired, FlowEntry... extra) {
        List<FlowEntry> flows = new ArrayList<>(desired.flows().values());
        flows.addAll(List.of(extra));
        return NveState.of(desired.systemId(), flows, desired.groups().values());
    }

    private static FlowEntry pulled(FibInput input, int macN) {
        return ((PullResult.Forward) Pull.resolve(input, "nve1", "net-a", new PullQuery.UnicastMiss(mac(macN))))
                .install().getFirst();
    }

    private static List<RuleKind> rules(List<FlowEntry> flows) {
        return flows.stream().map(f -> CookieTrace.decode(f.cookie()).orElseThrow().rule()).distinct().toList();
    }

    @Test
    void pushToPullAddsTheMissRulesBeforeDeletingThePushedEntries() {
        FibInput push = new Topo.Builder().build();
        FibInput pull = new Topo.Builder().mode(NET_A, FibMode.PULL).build();

        FibDiff diff = FibDiff.between(Fib.compute(pull).get("nve1"), installed(Fib.compute(push).get("nve1")));

        assertThat(rules(diff.flowsToAdd())).containsOnly(RuleKind.PULL_MISS);
        assertThat(rules(diff.flowsToDelete())).containsOnly(RuleKind.L2_REMOTE);
        List<Batch> batches = diff.batches();
        assertThat(batches.indexOf(new Batch.AddFlows(diff.flowsToAdd())))
                .isLessThan(batches.indexOf(new Batch.DeleteFlows(diff.flowsToDelete())));
    }

    @Test
    void validPulledEntriesSurviveReconcileAndStaleOnesAreDeleted() {
        FibInput pull = new Topo.Builder().mode(NET_A, FibMode.PULL).build();
        FlowEntry toVm3 = pulled(pull, 3);
        NveState switchHolds = installed(Fib.compute(pull).get("nve1"), toVm3);

        // without a keep predicate a pulled entry is an orphan
        assertThat(FibDiff.between(Fib.compute(pull).get("nve1"), switchHolds).flowsToDelete()).containsExactly(toVm3);
        assertThat(FibDiff.between(Fib.compute(pull).get("nve1"), switchHolds, Pull.stillValid(pull, "nve1"))
                .isEmpty()).isTrue();
        assertThat(FibDiff.between(Fib.compute(pull).get("nve1"), switchHolds, FibDiff.KEEP_PULLED).isEmpty()).isTrue();

        // vm3 moves to nve3: nve1's desired state has no entry for it before or after, but its pulled entry is wrong
        FibInput moved = new Topo.Builder().mode(NET_A, FibMode.PULL).moveTo("vm3", NVE3, 1).build();
        assertThat(Fib.compute(moved).get("nve1").flows().values().stream().map(Object::toString))
                .noneMatch(f -> f.contains("eth_dst=" + mac(3)));
        assertThat(Pull.stale(moved, "nve1", switchHolds.flows().values())).containsExactly(toVm3);
        assertThat(FibDiff.between(Fib.compute(moved).get("nve1"), switchHolds, Pull.stillValid(moved, "nve1"))
                .flowsToDelete()).containsExactly(toVm3);
        assertThat(Pull.stale(pull, "nve1", switchHolds.flows().values())).isEmpty();
    }

    @Test
    void theLazyValidityTakesASnapshotOnlyForPulledEntriesAndAgreesWithTheEagerOne() {
        FibInput pull = new Topo.Builder().mode(NET_A, FibMode.PULL).build();
        FibInput moved = new Topo.Builder().mode(NET_A, FibMode.PULL).moveTo("vm3", NVE3, 1).build();
        FlowEntry toVm3 = pulled(pull, 3);
        int[] snapshots = {0};
        java.util.function.Predicate<FlowEntry> lazy = Pull.stillValid(() -> {
            snapshots[0]++;
            return pull;
        }, "nve1");

        for (FlowEntry pushed : Fib.compute(pull).get("nve1").flows().values()) {
            assertThat(lazy.test(pushed)).isFalse();
        }
        assertThat(snapshots[0]).isZero();
        assertThat(lazy.test(toVm3)).isTrue().isEqualTo(Pull.stillValid(pull, "nve1").test(toVm3));
        assertThat(Pull.stillValid(() -> moved, "nve1").test(toVm3)).isFalse();
        assertThat(snapshots[0]).isEqualTo(1);
    }

    @Test
    void pullToPushInstallsThePushedEntryAndRetiresThePulledOne() {
        FibInput pull = new Topo.Builder().mode(NET_A, FibMode.PULL).build();
        FibInput push = new Topo.Builder().build();
        FlowEntry toVm3 = pulled(pull, 3);

        FibDiff diff = FibDiff.between(Fib.compute(push).get("nve1"), installed(Fib.compute(pull).get("nve1"), toVm3),
                Pull.stillValid(push, "nve1"));

        assertThat(rules(diff.flowsToAdd())).containsOnly(RuleKind.L2_REMOTE);
        assertThat(diff.flowsToDelete()).contains(toVm3);
        assertThat(rules(diff.flowsToDelete())).containsOnly(RuleKind.PULL_MISS, RuleKind.PULL_L2);
    }

    @Test
    void hybridLatencySensitiveMakesAPulledEntryRedundant() {
        Topo.Builder b = new Topo.Builder().mode(NET_A, FibMode.HYBRID);
        FibInput standard = b.build();
        FibInput sensitive = b.fibClass("vm3", io.nvo3.fib.input.FibClass.LATENCY_SENSITIVE).build();
        FlowEntry toVm3 = pulled(standard, 3);

        assertThat(Pull.stillValid(standard, "nve1").test(toVm3)).isTrue();
        assertThat(Pull.stillValid(sensitive, "nve1").test(toVm3)).isFalse();
    }

    @Test
    void theEngineRecomputesAModeChangeAsAChangeOfThatVnOnly() {
        FibEngine engine = FibEngine.start(new Topo.Builder().build());

        FibUpdate update = engine.apply(new FibChange.VnUpserted(NET_A.withMode(FibMode.HYBRID)));

        assertThat(update.scope()).isEqualTo(new FibUpdate.Scope.Incremental(java.util.Set.of("net-a"),
                java.util.Set.of()));
        assertThat(update.changed()).containsOnlyKeys("nve1", "nve2");
        assertThat(engine.states()).isEqualTo(Fib.compute(new Topo.Builder().mode(NET_A, FibMode.HYBRID).build()));
    }
}
