package io.nvo3.controller.federation.export;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.controller.federation.VnRouting;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The EVPN routes a domain originates for its VNs (RFC 7432, RFC 8365 VXLAN, VLAN-based service: one
 * VNI per VN). Pure: the same input always gives the same set, iterated in {@link EvpnOrder} order.
 */
public final class EvpnExport {
    /**
     * RFC 8365 §5.1.3: "For the VLAN-based service (a single VNI per MAC-VRF), the Ethernet Tag field
     * in the MAC/IP Advertisement, Ethernet A-D per EVI, and IMET route MUST be set to zero".
     */
    public static final long ETHERNET_TAG = 0;

    private static final Comparator<LocalTenantSystem> PREFERRED = Comparator
            .comparingLong(LocalTenantSystem::mobilitySequence).reversed()
            .thenComparing(t -> t.vtep().orElseThrow(), EvpnOrder.ADDRESS)
            .thenComparing(LocalTenantSystem::portId);

    private EvpnExport() {}

    /**
     * The routes of one VN: for each RUNNING tenant system with a VTEP a type 2 route for its MAC and
     * one per fixed IP, and a type 3 route per VTEP hosting one of them. Should two tenant systems
     * claim one MAC, the one with the higher mobility sequence (then the lower VTEP, then port id)
     * is exported.
     */
    public static Set<ExportedRoute> routes(VnRouting vn, Collection<LocalTenantSystem> tenantSystems) {
        TreeSet<Inet4Address> vteps = new TreeSet<>(EvpnOrder.ADDRESS);
        List<ExportedRoute> out = new ArrayList<>();
        for (LocalTenantSystem ts : preferredByMac(tenantSystems).values()) {
            Inet4Address vtep = ts.vtep().orElseThrow();
            // The NVE still hosts the tenant system and takes part in flooding (IMET) even when another domain's
            // route for its MAC won (RFC 7432 §15) and its MAC/IP routes are withdrawn.
            vteps.add(vtep);
            if (ts.macRoutesWithdrawn()) {
                continue;
            }
            List<PathAttribute> attrs = macIpAttributes(vn, ts.mobilitySequence());
            out.add(macIp(vn, ts, Optional.empty(), vtep, attrs));
            ts.fixedIps().stream().distinct().sorted(EvpnOrder.ADDRESS)
                    .forEach(ip -> out.add(macIp(vn, ts, Optional.of(ip), vtep, attrs)));
        }
        for (Inet4Address vtep : vteps) {
            out.add(imet(vn, vtep));
        }
        return ordered(out);
    }

