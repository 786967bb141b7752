package io.nvo3.controller.federation.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-VN view of what import made of the received routes: each remote MAC/IP with the peer and next hop
 * it came from and whether it is in use, and each remote flood member — the per-VN part of the future
 * {@code /api/v1/bgp/rib}.
 */
public final class RemoteRibView {
    private RemoteRibView() {}

    /** One VN's remote entries, in a deterministic order. */
    public record VnView(String vnId, List<MacRoute> macs, List<FloodRoute> floodMembers, List<KeptIpPrefix> ipPrefixes) {
        public VnView {
            Objects.requireNonNull(vnId, "vnId");
            macs = List.copyOf(macs);
            floodMembers = List.copyOf(floodMembers);
            ipPrefixes = List.copyOf(ipPrefixes);
        }
    }

    /** The view of every VN that has at least one remote entry, by VN id. */
    public static Map<String, VnView> perVn(ImportSnapshot snapshot) {
        Map<String, List<MacRoute>> macs = new TreeMap<>();
        Map<String, List<FloodRoute>> floods = new TreeMap<>();
        Map<String, List<KeptIpPrefix>> prefixes = new TreeMap<>();
        for (MacRoute m : snapshot.macRoutes()) {
            macs.computeIfAbsent(m.vnId(), k -> new ArrayList<>()).add(m);
        }
        for (FloodRoute f : snapshot.floodRoutes()) {
            floods.computeIfAbsent(f.vnId(), k -> new ArrayList<>()).add(f);
        }
        for (KeptIpPrefix p : snapshot.ipPrefixRoutes()) {
            for (String vn : p.vnIds()) {
                prefixes.computeIfAbsent(vn, k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, VnView> out = new TreeMap<>();
        for (String vn : union(macs, floods, prefixes)) {
            List<MacRoute> ms = new ArrayList<>(macs.getOrDefault(vn, List.of()));
            ms.sort(ImportOrder.MAC_ROUTE);
            List<FloodRoute> fs = new ArrayList<>(floods.getOrDefault(vn, List.of()));
            fs.sort(ImportOrder.FLOOD_ROUTE);
            out.put(vn, new VnView(vn, ms, fs, prefixes.getOrDefault(vn, List.of())));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** One VN's view (empty lists when nothing remote is known for it). */
    public static VnView of(ImportSnapshot snapshot, String vnId) {
        VnView v = perVn(snapshot).get(vnId);
        return v != null ? v : new VnView(vnId, List.of(), List.of(), List.of());
    }

    @SafeVarargs
    private static java.util.SortedSet<String> union(Map<String, ?>... maps) {
        java.util.SortedSet<String> s = new java.util.TreeSet<>();
        for (Map<String, ?> m : maps) {
            s.addAll(m.keySet());
        }
        return s;
    }
}
