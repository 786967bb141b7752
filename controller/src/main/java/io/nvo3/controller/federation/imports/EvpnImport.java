package io.nvo3.controller.federation.imports;

import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.controller.federation.export.EvpnOrder;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maps the best received EVPN routes onto local VNs through their import route targets (RFC 7432 §9.1:
 * a route is imported into every EVI whose import RTs it carries). Pure: the same routes and VNs give
 * the same snapshot whatever their order.
 */
public final class EvpnImport {
    /** The RFC 7432 §15 choice among routes for one MAC in one VN: the winner sorts first. */
    static final Comparator<MacRoute> WINNER = Comparator.comparingLong(MacRoute::sequence).reversed()
            .thenComparing(MacRoute::vtep, EvpnOrder.ADDRESS)
            .thenComparingInt(MacRoute::vni);

    private EvpnImport() {}

    public static ImportSnapshot compute(Collection<ReceivedEvpnRoute> routes, Collection<VnRouting> vns,
                                         ImportPolicy policy) {
        return compute(routes, vns, policy, new Memo());
    }

    /**
     * What each route yields on its own (its entries per VN, or why it is skipped), remembered from one
     * {@link #compute} to the next while the VNs and the policy stay the same: with thousands of received routes, a
     * change then re-examines only the routes that are new. Routes are recognised by identity (a received route is
     * replaced, never changed). Confined to the caller's thread.
     */
    public static final class Memo {
        private List<VnRouting> vns;
        private ImportPolicy policy;
        private VnIndex index;
        private Map<ReceivedEvpnRoute, Outcome> outcomes = new java.util.IdentityHashMap<>();
    }

    /** One route's entries, or the reason it yields none. */
    private record Outcome(List<Pending<MacRoute>> macs, List<Pending<FloodRoute>> floods, List<KeptIpPrefix> prefixes,
                           SkippedRoute skipped) {}

    /** As {@link #compute(Collection, Collection, ImportPolicy)}, reusing what {@code memo} remembers; same result. */
    public static ImportSnapshot compute(Collection<ReceivedEvpnRoute> routes, Collection<VnRouting> vns,
                                         ImportPolicy policy, Memo memo) {
        List<ReceivedEvpnRoute> sorted = new ArrayList<>(routes);
        sorted.sort(ImportOrder.RECEIVED); // a run already in this order (the caller's map) costs one pass
        List<VnRouting> vnList = new ArrayList<>(vns);
        vnList.sort(Comparator.comparing(VnRouting::networkId));
        if (!vnList.equals(memo.vns) || !policy.equals(memo.policy)) {
            memo.vns = vnList;
            memo.policy = policy;
            memo.index = VnIndex.of(vnList);
            memo.outcomes = new java.util.IdentityHashMap<>();
        }
        List<Pending<MacRoute>> macs = new ArrayList<>();
        List<Pending<FloodRoute>> floods = new ArrayList<>();
        List<KeptIpPrefix> prefixes = new ArrayList<>();
        List<SkippedRoute> skipped = new ArrayList<>();
        Map<ReceivedEvpnRoute, Outcome> now = new java.util.IdentityHashMap<>(sorted.size() * 2);
        for (ReceivedEvpnRoute r : sorted) {
            Outcome o = memo.outcomes.get(r);
            if (o == null) {
                o = analyse(r, memo.index, policy);
            }
            now.put(r, o);
            macs.addAll(o.macs());
            floods.addAll(o.floods());
            prefixes.addAll(o.prefixes());
            if (o.skipped() != null) {
                skipped.add(o.skipped());
            }
        }
        memo.outcomes = now; // routes gone since are forgotten
        Map<Integer, String> owners = vniOwners(macs, floods, vnList);
        List<MacRoute> decided = select(dropVniClashes(macs, owners, vnList, skipped));
        List<FloodRoute> floodRoutes = dropVniClashes(floods, owners, vnList, skipped);
        Set<RemoteMac> remoteMacs = new LinkedHashSet<>();
        decided.stream().filter(MacRoute::selected).map(MacRoute::toRemoteMac).sorted(ImportOrder.REMOTE_MAC)
                .forEach(remoteMacs::add);
        floodRoutes.sort(ImportOrder.FLOOD_ROUTE);
        Set<RemoteFloodMember> members = new LinkedHashSet<>();
        floodRoutes.stream().map(FloodRoute::toFloodMember).sorted(ImportOrder.FLOOD_MEMBER).forEach(members::add);
        skipped.sort(Comparator.comparing(SkippedRoute::route, ImportOrder.RECEIVED)
                .thenComparing(SkippedRoute::detail));
        return new ImportSnapshot(remoteMacs, members, decided, floodRoutes, prefixes, skipped);
    }

