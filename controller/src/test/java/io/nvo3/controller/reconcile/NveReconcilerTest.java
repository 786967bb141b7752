package io.nvo3.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.group.Bucket;
import io.nvo3.openflow.group.GroupType;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.GroupDesc;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconcile decisions against a strict fake switch. */
class NveReconcilerTest {
    final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
    final List<ReconcileReport> reports = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    final NveReconciler r = new NveReconciler("hv1", exec, new ReconcileObserver() {
        @Override
        public void reconciled(ReconcileReport report) {
            reports.add(report);
        }

        @Override
        public void failed(String systemId, boolean fullRead, Throwable cause) {
            failures.add(cause);
        }
    }, Clock.systemUTC(), Duration.ofMillis(20));

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    <T> T on(Callable<T> c) throws Exception {
        return exec.submit(c).get();
    }

    void run(Runnable c) throws Exception {
        exec.submit(c).get();
    }

    void awaitReports(int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> on(reports::size) >= n);
    }

    @Test
    void firstAttachInstallsEverythingGroupsBeforeTheFlowsThatUseThem() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        NveState want = Samples.desired("hv1");
        run(() -> r.desired(want));
        run(() -> r.attach(sw));
        awaitReports(1);
        assertThat(sw.batches).hasSize(1);
        List<OfMessage> batch = sw.batches.getFirst();
        int lastGroup = lastIndex(batch, GroupMod.class);
        int firstFlow = batch.indexOf(batch.stream().filter(m -> m instanceof FlowMod).findFirst().orElseThrow());
        assertThat(lastGroup).isLessThan(firstFlow);
        assertThat(reports.getFirst().fullRead()).isTrue();
        assertThat(reports.getFirst().plan().flowAdds()).isEqualTo(want.flows().size());
        assertThat(InstalledState.read("hv1", List.copyOf(sw.flows.values()), List.copyOf(sw.groups.values())).state()
                .flows()).isEqualTo(want.flows());
        assertThat(on(r::inSync)).isTrue();
    }

    @Test
    void reconnectToAnUnchangedSwitchSendsNoFlowMod() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        run(() -> r.desired(Samples.desired("hv1")));
        run(() -> r.attach(sw));
        awaitReports(1);
        run(r::detach);
        // A restarted controller computes the same desired state from the same input.
        NveReconciler fresh = new NveReconciler("hv1", exec, new ReconcileObserver() {
            @Override
            public void reconciled(ReconcileReport report) {
                reports.add(report);
            }

            @Override
            public void failed(String systemId, boolean fullRead, Throwable cause) {
                failures.add(cause);
            }
        }, Clock.systemUTC(), Duration.ofMillis(20));
        run(() -> fresh.desired(Samples.desired("hv1")));
        run(() -> fresh.attach(sw));
        awaitReports(2);
        assertThat(sw.batches).hasSize(1);
        assertThat(reports.get(1).fullRead()).isTrue();
        assertThat(reports.get(1).plan().isEmpty()).isTrue();
        assertThat(sw.reads).isEqualTo(2);
    }

    @Test
    void orphansForeignFlowsAndForeignGroupsAreDeletedCorrectFlowsUntouched() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        NveState want = Samples.desired("hv1");
        // Half of the desired flows are there already (as OVS reports them).
        int i = 0;
        for (var f : want.flows().values()) {
            if (i++ % 2 == 0) {
                FlowMod m = FlowTranslator.add(f);
                sw.install(FakeSwitch.reported(m.tableId(), m.priority(), m.cookie(), m.match(), m.instructions()));
            }
        }
        int preinstalled = sw.flows.size();
        // Someone's cookie-0 flow in table 0, a stale flow with our magic but no longer desired, a foreign group.
        sw.install(FakeSwitch.reported(0, 7, 0, Match.of(Oxm.inPort(99)),
                List.of(Instruction.ApplyActions.of(Action.Output.to(1)))));
        sw.install(FakeSwitch.reported(40, 100, 0x4E06_0003E8_000001L, Match.of(Oxm.ethDst(0x02_00_00_00_00_01L)),
                List.of(new Instruction.GotoTable(60))));
        sw.groups.put(77L, new GroupDesc(GroupType.SELECT, 77, List.of(Bucket.of(List.of(Action.Output.to(1))))));

        run(() -> r.desired(want));
        run(() -> r.attach(sw));
        awaitReports(1);
        ReconcilePlan plan = reports.getFirst().plan();
        assertThat(plan.flowAdds()).isEqualTo(want.flows().size() - preinstalled);
        assertThat(plan.flowDeletes()).isEqualTo(2);
        assertThat(plan.groupDeletes()).isEqualTo(1);
        assertThat(sw.groups).doesNotContainKey(77L);
        InstalledState after = InstalledState.read("hv1", List.copyOf(sw.flows.values()), List.copyOf(sw.groups.values()));
        assertThat(after.foreignFlows()).isEmpty();
        assertThat(after.state().flows()).isEqualTo(want.flows());
        assertThat(after.state().groups()).isEqualTo(want.groups());
    }

    @Test
    void onDemandEntriesThatAreStillRightSurviveAReattachAndStaleOnesAreDeleted() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        NveState want = Samples.desired("hv1");
        for (var f : want.flows().values()) {
            FlowMod m = FlowTranslator.add(f);
            sw.install(FakeSwitch.reported(m.tableId(), m.priority(), m.cookie(), m.match(), m.instructions()));
        }
        // Two entries pull mode installed on demand (rule PULL_L2 = 11, VNI 1000): one still right, one stale.
        long stillRight = 0x4E0B_0003E8_000001L;
        long stale = 0x4E0B_0003E8_000002L;
        sw.install(FakeSwitch.reported(40, 90, stillRight, Match.of(Oxm.ethDst(0x02_00_00_00_00_0AL)),
                List.of(Instruction.ApplyActions.of(Action.Output.to(3)))));
        sw.install(FakeSwitch.reported(40, 90, stale, Match.of(Oxm.ethDst(0x02_00_00_00_00_0BL)),
                List.of(Instruction.ApplyActions.of(Action.Output.to(4)))));
        r.keepInstalled(() -> f -> f.cookie() == stillRight);

        run(() -> r.desired(want));
        run(() -> r.attach(sw));
        awaitReports(1);
        ReconcilePlan plan = reports.getFirst().plan();
        assertThat(plan.flowAdds()).isZero();
        assertThat(plan.flowDeletes()).isEqualTo(1);
        assertThat(sw.flows.values()).anyMatch(f -> f.cookie() == stillRight).noneMatch(f -> f.cookie() == stale);
    }

    @Test
    void aModelChangeSendsOnlyTheDifferenceAndRemovedGroupsGoAfterTheirFlows() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        run(() -> r.desired(Samples.desired("hv1")));
        run(() -> r.attach(sw));
        awaitReports(1);
        // vn-b loses its only port on hv1: its flows and flood groups go.
        FibInput less = Samples.input().apply(new FibChange.TsRemoved("b1"));
        NveState want = Fib.compute(less).get("hv1");
        run(() -> r.desired(want));
        awaitReports(2);
        ReconcileReport second = reports.get(1);
        assertThat(second.fullRead()).isFalse();
        assertThat(second.plan().flowAdds()).isZero();
        assertThat(second.plan().flowDeletes()).isPositive();
        assertThat(second.plan().groupDeletes()).isPositive();
        List<OfMessage> batch = sw.batches.get(1);
        assertThat(lastIndex(batch, FlowMod.class)).isLessThan(firstIndex(batch, GroupMod.class));
        assertThat(sw.reads).isEqualTo(1);
        assertThat(InstalledState.read("hv1", List.copyOf(sw.flows.values()), List.copyOf(sw.groups.values())).state()
                .flows()).isEqualTo(want.flows());
    }

    @Test
    void aRejectedBatchIsRetriedAfterReadingTheSwitchAgain() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        sw.failNext = true;
        run(() -> r.desired(Samples.desired("hv1")));
        run(() -> r.attach(sw));
        awaitReports(1);
        assertThat(failures).hasSize(1);
        assertThat(sw.reads).isEqualTo(2);
        assertThat(on(r::inSync)).isTrue();
    }

    @Test
    void desiredStatesArrivingWhileDetachedAreAppliedOnAttachOnly() throws Exception {
        FakeSwitch sw = new FakeSwitch();
        run(() -> r.desired(Samples.desired("hv1")));
        run(() -> r.desired(Samples.desired("hv1")));
        assertThat(sw.batches).isEmpty();
        run(() -> r.attach(sw));
        awaitReports(1);
        assertThat(sw.batches).hasSize(1);
    }

    static int lastIndex(List<OfMessage> batch, Class<?> type) {
        int last = -1;
        for (int i = 0; i < batch.size(); i++) {
            if (type.isInstance(batch.get(i))) {
                last = i;
            }
        }
        return last;
    }

    static int firstIndex(List<OfMessage> batch, Class<?> type) {
        for (int i = 0; i < batch.size(); i++) {
            if (type.isInstance(batch.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
