package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.MatchField;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * On-demand population for {@link io.nvo3.fib.input.FibMode#PULL} and {@link io.nvo3.fib.input.FibMode#HYBRID} VNs,
 * as pure functions of a {@link FibInput}: what to do with a packet-in (cookie rule {@link RuleKind#PULL_MISS}), and
 * which installed on-demand entries ({@link RuleKind#PULL_L2}, never part of a desired state) are still right.
 *
 * <p>Pulled entries sit in table 40 at a priority below pushed ones, match (VN, eth_dst) like them and carry an idle
 * timeout, so a VN switched to push shadows them until they expire, and {@link #stale} finds those a change made
 * wrong (a moved MAC, a destination now pushed, a VN no longer pulling).
 */
public final class Pull {
    private Pull() {
    }

    /**
     * The VN a packet-in belongs to, from the cookie of the flow that sent it: present for a {@link RuleKind#PULL_MISS}
     * cookie whose VNI is a VN's own VNI in {@code input}. A packet-in with an ARP request (ethertype 0x0806, op 1)
     * is a {@link PullQuery.ArpRequest}; anything else a {@link PullQuery.UnicastMiss} for its eth_dst.
     */
    public static Optional<VirtualNetwork> vnOfPacketIn(FibInput input, long cookie) {
        return CookieTrace.decode(cookie).filter(t -> t.rule() == RuleKind.PULL_MISS).flatMap(t -> input
                .virtualNetworks().values().stream().filter(v -> v.vni() == t.vni()).findFirst());
    }

    /** {@link #resolve(FibInput, String, String, PullQuery, PullPolicy)} with {@link PullPolicy#DEFAULT}. */
    public static PullResult resolve(FibInput input, String systemId, String vnId, PullQuery query) {
        return resolve(input, systemId, vnId, query, PullPolicy.DEFAULT);
    }

    /**
     * Answers a packet-in from NVE {@code systemId} in VN {@code vnId}. Throws {@link FibInputException} naming
     * {@code systemId} or {@code vnId} when the input does not know them. Linear in the VN (it builds the VN's view):
     * for many packet-ins on one input, build a {@link #resolver} once and ask it.
     */
    public static PullResult resolve(FibInput input, String systemId, String vnId, PullQuery query,
                                     PullPolicy policy) {
        return resolver(input, systemId, vnId).resolve(query, policy);
    }

    /**
     * A resolver answering exactly as {@link #resolve} does for packet-ins from NVE {@code systemId} in VN
     * {@code vnId} on this {@code input}: built once (linear in the VN), then each query costs a few map lookups.
     * Throws {@link FibInputException} naming {@code systemId} or {@code vnId} when the input does not know them.
     */
    public static PullResolver resolver(FibInput input, String systemId, String vnId) {
        Nve nve = input.nves().get(systemId);
        if (nve == null) {
            throw new FibInputException("systemId", "no connected NVE " + systemId);
        }
        VirtualNetwork vn = input.virtualNetworks().get(vnId);
        if (vn == null) {
            throw new FibInputException("vnId", "no VN " + vnId);
        }
        return new PullResolver(input, systemId, vnId, VnView.of(nve, VnContext.of(input, vn)));
    }

    /**
     * The per-call computation {@link PullResolver} replaces, kept as the reference its property test compares with.
     */
    static PullResult resolveByView(FibInput input, String systemId, String vnId, PullQuery query,
                                    PullPolicy policy) {
        Nve nve = input.nves().get(systemId);
        if (nve == null) {
            throw new FibInputException("systemId", "no connected NVE " + systemId);
        }
        VirtualNetwork vn = input.virtualNetworks().get(vnId);
        if (vn == null) {
            throw new FibInputException("vnId", "no VN " + vnId);
        }
        VnView view = VnView.of(nve, VnContext.of(input, vn));
        if (view.localForwarding().isEmpty()) {
            return new PullResult.Drop("VN " + vnId + " has no forwarding port on " + systemId);
        }
        return switch (query) {
            case PullQuery.UnicastMiss m -> unicast(view, m.dstMac(), policy);
            case PullQuery.ArpRequest a -> arp(view, a, policy);
        };
    }

    private static PullResult unicast(VnView view, MacAddress mac, PullPolicy policy) {
        if (mac.isMulticast()) {
            return flood(view);
        }
        Nve self = view.self();
        for (Redirect r : RedirectRules.applicable(view)) {
            if (r.mac().equals(mac)) {
                return new PullResult.Forward(List.of(), tunnel(r.vni(), r.toVtep(), self));
            }
        }
        VnView.L2Target target = view.targets().get(mac);
        if (target == null) {
            return unknown(view, policy, "no destination " + mac);
        }
        return forward(view, mac, target, policy);
    }

    /** The answer for a unicast frame to {@code mac}, known in {@code view} as {@code target}. */
    static PullResult forward(VnView view, MacAddress mac, VnView.L2Target target, PullPolicy policy) {
        Nve self = view.self();
        return switch (target) {
            case VnView.L2Target.Local l -> new PullResult.Forward(List.of(), List.of(new Action.Output(l.ofport())));
            case VnView.L2Target.Suspended s -> new PullResult.Drop(mac + " belongs to suspended port "
                    + s.ts().portId());
            case VnView.L2Target.Remote r -> new PullResult.Forward(
                    r.pushed() ? List.of() : List.of(entry(view, mac, r, policy.idleTimeoutSeconds())),
                    tunnel(r.vni(), r.vtep(), self));
        };
    }

    private static PullResult arp(VnView view, PullQuery.ArpRequest a, PullPolicy policy) {
        // RFC 5227 section 2.1.1: an ARP Probe has "the 'sender IP address' field ... set to all zeroes"; an
        // announcement (section 2.3) has sender IP = target IP. Both must reach the other hosts, not the controller.
        if (a.senderIp().isAnyLocalAddress() || a.senderIp().equals(a.targetIp())) {
            return flood(view);
        }
        Set<MacAddress> owners = Neighbors.claims(view.ctx()).get(a.targetIp());
        if (owners == null) {
            return unknown(view, policy, "no owner of " + a.targetIp().getHostAddress());
        }
        // Claimed by several MACs (a duplicate address, or an address being moved): only the owners can answer.
        MacAddress owner = owners.iterator().next();
        if (owners.size() > 1 || owner.equals(a.senderMac())) {
            return flood(view);
        }
        return new PullResult.ArpReply(owner, a.targetIp(), a.senderMac(), a.senderIp(),
                List.of(new Action.OutputInPort()));
    }

    /**
     * The installed flows among {@code installed} that are pulled entries ({@link RuleKind#PULL_L2}) no longer
     * equal to what {@link #resolve} would install now on {@code systemId}: delete them (they would otherwise live
     * on as long as traffic keeps them warm).
     */
    public static List<FlowEntry> stale(FibInput input, String systemId, Collection<FlowEntry> installed) {
        Predicate<FlowEntry> valid = stillValid(input, systemId);
        return installed.stream().filter(f -> CookieTrace.isPulled(f.cookie())).filter(valid.negate()).toList();
    }

    /**
     * For {@link io.nvo3.fib.diff.FibDiff#between(io.nvo3.fib.flow.NveState, io.nvo3.fib.flow.NveState, Predicate)}:
     * true for a pulled entry that is still valid on {@code systemId} — same key, cookie and instructions as
     * {@link #resolve} would install now (the idle timeout may differ). The predicate caches per VN; use it for one
     * reconcile.
     */
    public static Predicate<FlowEntry> stillValid(FibInput input, String systemId) {
        return stillValid(() -> input, systemId);
    }

    /**
     * As above, taking the input only when a pulled entry is tested: a reconcile that deletes pushed entries alone
     * (a BGP-learned MAC withdrawn) then costs no snapshot of the whole input ({@code FibEngine::input}).
     */
    public static Predicate<FlowEntry> stillValid(java.util.function.Supplier<FibInput> snapshot, String systemId) {
        return new Predicate<>() {
            private Predicate<FlowEntry> valid;

            @Override
            public boolean test(FlowEntry f) {
                if (!CookieTrace.isPulled(f.cookie())) {
                    return false;
                }
                if (valid == null) {
                    valid = stillValidIn(snapshot.get(), systemId);
                }
                return valid.test(f);
            }
        };
    }

    private static Predicate<FlowEntry> stillValidIn(FibInput input, String systemId) {
        Nve nve = input.nves().get(systemId);
        Map<Long, VirtualNetwork> byVni = new HashMap<>();
        input.virtualNetworks().values().forEach(v -> byVni.put((long) v.vni(), v));
        Map<String, VnView> views = new HashMap<>();
        return f -> {
            if (nve == null || !CookieTrace.isPulled(f.cookie()) || f.table() != Tables.L2
                    || f.priority() != Priorities.L2_PULLED) {
                return false;
            }
            Optional<MatchField> meta = f.match().get(MatchField.Kind.METADATA);
            Optional<MatchField> dst = f.match().get(MatchField.Kind.ETH_DST);
            if (meta.isEmpty() || dst.isEmpty() || !(meta.get() instanceof MatchField.Metadata m)
                    || !(dst.get() instanceof MatchField.EthDst d)) {
                return false;
            }
            VirtualNetwork vn = byVni.get(m.value64());
            if (vn == null || vn.mode() == FibMode.PUSH) {
                return false;
            }
            VnView view = views.computeIfAbsent(vn.id(), k -> VnView.of(nve, VnContext.of(input, vn)));
            if (view.localForwarding().isEmpty()
                    || RedirectRules.applicable(view).stream().anyMatch(r -> r.mac().equals(d.mac()))
                    || !(view.targets().get(d.mac()) instanceof VnView.L2Target.Remote r) || r.pushed()) {
                return false;
            }
            FlowEntry now = entry(view, d.mac(), r, Math.max(1, f.idleTimeout()));
            return now.key().equals(f.key()) && now.cookie() == f.cookie()
                    && now.instructions().equals(f.instructions());
        };
    }

    /** The cookie of a pulled entry for {@code mac} in VNI {@code vni}: rule PULL_L2, the VNI, a tag from the MAC. */
    static long cookie(int vni, MacAddress mac) {
        return new CookieTrace(RuleKind.PULL_L2, vni, Math.max(1, SliceBuilder.hash24(mac.toString())),
                Optional.empty(), Optional.empty()).cookie();
    }

    private static FlowEntry entry(VnView view, MacAddress mac, VnView.L2Target.Remote r, int idleTimeout) {
        int vni = view.ctx().vn().vni();
        return new FlowEntry(Tables.L2, Priorities.L2_PULLED,
                Match.builder().metadata(vni, Tables.VN_MASK).ethDst(mac).build(),
                VnRules.remoteInstructions(r, view.self()), cookie(vni, mac), idleTimeout, 0);
    }

    static List<Action> tunnel(int vni, Inet4Address vtep, Nve self) {
        return List.of(new Action.SetTunnelId(vni), new Action.SetTunnelIpv4Dst(vtep),
                new Action.Output(self.tunnelOfport()));
    }

    private static PullResult unknown(VnView view, PullPolicy policy, String what) {
        return switch (policy.unknown()) {
            case FLOOD -> flood(view);
            case DROP -> new PullResult.Drop(what + " in VN " + view.ctx().vn().id());
        };
    }

    static PullResult.Flood flood(VnView view) {
        return new PullResult.Flood(List.of(new Action.Group(Tables.floodFromLocalGroup(view.ctx().vn().vni()))));
    }
}
