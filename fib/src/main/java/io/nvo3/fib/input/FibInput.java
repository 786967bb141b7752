package io.nvo3.fib.input;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the FIB is a function of, as one immutable snapshot. NVEs present here are the connected ones.
 * Invariants (else {@link FibInputException}): map keys equal the records' ids, VNIs are unique across VNs, no
 * two tenant systems are bound to the same (NVE, ofport), a VNI that remote entries (routes imported into a VN,
 * multi-VNI stitching) carry belongs to that VN only — not another VN's own VNI nor another VN's remote entries —,
 * and at most one {@link Redirect} per (VN, MAC, old NVE). Tenant systems of an unknown VN, or bound to an NVE that
 * is not present, are kept but produce no flows.
 */
public record FibInput(Map<String, Nve> nves, Map<String, VirtualNetwork> virtualNetworks,
                       Map<String, TenantSystem> tenantSystems, Set<RemoteMac> remoteMacs,
                       Set<RemoteFloodMember> floodMembers, Set<Redirect> redirects) {
    /** A snapshot without redirects. */
    public FibInput(Map<String, Nve> nves, Map<String, VirtualNetwork> virtualNetworks,
                    Map<String, TenantSystem> tenantSystems, Set<RemoteMac> remoteMacs,
                    Set<RemoteFloodMember> floodMembers) {
        this(nves, virtualNetworks, tenantSystems, remoteMacs, floodMembers, Set.of());
    }

    public FibInput {
        nves = Map.copyOf(nves);
        virtualNetworks = Map.copyOf(virtualNetworks);
        tenantSystems = Map.copyOf(tenantSystems);
        remoteMacs = Set.copyOf(remoteMacs);
        floodMembers = Set.copyOf(floodMembers);
        redirects = Set.copyOf(redirects);
        nves.forEach((k, v) -> requireKey("nves", k, v.systemId()));
        virtualNetworks.forEach((k, v) -> requireKey("virtualNetworks", k, v.id()));
        tenantSystems.forEach((k, v) -> requireKey("tenantSystems", k, v.portId()));
        Map<Integer, String> byVni = new HashMap<>();
        for (VirtualNetwork vn : new TreeMap<>(virtualNetworks).values()) {
            String other = byVni.putIfAbsent(vn.vni(), vn.id());
            if (other != null) {
                throw vniTaken(vn, other);
            }
        }
        Map<TsLocation.Bound, String> bound = new HashMap<>();
        for (TenantSystem ts : new TreeMap<>(tenantSystems).values()) {
            if (ts.location() instanceof TsLocation.Bound b) {
                String other = bound.putIfAbsent(b, ts.portId());
                if (other != null) {
                    throw portTaken(ts, b, other);
                }
            }
        }
        Map<Integer, String> remoteByVni = new HashMap<>();
        for (RemoteMac m : remoteMacs.stream().sorted(Comparator.comparing(RemoteMac::vnId)
                .thenComparingInt(RemoteMac::vni)).toList()) {
            checkRemoteVni("remoteMac.vni", m.vnId(), m.vni(), byVni, remoteByVni);
        }
        for (RemoteFloodMember m : floodMembers.stream().sorted(Comparator.comparing(RemoteFloodMember::vnId)
                .thenComparingInt(RemoteFloodMember::vni)).toList()) {
            checkRemoteVni("floodMember.vni", m.vnId(), m.vni(), byVni, remoteByVni);
        }
        Map<Redirect.Key, Redirect> byKey = new HashMap<>();
        for (Redirect r : redirects) {
            Redirect other = byKey.putIfAbsent(r.key(), r);
            if (other != null) {
                throw redirectTaken(r, other);
            }
        }
    }

    /**
     * Multi-VNI stitching: a VN classifies tunnel traffic carrying its own VNI or the VNI of any remote entry imported
     * into it, so that VNI must not also name another VN — else a frame with it could not be classified.
     */
    private static void checkRemoteVni(String field, String vnId, int vni, Map<Integer, String> localByVni,
                                       Map<Integer, String> remoteByVni) {
        String local = localByVni.get(vni);
        if (local != null && !local.equals(vnId)) {
            throw remoteVniTaken(field, vnId, vni, "is the VNI of " + local);
        }
        String other = remoteByVni.putIfAbsent(vni, vnId);
        if (other != null && !other.equals(vnId)) {
            throw remoteVniTaken(field, vnId, vni, "is carried by remote entries of " + other);
        }
    }

    public static FibInputException remoteVniTaken(String field, String vnId, int vni, String why) {
        return new FibInputException(field, "VNI " + vni + " of a remote entry of " + vnId + " " + why);
    }

    static FibInputException redirectTaken(Redirect r, Redirect other) {
        return new FibInputException("redirect", r.mac() + " of " + r.vnId() + " at " + r.fromSystemId()
                + " already redirected to " + other.toVtep().getHostAddress() + " VNI " + other.vni());
    }

    public static FibInput empty() {
        return new FibInput(Map.of(), Map.of(), Map.of(), Set.of(), Set.of(), Set.of());
    }

    public static FibInput of(Collection<Nve> nves, Collection<VirtualNetwork> vns, Collection<TenantSystem> tss,
                              Collection<RemoteMac> remoteMacs, Collection<RemoteFloodMember> floodMembers) {
        return of(nves, vns, tss, remoteMacs, floodMembers, Set.of());
    }

    public static FibInput of(Collection<Nve> nves, Collection<VirtualNetwork> vns, Collection<TenantSystem> tss,
                              Collection<RemoteMac> remoteMacs, Collection<RemoteFloodMember> floodMembers,
                              Collection<Redirect> redirects) {
        return new FibInput(index(nves, Nve::systemId, "nves"), index(vns, VirtualNetwork::id, "virtualNetworks"),
                index(tss, TenantSystem::portId, "tenantSystems"), Set.copyOf(remoteMacs), Set.copyOf(floodMembers),
                Set.copyOf(redirects));
    }

    /** The snapshot after {@code change}; throws {@link FibInputException} if the result breaks an invariant. */
    public FibInput apply(FibChange change) {
        Map<String, Nve> n = nves;
        Map<String, VirtualNetwork> v = virtualNetworks;
        Map<String, TenantSystem> t = tenantSystems;
        Set<RemoteMac> r = remoteMacs;
        Set<RemoteFloodMember> f = floodMembers;
        Set<Redirect> d = redirects;
        switch (change) {
            case FibChange.TsUpserted c -> t = put(t, c.tenantSystem().portId(), c.tenantSystem());
            case FibChange.TsRemoved c -> t = remove(t, c.portId());
            case FibChange.VnUpserted c -> v = put(v, c.virtualNetwork().id(), c.virtualNetwork());
            case FibChange.VnRemoved c -> v = remove(v, c.vnId());
            case FibChange.NveUp c -> n = put(n, c.nve().systemId(), c.nve());
            case FibChange.NveDown c -> n = remove(n, c.systemId());
            case FibChange.RemoteMacAdded c -> r = with(r, c.remoteMac(), true);
            case FibChange.RemoteMacRemoved c -> r = with(r, c.remoteMac(), false);
            case FibChange.FloodMemberAdded c -> f = with(f, c.member(), true);
            case FibChange.FloodMemberRemoved c -> f = with(f, c.member(), false);
            case FibChange.RedirectAdded c -> d = with(d, c.redirect(), true);
            case FibChange.RedirectRemoved c -> d = with(d, c.redirect(), false);
        }
        return new FibInput(n, v, t, r, f, d);
    }

    static FibInputException vniTaken(VirtualNetwork vn, String otherVnId) {
        return new FibInputException("virtualNetwork.vni", "VNI " + vn.vni() + " of " + vn.id() + " already used by " + otherVnId);
    }

    static FibInputException portTaken(TenantSystem ts, TsLocation.Bound b, String otherPortId) {
        return new FibInputException("tenantSystem.location", ts.portId() + " bound to " + b.systemId() + " ofport "
                + b.ofport() + " already used by " + otherPortId);
    }

    private static void requireKey(String field, String key, String id) {
        if (!key.equals(id)) {
            throw new FibInputException(field, "key " + key + " does not match id " + id);
        }
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> id, String field) {
        Map<String, T> m = items.stream().collect(Collectors.toMap(id, x -> x, (a, b) -> {
            throw new FibInputException(field, "duplicate id " + id.apply(a));
        }));
        return Map.copyOf(m);
    }

    private static <T> Map<String, T> put(Map<String, T> m, String k, T v) {
        Map<String, T> copy = new HashMap<>(m);
        copy.put(k, v);
        return copy;
    }

    private static <T> Map<String, T> remove(Map<String, T> m, String k) {
        Map<String, T> copy = new HashMap<>(m);
        copy.remove(k);
        return copy;
    }

    private static <T> Set<T> with(Set<T> s, T x, boolean add) {
        Set<T> copy = new HashSet<>(s);
        if (add) {
            copy.add(x);
        } else {
            copy.remove(x);
        }
        return copy;
    }
}
