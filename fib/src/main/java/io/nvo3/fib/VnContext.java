package io.nvo3.fib;

import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything one VN's slice on any NVE depends on: the VN, its tenant systems (wherever they are), the connected
 * NVEs, its BGP-learned MACs and flood members, the redirects of its moved MACs, and the VTEPs of this domain (BGP
 * routes pointing at one of our own VTEPs are our own routes reflected back and are ignored).
 */
record VnContext(VirtualNetwork vn, Collection<TenantSystem> tenantSystems, Map<String, Nve> nves,
                 Collection<RemoteMac> remoteMacs, Collection<RemoteFloodMember> floodMembers,
                 Collection<Redirect> redirects, Set<Inet4Address> domainVteps) {

    /** The context of {@code vn} in a whole snapshot (linear in the input; for one-off queries). */
    static VnContext of(FibInput input, VirtualNetwork vn) {
        return new VnContext(vn,
                input.tenantSystems().values().stream().filter(t -> t.vnId().equals(vn.id())).toList(),
                input.nves(),
                input.remoteMacs().stream().filter(m -> m.vnId().equals(vn.id())).toList(),
                input.floodMembers().stream().filter(m -> m.vnId().equals(vn.id())).toList(),
                input.redirects().stream().filter(r -> r.vnId().equals(vn.id())).toList(),
                Fib.domainVteps(input.nves()));
    }

    /**
     * Multi-VNI stitching: the VN's own VNI and every VNI its remote entries carry (a network of another domain,
     * joined by route target, may use another VNI). {@link FibInput} guarantees none of them names another VN.
     */
    Set<Integer> tunnelVnis() {
        Set<Integer> out = new TreeSet<>();
        out.add(vn.vni());
        remoteMacs.forEach(m -> out.add(m.vni()));
        floodMembers.forEach(m -> out.add(m.vni()));
        return out;
    }

    /** NVEs holding a redirect of this VN (present or not). */
    Set<String> redirectingNves() {
        Set<String> out = new TreeSet<>();
        redirects.forEach(r -> out.add(r.fromSystemId()));
        return out;
    }
}