    private static Outcome analyse(ReceivedEvpnRoute r, VnIndex index, ImportPolicy policy) {
        List<Pending<MacRoute>> macs = new ArrayList<>(1);
        List<Pending<FloodRoute>> floods = new ArrayList<>(0);
        List<KeptIpPrefix> prefixes = new ArrayList<>(0);
        try {
            one(r, index, policy, macs, floods, prefixes);
            return new Outcome(List.copyOf(macs), List.copyOf(floods), List.copyOf(prefixes), null);
        } catch (Skip s) {
            return new Outcome(List.of(), List.of(), List.of(), new SkippedRoute(r, s.reason, s.getMessage()));
        }
    }

    /** An entry for one VN with the route it came from. */
    private record Pending<T extends RemoteEntry>(ReceivedEvpnRoute route, T entry) {}

    /**
     * The FIB classifies tunnel traffic of a VN by its own VNI and by the VNIs of the remote entries imported
     * into it (multi-VNI stitching, FibInput's invariant): such a VNI must not be another local VN's VNI, nor
     * be imported into two VNs. The owner of each remote VNI is therefore the VN whose own VNI it is, else
     * the lowest VN id importing it (MAC and flood entries alike).
     */
    private static Map<Integer, String> vniOwners(List<Pending<MacRoute>> macs, List<Pending<FloodRoute>> floods,
                                                  List<VnRouting> vns) {
        Map<Integer, String> owner = new HashMap<>();
        for (VnRouting vn : vns) {
            owner.put(vn.localVni(), vn.networkId());
        }
        Set<Integer> local = new HashSet<>(owner.keySet());
        Stream.concat(macs.stream(), floods.stream()).map(Pending::entry).forEach(e -> {
            if (!local.contains(e.vni())) {
                owner.merge(e.vni(), e.vnId(), (x, y) -> x.compareTo(y) <= 0 ? x : y);
            }
        });
        return owner;
    }

    /** Drops the entries whose VNI belongs to another VN, each reported against its route. */
    private static <T extends RemoteEntry> List<T> dropVniClashes(List<Pending<T>> entries, Map<Integer, String> owners,
                                                                   List<VnRouting> vns, List<SkippedRoute> skipped) {
        Set<String> ownVni = new HashSet<>();
        for (VnRouting vn : vns) {
            ownVni.add(vn.networkId() + "/" + vn.localVni());
        }
        List<T> kept = new ArrayList<>();
        for (Pending<T> p : entries) {
            T e = p.entry();
            String owner = owners.get(e.vni());
            if (owner.equals(e.vnId())) {
                kept.add(e);
            } else {
                boolean local = ownVni.contains(owner + "/" + e.vni());
                skipped.add(new SkippedRoute(p.route(), SkipReason.VNI_CLASH, "VNI " + e.vni() + " imported into "
                        + e.vnId() + (local ? " is the VNI of local VN " : " is already imported into ") + owner));
            }
        }
        return kept;
    }

    /** A route that yields nothing; contained to that route. */
    private static final class Skip extends Exception {
        final SkipReason reason;

