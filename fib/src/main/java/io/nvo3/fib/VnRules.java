package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Bucket;
import io.nvo3.fib.flow.GroupEntry;
import io.nvo3.fib.flow.GroupType;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.TenantSystem;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One VN's flows and groups on one NVE (L2; push, pull or hybrid population). */
final class VnRules {
    private VnRules() {
    }

    /** Empty unless {@code self} hosts a forwarding or suspended tenant system of the VN, or redirects a moved MAC. */
    static VnSlice compute(Nve self, VnContext ctx) {
        VnView view = VnView.of(self, ctx);
        List<Redirect> redirects = RedirectRules.applicable(view);
        if (!view.hasLocal() && redirects.isEmpty()) {
            return VnSlice.EMPTY;
        }
        SliceBuilder b = new SliceBuilder(ctx.vn().vni(), Optional.of(ctx.vn().id()));
        // SUSPENDED: "traffic from/to it dropped locally" — an explicit drop on its port, whatever else exists.
        for (TenantSystem ts : view.localSuspended()) {
            b.flow(Tables.CLASSIFY, Priorities.CLASSIFY_PORT, Match.builder().inPort(Placement.ofport(ts)).build(),
                    List.of(), b.cookie(RuleKind.SUSPENDED, SliceBuilder.port(ts.portId())));
        }
        if (!view.localForwarding().isEmpty()) {
            classifyPorts(b, view.localForwarding(), ctx.vn().vni());
        }
        if (!view.localForwarding().isEmpty() || !redirects.isEmpty()) {
            classifyTunnel(b, self, ctx);
        }
        RedirectRules.add(b, view, redirects);
        if (view.localForwarding().isEmpty()) {
            return b.build();
        }
        l2(b, view);
        flood(b, view);
        PullRules.add(b, view);
        return b.build();
    }

    private static void classifyPorts(SliceBuilder b, List<TenantSystem> localForwarding, int vni) {
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
    }

    private static void classifyTunnel(SliceBuilder b, Nve self, VnContext ctx) {
        int vni = ctx.vn().vni();
        List<Instruction> fromTunnel = List.of(
                new Instruction.WriteMetadata(vni | Tables.FROM_TUNNEL, Tables.CLASSIFY_WRITE_MASK),
                new Instruction.GotoTable(Tables.INGRESS_ACL));
        // RFC 7348 section 4: "Only VMs within the same VXLAN segment can communicate with each other"; the VNI
        // picks the VN, and the flag keeps split horizon for the rest of the pipeline. Multi-VNI stitching: a VN
        // joined by route target to a network of another domain also accepts the VNIs that domain advertised
        // (RFC 8365 section 5.1.2 lets VNIs be "locally significant"); FibInput keeps them unambiguous.
        for (int tunVni : ctx.tunnelVnis()) {
            boolean own = tunVni == vni;
            b.flow(Tables.CLASSIFY, Priorities.CLASSIFY_TUNNEL,
                    Match.builder().inPort(self.tunnelOfport()).tunId(tunVni).build(), fromTunnel,
                    own ? b.cookie(RuleKind.CLASSIFY_TUNNEL, "tunnel")
                            : b.cookie(RuleKind.CLASSIFY_STITCHED, "tunnel VNI " + tunVni));
        }
    }

    private static void l2(SliceBuilder b, VnView view) {
        int vni = view.ctx().vn().vni();
        Nve self = view.self();
        // One instruction list per remote (VTEP, VNI), shared by all its MACs' flows (remoteInstructions depends on
        // nothing else).
        record Tunnel(Inet4Address vtep, int vni) {
        }
        Map<Tunnel, List<Instruction>> toRemote = new HashMap<>();
        for (Map.Entry<MacAddress, VnView.L2Target> e : view.targets().entrySet()) {
            Match match = l2Match(vni, e.getKey());
            switch (e.getValue()) {
                case VnView.L2Target.Local l -> b.flow(Tables.L2, Priorities.L2_UNICAST, match, List.of(
                                new Instruction.ApplyActions(List.of(new Action.SetRegister(Tables.OUTPUT_REG, l.ofport()))),
                                new Instruction.GotoTable(Tables.EGRESS)),
                        b.cookie(RuleKind.L2_LOCAL, SliceBuilder.port(l.ts().portId())));
                case VnView.L2Target.Suspended s -> b.flow(Tables.L2, Priorities.L2_UNICAST, match, List.of(),
                        b.cookie(RuleKind.SUSPENDED, SliceBuilder.port(s.ts().portId())));
                case VnView.L2Target.Remote r -> {
                    if (r.pushed()) {
                        List<Instruction> toTunnel = toRemote.computeIfAbsent(new Tunnel(r.vtep(), r.vni()),
                                k -> remoteInstructions(r, self));
                        b.flow(Tables.L2, Priorities.L2_UNICAST, match, toTunnel,
                                b.cookie(r.rule(), r.subject()));
                    }
                }
            }
        }
    }

    /** The match of the L2 unicast entry of {@code mac} in VN {@code vni}. */
    static Match l2Match(int vni, MacAddress mac) {
        return Match.builder().metadata(vni, Tables.VN_MASK).ethDst(mac).build();
    }

    static List<Instruction> remoteInstructions(VnView.L2Target.Remote r, Nve self) {
        return List.of(new Instruction.ApplyActions(List.of(new Action.SetTunnelId(r.vni()),
                        new Action.SetTunnelIpv4Dst(r.vtep()),
                        new Action.SetRegister(Tables.OUTPUT_REG, self.tunnelOfport()))),
                new Instruction.GotoTable(Tables.EGRESS));
    }

    private static void flood(SliceBuilder b, VnView view) {
        VnContext ctx = view.ctx();
        Nve self = view.self();
        int vni = ctx.vn().vni();
        List<Bucket> local = view.localForwarding().stream().map(Placement::ofport).sorted().distinct()
                .map(p -> new Bucket(List.of(new Action.Output(p)))).toList();
        // Ingress replication: one copy per remote VTEP that has the VN. This domain's NVEs first (they use this
        // VN's VNI), then BGP IMET members (with the VNI they advertised).
        Map<Long, RemoteFloodMember> remoteVteps = new TreeMap<>();
        for (TenantSystem ts : view.remoteForwarding()) {
            Inet4Address vtep = VnView.vtepOf(ts, ctx);
            if (!vtep.equals(self.vtep())) {
                remoteVteps.putIfAbsent(VnView.key(vtep), new RemoteFloodMember(ctx.vn().id(), vtep, vni));
            }
        }
        ctx.floodMembers().stream()
                .filter(m -> !ctx.domainVteps().contains(m.vtep()))
                .sorted(Comparator.comparing((RemoteFloodMember m) -> VnView.key(m.vtep()))
                        .thenComparingInt(RemoteFloodMember::vni))
                .forEach(m -> remoteVteps.putIfAbsent(VnView.key(m.vtep()), m));
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
}
