package io.nvo3.controller.federation;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.extcommunities.AdministratorType;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/** Pure computation of {@link VnRouting} from the defaults and the associated BGPVPNs. */
public final class VnRoutings {
    /** Route targets ordered by administrator type, global then local administrator. */
    public static final Comparator<RouteTarget> RT_ORDER = Comparator.comparing(RouteTarget::type)
            .thenComparingLong(RouteTarget::global).thenComparingLong(RouteTarget::local);

    private VnRoutings() {}

    /**
     * The default route target {@code <asn>:<vni>}: RFC 8365 §5.1.2.1 auto-derives the RT from the AS
     * and the VNI; like FRR's auto-RT we use the plain "AS:VNI" form (Global Administrator = the AS,
     * Local Administrator = the VNI, no A/Type/D-ID bits). A 4-octet AS does not fit a 2-octet
     * Global Administrator next to a 24-bit VNI: its low 16 bits are used, as FRR does.
     */
    public static RouteTarget defaultRouteTarget(long asn, long vni) {
        return new RouteTarget(AdministratorType.AS2, asn & 0xffff, vni);
    }

    /** The default route distinguisher {@code <router-id>:<n>} (type 1). */
    public static RouteDistinguisher defaultRd(Inet4Address routerId, int number) {
        return RouteDistinguisher.type1(RouteAttributes.ipv4(routerId), number);
    }

    /**
     * The routing of VN {@code networkId} (VNI {@code vni}, default RD number {@code rdNumber} from
     * {@link RdAllocator}) given the BGPVPNs associated with it (any order).
     *
     * <ul>
     *   <li>RTs: neutron-lib api-ref: "The set of RTs used for import is the union of route_targets and
     *   import_targets. The set of RTs used for export is the union of route_targets and export_targets."
     *   l2 BGPVPNs add to the EVPN sets, which always hold the default RT; l3 ones to the L3 sets.</li>
     *   <li>VNI: "The optional vni attribute is an admin-only parameter and allows the admin to enforce the
     *   use of a chosen globally-assigned VXLAN VNI for the said BGPVPN. The default when no VNI is
     *   specified ... is to let the backend choose the VNI in advertised routes, and use the VNI in
     *   received routes for transmitted traffic." So an associated l2 BGPVPN's vni becomes the advertised
     *   VNI; with several different ones the lowest BGPVPN id wins and a warning says so.</li>
     *   <li>RD: "when a list of RDs is specified, the backend will use, for a said advertisement of a
     *   route, one of these RDs ... When not specified, the backend will use automatically-assigned RDs":
     *   the first RD of the first (by id) associated l2 BGPVPN that lists any, else the default.</li>
     *   <li>local_pref: the first (by id) associated BGPVPN that sets one.</li>
     * </ul>
     */
    public static VnRouting compute(String networkId, long vni, int rdNumber, LocalDomain domain,
                                    Collection<BgpVpn> associated) {
        List<BgpVpn> vpns = new ArrayList<>(associated);
        vpns.sort(Comparator.comparing(BgpVpn::id));
        Set<RouteTarget> imp = new TreeSet<>(RT_ORDER);
        Set<RouteTarget> exp = new TreeSet<>(RT_ORDER);
        Set<RouteTarget> l3imp = new TreeSet<>(RT_ORDER);
        Set<RouteTarget> l3exp = new TreeSet<>(RT_ORDER);
        RouteTarget def = defaultRouteTarget(domain.asn(), vni);
        imp.add(def);
        exp.add(def);
        RouteDistinguisher rd = null;
        Integer advertised = null;
        String vniFrom = null;
        OptionalLong localPref = OptionalLong.empty();
        List<String> warnings = new ArrayList<>();
        for (BgpVpn b : vpns) {
            Set<RouteTarget> i = b.type() == BgpVpnType.L2 ? imp : l3imp;
            Set<RouteTarget> e = b.type() == BgpVpnType.L2 ? exp : l3exp;
            for (String s : b.routeTargets()) {
                RouteTarget rt = RtRdSyntax.routeTarget("route_targets", s);
                i.add(rt);
                e.add(rt);
            }
            b.importTargets().forEach(s -> i.add(RtRdSyntax.routeTarget("import_targets", s)));
            b.exportTargets().forEach(s -> e.add(RtRdSyntax.routeTarget("export_targets", s)));
            if (b.type() == BgpVpnType.L2) {
                if (rd == null && !b.routeDistinguishers().isEmpty()) {
                    rd = RtRdSyntax.routeDistinguisher("route_distinguishers", b.routeDistinguishers().get(0));
                }
                if (b.vni() != null) {
                    if (advertised == null) {
                        advertised = b.vni();
                        vniFrom = b.id();
                    } else if (!advertised.equals(b.vni())) {
                        warnings.add("BGPVPN " + b.id() + " asks for VNI " + b.vni() + " but BGPVPN " + vniFrom
                                + " already set VNI " + advertised + "; advertising " + advertised);
                    }
                }
            }
            if (localPref.isEmpty() && b.localPref() != null) {
                localPref = OptionalLong.of(b.localPref());
            }
        }
        return new VnRouting(networkId, Math.toIntExact(vni), advertised != null ? advertised : Math.toIntExact(vni),
                rd != null ? rd : defaultRd(domain.routerId(), rdNumber), imp, exp, l3imp, l3exp, localPref,
                warnings);
    }

    /**
     * Every route target some VN imports (EVPN and L3), for RT constraint (RFC 4684: advertise only what
     * we import), e.g. {@code BgpSpeaker.setImportTargets}.
     */
    public static Set<RouteTarget> allImportTargets(Collection<VnRouting> vns) {
        Set<RouteTarget> all = new TreeSet<>(RT_ORDER);
        for (VnRouting vn : vns) {
            all.addAll(vn.importTargets());
            all.addAll(vn.l3ImportTargets());
        }
        return sorted(all);
    }

    static Set<RouteTarget> sorted(Set<RouteTarget> in) {
        TreeSet<RouteTarget> s = new TreeSet<>(RT_ORDER);
        s.addAll(in);
        return Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }
}
