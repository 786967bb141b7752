package io.nvo3.bench.nve;

import io.nvo3.controller.reconcile.FlowTranslator;
import io.nvo3.controller.reconcile.InstalledState;
import io.nvo3.controller.reconcile.ReconcilePlan;
import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.openflow.match.Match;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.multipart.GroupDesc;
import io.nvo3.openflow.multipart.FlowStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The CPU side of reconciling an unchanged NVE: decode a flow-stats reply of N flows (fields in OVS's order) and
 * diff it against the desired state. Real-OVS figures (programming, read back, plug latency) are measured by
 * {@link NveBench}.
 *
 * <p>Usage: {@code ReconcileDiffBench [FLOWS=100000] [ROUNDS=10]}.
 */
public final class ReconcileDiffBench {
    private ReconcileDiffBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        NveState desired = remoteHeavy(n);
        List<FlowStats> reply = new ArrayList<>();
        for (FlowEntry f : desired.flows().values()) {
            FlowMod m = FlowTranslator.add(f);
            List<io.nvo3.openflow.match.Oxm> fields = new ArrayList<>(m.match().normalized().fields());
            Collections.reverse(fields);
            reply.add(new FlowStats(m.tableId(), 1, 0, m.priority(), 0, 0, 0, m.cookie(), 0, 0, new Match(fields),
                    m.instructions()));
        }
        List<GroupDesc> groups = new ArrayList<>();
        for (GroupEntry g : desired.groups().values()) {
            GroupMod m = FlowTranslator.groupMod(g, GroupMod.OFPGC_ADD);
            groups.add(new GroupDesc(m.groupType(), m.groupId(), m.buckets()));
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            InstalledState installed = InstalledState.read("hv1", reply, groups);
            ReconcilePlan plan = ReconcilePlan.between(desired, installed);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (!plan.isEmpty()) {
                throw new IllegalStateException("unchanged flows produced " + plan);
            }
        }
        Arrays.sort(ms);
        System.out.printf("decode + diff of %d unchanged flows: median %.0f ms, best %.0f ms over %d rounds%n",
                desired.flows().size(), ms[rounds / 2], ms[0], rounds);
    }

    static NveState remoteHeavy(int n) {
        List<TenantSystem> tss = new ArrayList<>();
        tss.add(new TenantSystem("local", "vn", new MacAddress(0xfa163e000001L),
                List.of(IpAddresses.parse("203.0.113.1")), List.of(), true, TsState.RUNNING,
                new TsLocation.Bound("hv1", 2)));
        for (int i = 0; i < n; i++) {
            tss.add(new TenantSystem("r" + i, "vn", new MacAddress(0xfa163f000000L + i), List.of(), List.of(), false,
                    TsState.RUNNING, new TsLocation.Bound("hv2", 10 + i)));
        }
        FibInput in = FibInput.of(List.of(new Nve("hv1", IpAddresses.parseV4("198.18.0.1"), 1),
                        new Nve("hv2", IpAddresses.parseV4("198.18.0.2"), 1)), List.of(new VirtualNetwork("vn", 1000)),
                tss, Set.of(), Set.of());
        return Fib.compute(in).get("hv1");
    }
}