    /**
     * Per MAC the exported tenant system that claims it: should two claim one MAC, the one with the higher mobility
     * sequence, then the lower VTEP, then the lower port id. Ordered by MAC.
     */
    public static Map<io.nvo3.bgp.wire.MacAddress, LocalTenantSystem> preferredByMac(
            Collection<LocalTenantSystem> tenantSystems) {
        Map<Long, LocalTenantSystem> byMac = new TreeMap<>();
        for (LocalTenantSystem ts : tenantSystems) {
            if (ts.exported()) {
                byMac.merge(ts.mac().bits(), ts, (a, b) -> PREFERRED.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<io.nvo3.bgp.wire.MacAddress, LocalTenantSystem> out = new LinkedHashMap<>();
        byMac.values().forEach(ts -> out.put(ts.mac(), ts));
        return out;
    }

    /**
     * The union of {@link #routes} over several VNs. Two VNs can only produce the same NLRI when they
     * share an RD (one BGPVPN with explicit route_distinguishers associated with both); then the VN
     * with the lower network id keeps the route and the clash is listed in {@link DomainExport#conflicts()}.
     */
    public static DomainExport routes(Map<VnRouting, ? extends Collection<LocalTenantSystem>> vns) {
        List<VnRouting> order = new ArrayList<>(vns.keySet());
        order.sort(Comparator.comparing(VnRouting::networkId));
        Map<ExportedRoute.Key, ExportedRoute> all = new LinkedHashMap<>();
        Map<ExportedRoute.Key, String> owner = new HashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (VnRouting vn : order) {
            for (ExportedRoute r : routes(vn, vns.get(vn))) {
                String first = owner.putIfAbsent(r.key(), vn.networkId());
                if (first == null) {
                    all.put(r.key(), r);
                } else {
                    conflicts.add("VN " + vn.networkId() + " and VN " + first + " both export " + r.nlri()
                            + " (same RD " + vn.rd() + "); kept VN " + first + "'s route");
                }
            }
        }
        return new DomainExport(ordered(all.values()), conflicts);
    }

    /** The routes of a whole domain and the NLRI clashes between its VNs (normally none). */
    public record DomainExport(Set<ExportedRoute> routes, List<String> conflicts) {
        public DomainExport {
            routes = ordered(routes);
            conflicts = List.copyOf(conflicts);
        }
    }

    static Set<ExportedRoute> ordered(Collection<ExportedRoute> routes) {
        List<ExportedRoute> l = new ArrayList<>(routes);
        l.sort(Comparator.comparing(ExportedRoute::nlri, EvpnOrder.NLRI)
                .thenComparing(r -> r.nextHop(), EvpnOrder.ADDRESS));
        return Collections.unmodifiableSet(new LinkedHashSet<>(l));
    }

    /** RFC 7432 §7.2 MAC/IP Advertisement route. */
    private static ExportedRoute macIp(VnRouting vn, LocalTenantSystem ts, Optional<InetAddress> ip, Inet4Address vtep,
                                       List<PathAttribute> attrs) {
        // RFC 8365 §5.1.3: "the MPLS Label1 field in the MAC/IP Advertisement route ... [is] used to carry
        // the VNI ... the entire 24-bit field is used to encode the VNI value." Single-homed: ESI 0; L2 only:
        // no Label2.
        EvpnRoute.MacIpAdvertisement nlri = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, vn.rd(), Esi.ZERO,
                ETHERNET_TAG, ts.mac(), ip, Labels.vni(vn.advertisedVni()), OptionalInt.empty());
        return new ExportedRoute(AfiSafi.L2VPN_EVPN, nlri, vtep, attrs);
    }

    /** RFC 7432 §7.3 Inclusive Multicast Ethernet Tag route with the PMSI Tunnel attribute (RFC 6514 §5). */
    private static ExportedRoute imet(VnRouting vn, Inet4Address vtep) {
        EvpnRoute.InclusiveMulticast nlri = new EvpnRoute.InclusiveMulticast(Nlri.NO_PATH_ID, vn.rd(), ETHERNET_TAG,
                vtep);
        List<PathAttribute> attrs = new ArrayList<>(common(vn, List.of()));
        // RFC 8365 §5.1.3: "the MPLS label field in the PMSI Tunnel attribute of the IMET route [is] used to
        // carry the VNI"; RFC 7432 §11.2: with ingress replication "the Tunnel Identifier ... the unicast
        // tunnel endpoint IP address of the PE" — here the NVE's VTEP.
        attrs.add(PathAttribute.PmsiTunnel.ingressReplication(Labels.vni(vn.advertisedVni()), vtep));
        return new ExportedRoute(AfiSafi.L2VPN_EVPN, nlri, vtep, sortByType(attrs));
    }

    private static List<PathAttribute> macIpAttributes(VnRouting vn, long sequence) {
        List<ExtendedCommunity> extra = new ArrayList<>();
        if (sequence > 0) {
            // RFC 7432 §15.1: a MAC advertised for the first time carries no MAC Mobility extended community
            // (sequence 0); after each move it carries the incremented sequence number (§7.7).
            extra.add(new ExtendedCommunity.MacMobility(false, sequence));
        }
        return sortByType(common(vn, extra));
    }

    private static List<PathAttribute> common(VnRouting vn, List<ExtendedCommunity> extra) {
        List<PathAttribute> attrs = new ArrayList<>();
        attrs.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
        vn.localPref().ifPresent(lp -> attrs.add(new PathAttribute.LocalPref(lp)));
        List<ExtendedCommunity> ecs = new ArrayList<>(vn.exportTargets());
        // RFC 8365 §5.1.3: "the BGP Encapsulation Extended Community ... MUST be included in all routes
        // advertised by an NVE"; tunnel type 8 = VXLAN (RFC 9012 §4.1 / IANA).
        ecs.add(ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN));
        ecs.addAll(extra);
        attrs.add(new PathAttribute.ExtendedCommunities(ecs));
        return attrs;
    }

    private static List<PathAttribute> sortByType(List<PathAttribute> attrs) {
        PathAttribute[] a = attrs.toArray(PathAttribute[]::new);
        Arrays.sort(a, Comparator.comparingInt(PathAttribute::typeCode));
        return List.of(a);
    }
}
