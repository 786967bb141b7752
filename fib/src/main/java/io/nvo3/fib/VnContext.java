package io.nvo3.fib;

import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Everything one VN's slice on any NVE depends on: the VN, its tenant systems (wherever they are), the connected
 * NVEs, its BGP-learned MACs and flood members, and the VTEPs of this domain (BGP routes pointing at one of our own
 * VTEPs are our own routes reflected back and are ignored).
 */
record VnContext(VirtualNetwork vn, Collection<TenantSystem> tenantSystems, Map<String, Nve> nves,
                 Collection<RemoteMac> remoteMacs, Collection<RemoteFloodMember> floodMembers,
                 Set<Inet4Address> domainVteps) {
}
