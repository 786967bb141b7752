package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Bucket;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.GroupType;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One VN's flows and groups on one NVE (push model, L2). */
final class VnRules {
    private static final Comparator<RemoteMac> REMOTE_ORDER = Comparator.comparing(RemoteMac::mac)
            .thenComparing(r -> Integer.toUnsignedLong(vtepBits(r.vtep())))
            .thenComparingInt(RemoteMac::vni)
            .thenComparing(r -> r.ip().map(a -> a.getHostAddress()).orElse(""));

    private VnRules() {
    }

    private sealed interface L2Target {
        record Local(TenantSystem ts, int ofport) implements L2Target {
        }

        record Suspended(TenantSystem ts) implements L2Target {
        }

        record Remote(RuleKind rule, String subject, Inet4Address vtep, int vni) implements L2Target {
        }
    }

    /** Empty unless {@code self} hosts a forwarding or suspended tenant system of the VN. */
    static VnSlice compute(Nve self, VnContext ctx) {
        int vni = ctx.vn().vni();
        List<TenantSystem> all = ctx.tenantSystems().stream()
                .sorted(Comparator.comparing(TenantSystem::portId)).toList();
        List<TenantSystem> localForwarding = new ArrayList<>();
        List<TenantSystem> localSuspended = new ArrayList<>();
        List<TenantSystem> remoteForwarding = new ArrayList<>();
        for (TenantSystem ts : all) {
            Optional<Nve> at = Placement.nveOf(ts, ctx.nves());
            if (at.isEmpty()) {
                continue;
            }
            boolean local = at.get().systemId().equals(self.systemId());
            if (local && ts.state().forwards()) {
                localForwarding.add(ts);
            } else if (local) {
                localSuspended.add(ts);
            } else if (ts.state().forwards()) {
                remoteForwarding.add(ts);
            }
        }
        if (localForwarding.isEmpty() && localSuspended.isEmpty()) {
            return VnSlice.EMPTY;
        }
        SliceBuilder b = new SliceBuilder(vni, Optional.of(ctx.vn().id()));
        // SUSPENDED: "traffic from/to it dropped locally" — an explicit drop on its port, whatever else exists.
        for (TenantSystem ts : localSuspended) {
            b.flow(Tables.CLASSIFY, Priorities.CLASSIFY_PORT, Match.builder().inPort(Placement.ofport(ts)).build(),
                    List.of(), b.cookie(RuleKind.SUSPENDED, SliceBuilder.port(ts.portId())));
        }
        if (localForwarding.isEmpty()) {
            return b.build();
        }
        classify(b, self, vni, localForwarding);
        l2(b, self, ctx, localForwarding, localSuspended, remoteForwarding);
        flood(b, self, ctx, localForwarding, remoteForwarding);
        return b.build();
    }

    private static void classify(SliceBuilder b, Nve self, int vni, List<TenantSystem> localForwarding) {
        List<Instruction> fromPort = List.of(new Instruction.WriteMetadata(vni, Tables.CLASSIFY_WRITE_MASK),
                new Instruction.GotoTable(Tables.INGRESS_ACL));
        for (TenantSystem ts : localForwarding) {
            int ofport = Placement.ofport(ts);
            if (ts.portSecurity()) {
                PortSecurityRules.add(b, ts, ofport, fromPort);
            } else {
                b.flow(Tables.CLASSIFY, Priorities.CLASSIFY_PORT, Match.builder().inPort(ofport).build(), fromPort,
                        b.cookie(RuleKind.CLASSIFY_PORT, SliceBuilder.port(ts.portId())));
            }
            b.flow(Tables.EGRESS, Priorities.EGRESS_OUTPUT, Match.builder().reg(Tables.OUTPUT_REG, ofport).build(),
                    List.of(new Instruction.ApplyActions(List.of(new Action.Output(ofport)))),
                    b.cookie(RuleKind.EGRESS_PORT, SliceBuilder.port(ts.portId())));
        }
        // RFC 7348 section 4: "Only VMs within the same VXLAN segment can communicate with each other"; the VNI
        // picks the VN, and the flag keeps split horizon for the rest of the pipeline.
        b.flow(Tables.CLASSIFY, Priorities.CLASSIFY_TUNNEL,
                Match.builder().inPort(self.tunnelOfport()).tunId(vni).build(),
                List.of(new Instruction.WriteMetadata(vni | Tables.FROM_TUNNEL, Tables.CLASSIFY_WRITE_MASK),
                        new Instruction.GotoTable(Tables.INGRESS_ACL)),
                b.cookie(RuleKind.CLASSIFY_TUNNEL, "tunnel"));
    }

