package io.nvo3.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.fib.FibEngine;
import io.nvo3.fib.FibUpdate;
import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteMac;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A reconciler in sync with the state a FIB delta starts from plans from the delta alone: the plan must be the one
 * the full diff gives, and the switch must end up holding the desired state, also when deltas are coalesced.
 */
class ReconcileDeltaTest {

    @Property(tries = 150)
    void aPlanFromTheEngineDeltaEqualsTheFullDiffPlan(@ForAll("batches") List<List<FibChange>> batches) {
        FibEngine engine = FibEngine.start(Samples.input());
        for (List<FibChange> batch : batches) {
            FibUpdate u = engine.applyRemote(batch, new ArrayList<>());
            Statistics.collect(!u.deltas().isEmpty());
            u.deltas().forEach((systemId, delta) -> {
                InstalledState installed = InstalledState.of(delta.base());
                NveState now = u.changed().get(systemId);
                assertThat(ReconcilePlan.between(now, installed, f -> false, delta))
                        .isEqualTo(ReconcilePlan.between(now, installed, f -> false));
                assertThat(ReconcilePlan.between(now, installed, FibDiff.KEEP_PULLED, delta))
                        .isEqualTo(ReconcilePlan.between(now, installed, FibDiff.KEEP_PULLED));
            });
        }
    }

    @Example
    void remoteMacChangesReachTheSwitchThroughDeltasAlsoWhenCoalesced() throws Exception {
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        try {
            List<ReconcileReport> reports = new ArrayList<>();
            NveReconciler r = new NveReconciler("hv1", exec, new ReconcileObserver() {
                @Override
                public void reconciled(ReconcileReport report) {
                    reports.add(report);
                }

                @Override
                public void failed(String systemId, boolean fullRead, Throwable cause) {
                    throw new AssertionError(cause);
                }
            }, Clock.systemUTC(), Duration.ofMillis(20));
            FakeSwitch sw = new FakeSwitch();
            FibEngine engine = FibEngine.start(Samples.input());
            exec.submit(() -> r.desired(engine.states().get("hv1"))).get();
            exec.submit(() -> r.attach(sw)).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> exec.submit(r::inSync).get());

            FibUpdate one = engine.apply(added(7));
            assertThat(one.delta("hv1")).isPresent();
            exec.submit(() -> r.desired(one.changed().get("hv1"), one.delta("hv1"))).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> exec.submit(r::inSync).get());
            assertThat(exec.submit(() -> reports.getLast().plan().flowAdds()).get()).isEqualTo(1);

            // Three deltas in one go: the first is sent, the next two coalesce into one batch.
            FibUpdate two = engine.apply(added(8));
            FibUpdate three = engine.apply(added(9));
            FibUpdate four = engine.apply(new FibChange.RemoteMacRemoved(remote(7)));
            exec.submit(() -> {
                for (FibUpdate u : List.of(two, three, four)) {
                    r.desired(u.changed().get("hv1"), u.delta("hv1"));
                }
            }).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> exec.submit(r::inSync).get());
            assertThat(InstalledState.read("hv1", List.copyOf(sw.flows.values()), List.copyOf(sw.groups.values()))
                    .state().flows()).isEqualTo(engine.states().get("hv1").flows());
            assertThat(sw.reads).isEqualTo(1);
        } finally {
            exec.shutdownNow();
        }
    }

    private static RemoteMac remote(int n) {
        return new RemoteMac("vn-a", new MacAddress(0x0200_0000_0000L + n), Optional.empty(),
                IpAddresses.parseV4("198.18.9.9"), 1000);
    }

    private static FibChange added(int n) {
        return new FibChange.RemoteMacAdded(remote(n));
    }

    @Provide
    Arbitrary<List<List<FibChange>>> batches() {
        // Our own tenant systems' MACs (1..5 with the 0xfa163e prefix) are claimed locally first.
        Arbitrary<MacAddress> macs = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 10).map(n -> new MacAddress(0x0200_0000_0000L + n)),
                Arbitraries.integers().between(1, 5).map(n -> new MacAddress(0xfa163e000000L + n)));
        Arbitrary<RemoteMac> remote = Combinators.combine(Arbitraries.of("vn-a", "vn-b"), macs,
                        Arbitraries.of("198.18.9.9", "198.18.9.8", "198.18.0.2"))
                .as((vn, mac, vtep) -> new RemoteMac(vn, mac, Optional.empty(), IpAddresses.parseV4(vtep),
                        vn.equals("vn-a") ? 1000 : 1001));
        Arbitrary<FibChange> change = Arbitraries.oneOf(remote.map(FibChange.RemoteMacAdded::new),
                remote.map(FibChange.RemoteMacRemoved::new));
        return change.list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(20);
    }
}
