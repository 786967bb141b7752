package io.nvo3.fib.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.GroupType;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FibDiffTest {
    private static final Nve NVE1 = new Nve("nve1", IpAddresses.parseV4("198.18.0.1"), 1000);
    private static final Nve NVE2 = new Nve("nve2", IpAddresses.parseV4("198.18.0.2"), 1000);
    private static final Nve NVE3 = new Nve("nve3", IpAddresses.parseV4("198.18.0.3"), 1000);
    private static final VirtualNetwork NET_A = new VirtualNetwork("net-a", 100);

    private static TenantSystem vm(String id, int mac, Nve nve, int port) {
        return new TenantSystem(id, NET_A.id(), new MacAddress(0x0200_0000_0000L | mac),
                List.of(IpAddresses.parse("203.0.113." + mac)), List.of(), true, TsState.RUNNING,
                new TsLocation.Bound(nve.systemId(), port));
    }

    private static NveState nve1(TenantSystem... tss) {
        return Fib.compute(FibInput.of(List.of(NVE1, NVE2, NVE3), List.of(NET_A), List.of(tss), List.of(), List.of()))
                .get("nve1");
    }

    /** What a switch reports back: same flows and groups, no trace table. */
    private static NveState asInstalled(NveState s) {
        return NveState.of(s.systemId(), s.flows().values(), s.groups().values());
    }

    @Test
    void aSwitchThatAlreadyHoldsTheDesiredStateIsNotTouched() {
        NveState desired = nve1(vm("vm1", 1, NVE1, 1), vm("vm3", 3, NVE2, 1));

        assertThat(FibDiff.between(desired, asInstalled(desired)).batches()).isEmpty();
    }

    @Test
    void anEmptySwitchGetsGroupsBeforeTheFlowsThatUseThem() {
        NveState desired = nve1(vm("vm1", 1, NVE1, 1));

        assertThat(FibDiff.between(desired, NveState.empty("nve1")).batches())
                .extracting(b -> b.getClass().getSimpleName()).containsExactly("AddGroups", "AddFlows");
    }

    @Test
    void aVmMovingBetweenRemoteNvesModifiesFlowsInPlaceAndDeletesNothing() {
        NveState before = nve1(vm("vm1", 1, NVE1, 1), vm("vm3", 3, NVE2, 1));
        NveState after = nve1(vm("vm1", 1, NVE1, 1), vm("vm3", 3, NVE3, 1));

        FibDiff diff = FibDiff.between(after, asInstalled(before));

        assertThat(diff.flowsToAdd()).isEmpty();
        assertThat(diff.flowsToDelete()).isEmpty();
        assertThat(diff.flowsToModify()).singleElement().satisfies(m -> {
            assertThat(m.instructionsOnly()).isTrue();
            assertThat(m.desired().toString()).contains("198.18.0.3->tun_dst");
        });
        assertThat(diff.groupsToModify()).hasSize(1);
        assertThat(diff.batches()).extracting(b -> b.getClass().getSimpleName())
                .containsExactly("ModifyGroups", "ModifyFlows");
    }

    @Test
    void theLastVmLeavingDeletesFlowsBeforeTheirGroups() {
        NveState before = nve1(vm("vm1", 1, NVE1, 1), vm("vm3", 3, NVE2, 1));
        NveState after = nve1(vm("vm3", 3, NVE2, 1));

        FibDiff diff = FibDiff.between(after, asInstalled(before));

        assertThat(diff.batches()).extracting(b -> b.getClass().getSimpleName())
                .containsExactly("DeleteFlows", "DeleteGroups");
        assertThat(diff.applyTo(asInstalled(before))).isEqualTo(asInstalled(after));
    }

    @Test
    void orphanFlowsAndGroupsOfUnknownOriginAreDeleted() {
        NveState desired = nve1(vm("vm1", 1, NVE1, 1));
        List<FlowEntry> flows = new ArrayList<>(desired.flows().values());
        FlowEntry orphan = FlowEntry.of(40, 7, Match.builder().ethDst(MacAddress.parse("02:aa:00:00:00:01")).build(),
                List.of(new Instruction.ApplyActions(List.of(new Action.Group(4242)))), 0xdeadL);
        flows.add(orphan);
        List<GroupEntry> groups = new ArrayList<>(desired.groups().values());
        GroupEntry orphanGroup = new GroupEntry(4242, GroupType.ALL, List.of());
        groups.add(orphanGroup);

        FibDiff diff = FibDiff.between(desired, NveState.of("nve1", flows, groups));

        assertThat(diff.flowsToDelete()).containsExactly(orphan);
        assertThat(diff.groupsToDelete()).containsExactly(orphanGroup);
        assertThat(diff.flowsToAdd()).isEmpty();
    }

    @Test
    void aChangedCookieIsAModificationThatNeedsAFullReplace() {
        NveState desired = nve1(vm("vm1", 1, NVE1, 1));
        List<FlowEntry> flows = new ArrayList<>();
        desired.flows().values().forEach(f -> flows.add(f.table() == 0 && f.priority() == 0
                ? new FlowEntry(f.table(), f.priority(), f.match(), f.instructions(), 1L, 0, 0) : f));

        FibDiff diff = FibDiff.between(desired, NveState.of("nve1", flows, desired.groups().values()));

        assertThat(diff.flowsToModify()).singleElement().returns(false, FlowModification::instructionsOnly);
    }

    /** Whatever the switch holds (a random subset of another VM set's flows), the diff leads to the desired state. */
    @Property(tries = 100)
    void applyingTheDiffYieldsTheDesiredState(@ForAll @IntRange(min = 0, max = 7) int before,
                                              @ForAll @IntRange(min = 0, max = 7) int after,
                                              @ForAll @IntRange(min = 1, max = 4) int keepEvery) {
        NveState desired = nve1(vms(after));
        NveState full = asInstalled(nve1(vms(before)));
        List<FlowEntry> kept = new ArrayList<>();
        int i = 0;
        for (FlowEntry f : full.flows().values()) {
            if (i++ % keepEvery == 0) {
                kept.add(f);
            }
        }
        NveState installed = NveState.of("nve1", kept, full.groups().values());

        FibDiff diff = FibDiff.between(desired, installed);

        assertThat(diff.applyTo(installed)).isEqualTo(asInstalled(desired));
        assertThat(FibDiff.between(desired, diff.applyTo(installed)).isEmpty()).isTrue();
        Map<FlowKey, FlowEntry> untouched = new HashMap<>(installed.flows());
        diff.flowsToModify().forEach(m -> untouched.remove(m.installed().key()));
        diff.flowsToDelete().forEach(f -> untouched.remove(f.key()));
        untouched.values().forEach(f -> assertThat(desired.flows()).containsEntry(f.key(), f));
    }

    /** bit k of {@code mask}: vm(k) on nve1 (k even) or nve2 (k odd); vm0 always there so nve1 carries the VN. */
    private static TenantSystem[] vms(int mask) {
        List<TenantSystem> out = new ArrayList<>(List.of(vm("vm0", 10, NVE1, 10)));
        for (int k = 0; k < 3; k++) {
            if ((mask >> k & 1) == 1) {
                out.add(vm("vm" + (k + 1), k + 1, k % 2 == 0 ? NVE1 : NVE2, k + 1));
            }
        }
        return out.toArray(TenantSystem[]::new);
    }
}