    private static void l2(SliceBuilder b, Nve self, VnContext ctx, List<TenantSystem> localForwarding,
                           List<TenantSystem> localSuspended, List<TenantSystem> remoteForwarding) {
        int vni = ctx.vn().vni();
        // First claim of a MAC wins: local ports, then suspended ones, then their address-pair MACs, then this
        // domain's other NVEs, then BGP. Lists are sorted, so the outcome does not depend on input order.
        Map<MacAddress, L2Target> targets = new LinkedHashMap<>();
        for (TenantSystem ts : localForwarding) {
            targets.putIfAbsent(ts.mac(), new L2Target.Local(ts, Placement.ofport(ts)));
        }
        for (TenantSystem ts : localSuspended) {
            targets.putIfAbsent(ts.mac(), new L2Target.Suspended(ts));
        }
        for (TenantSystem ts : localForwarding) {
            for (AllowedAddressPair p : ts.allowedAddressPairs()) {
                targets.putIfAbsent(p.macOr(ts.mac()), new L2Target.Local(ts, Placement.ofport(ts)));
            }
        }
        List<TenantSystem> remote = remoteForwarding.stream()
                .filter(ts -> !vtepOf(ts, ctx).equals(self.vtep())).toList();
        for (TenantSystem ts : remote) {
            targets.putIfAbsent(ts.mac(), new L2Target.Remote(RuleKind.L2_REMOTE, SliceBuilder.port(ts.portId()), vtepOf(ts, ctx), vni));
        }
        for (TenantSystem ts : remote) {
            for (AllowedAddressPair p : ts.allowedAddressPairs()) {
                targets.putIfAbsent(p.macOr(ts.mac()),
                        new L2Target.Remote(RuleKind.L2_REMOTE, SliceBuilder.port(ts.portId()), vtepOf(ts, ctx), vni));
            }
        }
        ctx.remoteMacs().stream().filter(r -> !ctx.domainVteps().contains(r.vtep())).sorted(REMOTE_ORDER)
                .forEach(r -> targets.putIfAbsent(r.mac(), new L2Target.Remote(RuleKind.L2_BGP,
                        "remote MAC " + r.mac() + " at " + r.vtep().getHostAddress() + " VNI " + r.vni(), r.vtep(), r.vni())));

        for (Map.Entry<MacAddress, L2Target> e : targets.entrySet()) {
            Match match = Match.builder().metadata(vni, Tables.VN_MASK).ethDst(e.getKey()).build();
            switch (e.getValue()) {
                case L2Target.Local l -> b.flow(Tables.L2, Priorities.L2_UNICAST, match, List.of(
                                new Instruction.ApplyActions(List.of(new Action.SetRegister(Tables.OUTPUT_REG, l.ofport()))),
                                new Instruction.GotoTable(Tables.EGRESS)),
                        b.cookie(RuleKind.L2_LOCAL, SliceBuilder.port(l.ts().portId())));
                case L2Target.Suspended s -> b.flow(Tables.L2, Priorities.L2_UNICAST, match, List.of(),
                        b.cookie(RuleKind.SUSPENDED, SliceBuilder.port(s.ts().portId())));
                case L2Target.Remote r -> b.flow(Tables.L2, Priorities.L2_UNICAST, match, List.of(
                                new Instruction.ApplyActions(List.of(new Action.SetTunnelId(r.vni()),
                                        new Action.SetTunnelIpv4Dst(r.vtep()),
                                        new Action.SetRegister(Tables.OUTPUT_REG, self.tunnelOfport()))),
                                new Instruction.GotoTable(Tables.EGRESS)),
                        b.cookie(r.rule(), r.subject()));
            }
        }
    }

    private static void flood(SliceBuilder b, Nve self, VnContext ctx, List<TenantSystem> localForwarding,
                              List<TenantSystem> remoteForwarding) {
        int vni = ctx.vn().vni();
        List<Bucket> local = localForwarding.stream().map(Placement::ofport).sorted().distinct()
                .map(p -> new Bucket(List.of(new Action.Output(p)))).toList();
        // Ingress replication: one copy per remote VTEP that has the VN. This domain's NVEs first (they use this
        // VN's VNI), then BGP IMET members (with the VNI they advertised).
        Map<Long, RemoteFloodMember> remoteVteps = new TreeMap<>();
        for (TenantSystem ts : remoteForwarding) {
            Inet4Address vtep = vtepOf(ts, ctx);
            if (!vtep.equals(self.vtep())) {
                remoteVteps.putIfAbsent(key(vtep), new RemoteFloodMember(ctx.vn().id(), vtep, vni));
            }
        }
        ctx.floodMembers().stream()
                .filter(m -> !ctx.domainVteps().contains(m.vtep()))
                .sorted(Comparator.comparing((RemoteFloodMember m) -> key(m.vtep())).thenComparingInt(RemoteFloodMember::vni))
                .forEach(m -> remoteVteps.putIfAbsent(key(m.vtep()), m));
        List<Bucket> fromLocal = new ArrayList<>(local);
        for (RemoteFloodMember m : remoteVteps.values()) {
            fromLocal.add(new Bucket(List.of(new Action.SetTunnelId(m.vni()), new Action.SetTunnelIpv4Dst(m.vtep()),
                    new Action.Output(self.tunnelOfport()))));
        }
        int localGroup = Tables.floodFromLocalGroup(vni);
        int tunnelGroup = Tables.floodFromTunnelGroup(vni);
        b.group(new GroupEntry(localGroup, GroupType.ALL, fromLocal));
        // Split horizon: BUM from the overlay goes to local ports only.
        b.group(new GroupEntry(tunnelGroup, GroupType.ALL, local));
        long cookie = b.cookie(RuleKind.FLOOD, "flood groups");
        b.flow(Tables.FLOOD, Priorities.FLOOD, Match.builder().metadata(vni, Tables.CLASSIFY_WRITE_MASK).build(),
                List.of(new Instruction.ApplyActions(List.of(new Action.Group(localGroup)))), cookie);
        b.flow(Tables.FLOOD, Priorities.FLOOD,
                Match.builder().metadata(vni | Tables.FROM_TUNNEL, Tables.CLASSIFY_WRITE_MASK).build(),
                List.of(new Instruction.ApplyActions(List.of(new Action.Group(tunnelGroup)))), cookie);
    }

    private static Inet4Address vtepOf(TenantSystem ts, VnContext ctx) {
        return ctx.nves().get(Placement.boundTo(ts).orElseThrow()).vtep();
    }

    private static long key(Inet4Address a) {
        return Integer.toUnsignedLong(vtepBits(a));
    }

    private static int vtepBits(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
