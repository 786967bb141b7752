package io.nvo3.fib;

import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A VN's IPv4 neighbour table as the FIB knows it: what a proxy ARP may answer. */
final class Neighbors {
    private static final Comparator<Inet4Address> ORDER = Comparator.comparingLong(VnView::key);

    private Neighbors() {
    }

    /**
     * Fixed IPv4 addresses of forwarding tenant systems present on a connected NVE, and IPv4 addresses of BGP MAC/IP
     * routes (not our own reflected back). An address claimed by two MACs is left out: only its owners can answer.
     * Allowed address pairs are left out too: a shared VIP moves by gratuitous ARP, which the FIB does not see.
     */
    static Map<Inet4Address, MacAddress> ipv4(VnContext ctx) {
        Map<Inet4Address, MacAddress> out = new TreeMap<>(ORDER);
        claims(ctx).forEach((ip, macs) -> {
            if (macs.size() == 1) {
                out.put(ip, macs.iterator().next());
            }
        });
        return out;
    }

    /** Every IPv4 address the FIB knows in the VN, with all the MACs that claim it. */
    static Map<Inet4Address, Set<MacAddress>> claims(VnContext ctx) {
        Map<Inet4Address, Set<MacAddress>> claims = new TreeMap<>(ORDER);
        for (TenantSystem ts : ctx.tenantSystems()) {
            if (!ts.state().forwards() || Placement.nveOf(ts, ctx.nves()).isEmpty()) {
                continue;
            }
            for (InetAddress ip : ts.fixedIps()) {
                if (ip instanceof Inet4Address a) {
                    claims.computeIfAbsent(a, k -> new TreeSet<>()).add(ts.mac());
                }
            }
        }
        for (RemoteMac r : ctx.remoteMacs()) {
            if (!ctx.domainVteps().contains(r.vtep()) && r.ip().orElse(null) instanceof Inet4Address a) {
                claims.computeIfAbsent(a, k -> new TreeSet<>()).add(r.mac());
            }
        }
        return claims;
    }
}