        Skip(SkipReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private static void one(ReceivedEvpnRoute r, VnIndex vns, ImportPolicy policy, List<Pending<MacRoute>> macs,
                            List<Pending<FloodRoute>> floods, List<KeptIpPrefix> prefixes) throws Skip {
        EvpnRoute nlri = r.nlri();
        switch (nlri) {
            case EvpnRoute.MacIpAdvertisement m -> {
                Inet4Address vtep = checkedNextHop(r, policy);
                checkEncapsulation(r, policy);
                List<VnRouting> targets = matching(r, vns, false);
                int vni = checkedVni(m.label1(), "MPLS Label1");
                MacAddress mac = new MacAddress(m.mac().bits());
                if (mac.isMulticast()) {
                    throw new Skip(SkipReason.BAD_MAC, "group MAC " + mac + " in a MAC/IP route");
                }
                long seq = 0;
                boolean sticky = false;
                for (ExtendedCommunity c : r.extendedCommunities()) {
                    // RFC 7432 §7.7 MAC Mobility: several on one route make no sense; the highest sequence counts.
                    if (c instanceof ExtendedCommunity.MacMobility mm && mm.sequence() >= seq) {
                        seq = mm.sequence();
                        sticky |= mm.sticky();
                    }
                }
                for (VnRouting vn : targets) {
                    macs.add(new Pending<>(r, new MacRoute(vn.networkId(), mac, m.ip(), vtep, vni, seq, sticky, m.rd(),
                            r.nextHop(), r.peer(), false)));
                }
            }
            case EvpnRoute.InclusiveMulticast im -> {
                Inet4Address nextHop = checkedNextHop(r, policy);
                checkEncapsulation(r, policy);
                List<VnRouting> targets = matching(r, vns, false);
                PathAttribute.PmsiTunnel pmsi = r.attribute(PathAttribute.PmsiTunnel.class).orElseThrow(
                        () -> new Skip(SkipReason.BAD_PMSI_TUNNEL, "IMET route without a PMSI Tunnel attribute"));
                // RFC 8365 §5.1.3 / RFC 7432 §11.2: VXLAN flooding is ingress replication (tunnel type 6), the
                // Tunnel Identifier being the sending NVE's unicast address.
                if (pmsi.tunnelType() != PathAttribute.PmsiTunnel.INGRESS_REPLICATION) {
                    throw new Skip(SkipReason.BAD_PMSI_TUNNEL, "PMSI tunnel type " + pmsi.tunnelType()
                            + " is not ingress replication (6)");
                }
                Inet4Address vtep = pmsi.endpoint().flatMap(NextHops::vtep).orElseThrow(() -> new Skip(
                        SkipReason.BAD_PMSI_TUNNEL, "PMSI tunnel identifier " + pmsi.tunnelIdentifier()
                        + " is not an IPv4 VTEP"));
                if (policy.ownVteps().contains(vtep)) {
                    throw new Skip(SkipReason.OWN_ROUTE, "PMSI tunnel endpoint " + vtep.getHostAddress()
                            + " is one of our VTEPs (next hop " + nextHop.getHostAddress() + ")");
                }
                // RFC 8365 §5.1.3: "the MPLS label field in the PMSI Tunnel attribute of the IMET route [is] used
                // to carry the VNI".
                int vni = checkedVni(pmsi.label(), "PMSI Tunnel label");
                for (VnRouting vn : targets) {
                    floods.add(new Pending<>(r, new FloodRoute(vn.networkId(), vtep, vni, im.rd(), r.nextHop(), r.peer())));
                }
            }
            case EvpnRoute.IpPrefixRoute p -> {
                checkedNextHop(r, policy);
                checkEncapsulation(r, policy);
                List<VnRouting> targets = matching(r, vns, true);
                prefixes.add(new KeptIpPrefix(p, r, targets.stream().map(VnRouting::networkId).toList()));
            }
            case EvpnRoute.EthernetAd x -> throw unsupported(x);
            case EvpnRoute.EthernetSegment x -> throw unsupported(x);
            case EvpnRoute.UnknownRoute x -> throw unsupported(x);
        }
    }

    private static Skip unsupported(EvpnRoute r) {
        return new Skip(SkipReason.UNSUPPORTED_ROUTE_TYPE, "EVPN route type " + r.routeType() + " is not used");
    }

    private static Inet4Address checkedNextHop(ReceivedEvpnRoute r, ImportPolicy policy) throws Skip {
        Inet4Address vtep = NextHops.vtep(r.nextHop()).orElseThrow(() -> new Skip(SkipReason.BAD_NEXT_HOP,
                "next hop " + r.nextHop().getHostAddress() + " is not an IPv4 VTEP"));
        if (policy.ownVteps().contains(vtep)) {
            throw new Skip(SkipReason.OWN_ROUTE, "next hop " + vtep.getHostAddress() + " is one of our VTEPs");
        }
        return vtep;
    }

    private static void checkEncapsulation(ReceivedEvpnRoute r, ImportPolicy policy) throws Skip {
        List<Integer> types = new ArrayList<>();
        for (ExtendedCommunity c : r.extendedCommunities()) {
            if (c instanceof ExtendedCommunity.Encapsulation e) {
                if (e.tunnelType() == TunnelType.VXLAN.code()) {
                    return;
                }
                types.add(e.tunnelType());
            }
        }
        if (!types.isEmpty()) {
            throw new Skip(SkipReason.NOT_VXLAN, "encapsulation " + types + " does not include VXLAN (8)");
        }
        if (!policy.assumeVxlanWithoutEncapsulation()) {
            throw new Skip(SkipReason.MISSING_ENCAPSULATION, "no BGP Encapsulation extended community");
        }
    }

    /** RFC 8365 §5.1.3: "the entire 24-bit field is used to encode the VNI value"; VNI 0 is not a VN. */
    private static int checkedVni(int field, String where) throws Skip {
        if (field < 1 || field > 0xff_ffff) {
            throw new Skip(SkipReason.BAD_VNI, where + " VNI " + field + " is outside 1.." + 0xff_ffff);
        }
        return field;
    }

    /**
     * The VNs (in the order of {@code vns}) by the route targets they import, L2 and L3 apart: finding a route's VNs
     * costs a lookup per route target of the route, not a walk over every VN.
     */
    private record VnIndex(List<VnRouting> vns, Map<ExtendedCommunity.RouteTarget, List<Integer>> l2,
                           Map<ExtendedCommunity.RouteTarget, List<Integer>> l3) {
        static VnIndex of(List<VnRouting> vns) {
            Map<ExtendedCommunity.RouteTarget, List<Integer>> l2 = new HashMap<>();
            Map<ExtendedCommunity.RouteTarget, List<Integer>> l3 = new HashMap<>();
            for (int i = 0; i < vns.size(); i++) {
                int at = i;
                vns.get(i).importTargets().forEach(rt -> l2.computeIfAbsent(rt, k -> new ArrayList<>()).add(at));
                vns.get(i).l3ImportTargets().forEach(rt -> l3.computeIfAbsent(rt, k -> new ArrayList<>()).add(at));
            }
            return new VnIndex(vns, l2, l3);
        }
    }

    private static List<VnRouting> matching(ReceivedEvpnRoute r, VnIndex vns, boolean includeL3) throws Skip {
        Set<ExtendedCommunity.RouteTarget> rts = new HashSet<>();
        for (ExtendedCommunity c : r.extendedCommunities()) {
            if (c instanceof ExtendedCommunity.RouteTarget rt) {
                rts.add(rt);
            }
        }
        java.util.TreeSet<Integer> hits = new java.util.TreeSet<>();
        for (ExtendedCommunity.RouteTarget rt : rts) {
            hits.addAll(vns.l2().getOrDefault(rt, List.of()));
            if (includeL3) {
                hits.addAll(vns.l3().getOrDefault(rt, List.of()));
            }
        }
        if (hits.isEmpty()) {
            throw new Skip(SkipReason.NO_MATCHING_VN, "route targets " + rts.stream().map(Object::toString).sorted()
                    .toList() + " are imported by no local VN");
        }
        List<VnRouting> out = new ArrayList<>(hits.size());
        hits.forEach(i -> out.add(vns.vns().get(i)));
        return out;
    }

    /**
     * Marks the routes that reach the FIB: per (VN, MAC) the route with the highest MAC Mobility sequence
     * wins (RFC 7432 §15.1; a route without the MAC Mobility community counts as sequence 0), then the
     * lowest VTEP (§15.1: "If two (or more) PEs advertise the same MAC address with the same sequence
     * number but different Ethernet segment identifiers, a PE that receives these routes selects the route
     * advertised by the PE with the lowest IP address as the best route"), then the lowest VNI. Every route of the winning VTEP and VNI for that MAC is selected: its MAC-only route
     * and its MAC+IP routes.
     */
    private static List<MacRoute> select(List<MacRoute> all) {
        record VnMac(String vnId, MacAddress mac) {}
        Map<VnMac, List<MacRoute>> byMac = new LinkedHashMap<>();
        for (MacRoute m : all) {
            byMac.computeIfAbsent(new VnMac(m.vnId(), m.mac()), k -> new ArrayList<>()).add(m);
        }
        List<MacRoute> out = new ArrayList<>(all.size());
        for (List<MacRoute> group : byMac.values()) {
            MacRoute best = group.stream().min(WINNER).orElseThrow();
            for (MacRoute m : group) {
                boolean win = m.vtep().equals(best.vtep()) && m.vni() == best.vni() && m.sequence() == best.sequence();
                out.add(win ? m.select() : m);
            }
        }
        out.sort(ImportOrder.MAC_ROUTE);
        return out;
    }
}
