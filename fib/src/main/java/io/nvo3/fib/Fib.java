package io.nvo3.fib;

import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The desired forwarding state of every connected NVE, as a pure function of a {@link FibInput}. */
public final class Fib {
    private Fib() {
    }

    /** Full recompute: one {@link NveState} per NVE of the input, keyed by system id. */
    public static Map<String, NveState> compute(FibInput input) {
        Map<String, List<TenantSystem>> tsByVn = new HashMap<>();
        input.tenantSystems().values().forEach(ts -> tsByVn.computeIfAbsent(ts.vnId(), k -> new ArrayList<>()).add(ts));
        Map<String, List<RemoteMac>> macsByVn = input.remoteMacs().stream()
                .collect(Collectors.groupingBy(RemoteMac::vnId));
        Map<String, List<RemoteFloodMember>> floodByVn = input.floodMembers().stream()
                .collect(Collectors.groupingBy(RemoteFloodMember::vnId));
        Map<String, List<Redirect>> redirectsByVn = input.redirects().stream()
                .collect(Collectors.groupingBy(Redirect::vnId));
        Set<Inet4Address> domainVteps = domainVteps(input.nves());

        Map<String, List<VnSlice>> slicesByNve = new HashMap<>();
        for (VirtualNetwork vn : input.virtualNetworks().values()) {
            List<TenantSystem> tss = tsByVn.getOrDefault(vn.id(), List.of());
            VnContext ctx = new VnContext(vn, tss, input.nves(), macsByVn.getOrDefault(vn.id(), List.of()),
                    floodByVn.getOrDefault(vn.id(), List.of()), redirectsByVn.getOrDefault(vn.id(), List.of()),
                    domainVteps);
            for (String systemId : hosts(ctx)) {
                VnSlice s = VnRules.compute(input.nves().get(systemId), ctx);
                if (!s.isEmpty()) {
                    slicesByNve.computeIfAbsent(systemId, k -> new ArrayList<>()).add(s);
                }
            }
        }
        Map<String, NveState> out = new HashMap<>();
        for (Nve nve : input.nves().values()) {
            out.put(nve.systemId(), NveAssembler.assemble(nve.systemId(), PipelineRules.compute(nve),
                    slicesByNve.getOrDefault(nve.systemId(), List.of())));
        }
        return Map.copyOf(out);
    }

    /** Connected NVEs where the VN may have a slice: its tenant systems' and those holding its redirects. */
    static Set<String> hosts(VnContext ctx) {
        Set<String> out = hosts(ctx.tenantSystems(), ctx.nves());
        for (String systemId : ctx.redirectingNves()) {
            if (ctx.nves().containsKey(systemId)) {
                out.add(systemId);
            }
        }
        return out;
    }

    /** NVEs where some of these tenant systems are present (forwarding or suspended). */
    static Set<String> hosts(Iterable<TenantSystem> tss, Map<String, Nve> nves) {
        Set<String> out = new TreeSet<>();
        for (TenantSystem ts : tss) {
            Placement.nveOf(ts, nves).ifPresent(n -> out.add(n.systemId()));
        }
        return out;
    }

    static Set<Inet4Address> domainVteps(Map<String, Nve> nves) {
        return nves.values().stream().map(Nve::vtep).collect(Collectors.toUnmodifiableSet());
    }
}
