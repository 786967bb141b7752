package io.nvo3.fib;

import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.FibClass;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One VN as seen from one NVE: which tenant systems are local, and where each known MAC is reached. */
record VnView(Nve self, VnContext ctx, List<TenantSystem> localForwarding, List<TenantSystem> localSuspended,
              List<TenantSystem> remoteForwarding, Map<MacAddress, L2Target> targets) {
    /** Which of several BGP routes for one MAC wins (the first). */
    static final Comparator<RemoteMac> REMOTE_ORDER = Comparator.comparing(RemoteMac::mac)
            .thenComparing(r -> Integer.toUnsignedLong(vtepBits(r.vtep())))
            .thenComparingInt(RemoteMac::vni)
            .thenComparing(r -> r.ip().map(a -> a.getHostAddress()).orElse(""));

    /** Where a destination MAC is reached from this NVE. */
    sealed interface L2Target {
        record Local(TenantSystem ts, int ofport) implements L2Target {
        }

        record Suspended(TenantSystem ts) implements L2Target {
        }

        /** {@code pushed}: pre-installed; else installed on demand by the controller (pull, hybrid). */
        record Remote(RuleKind rule, String subject, Inet4Address vtep, int vni, boolean pushed) implements L2Target {
        }
    }


    static VnView of(Nve self, VnContext ctx) {
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
        return new VnView(self, ctx, List.copyOf(localForwarding), List.copyOf(localSuspended),
                List.copyOf(remoteForwarding), targets(self, ctx, localForwarding, localSuspended, remoteForwarding));
    }

    boolean hasLocal() {
        return !localForwarding.isEmpty() || !localSuspended.isEmpty();
    }

    private static Map<MacAddress, L2Target> targets(Nve self, VnContext ctx, List<TenantSystem> localForwarding,
                                                     List<TenantSystem> localSuspended,
                                                     List<TenantSystem> remoteForwarding) {
        int vni = ctx.vn().vni();
        FibMode mode = ctx.vn().mode();
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
            targets.putIfAbsent(ts.mac(), remoteTs(ts, ctx, vni, mode));
        }
        for (TenantSystem ts : remote) {
            for (AllowedAddressPair p : ts.allowedAddressPairs()) {
                targets.putIfAbsent(p.macOr(ts.mac()), remoteTs(ts, ctx, vni, mode));
            }
        }
        ctx.remoteMacs().stream().filter(r -> !ctx.domainVteps().contains(r.vtep())).sorted(REMOTE_ORDER)
                .forEach(r -> targets.putIfAbsent(r.mac(), bgp(r, mode)));
        return targets;
    }

    /** The target of a BGP-learned MAC that wins its MAC. */
    static L2Target.Remote bgp(RemoteMac r, FibMode mode) {
        return new L2Target.Remote(RuleKind.L2_BGP,
                "remote MAC " + r.mac() + " at " + r.vtep().getHostAddress() + " VNI " + r.vni(), r.vtep(), r.vni(),
                mode == FibMode.PUSH);
    }

    private static L2Target.Remote remoteTs(TenantSystem ts, VnContext ctx, int vni, FibMode mode) {
        boolean pushed = switch (mode) {
            case PUSH -> true;
            case PULL -> false;
            case HYBRID -> ts.fibClass() == FibClass.LATENCY_SENSITIVE;
        };
        return new L2Target.Remote(RuleKind.L2_REMOTE, SliceBuilder.port(ts.portId()), vtepOf(ts, ctx), vni, pushed);
    }

    static Inet4Address vtepOf(TenantSystem ts, VnContext ctx) {
        return ctx.nves().get(Placement.boundTo(ts).orElseThrow()).vtep();
    }

    static long key(Inet4Address a) {
        return Integer.toUnsignedLong(vtepBits(a));
    }

    private static int vtepBits(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
