package io.nvo3.controller.federation.wiring;

import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.controller.bgp.RouteText;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.controller.federation.export.ExportedRoute;
import io.nvo3.controller.federation.imports.FloodRoute;
import io.nvo3.controller.federation.imports.ImportSnapshot;
import io.nvo3.controller.federation.imports.MacRoute;
import io.nvo3.controller.federation.imports.RemoteRibView;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link FederationView} from one recompute. */
final class FederationViews {
    private FederationViews() {}

    /**
     * @param importReady {@link RemoteGate#isReady()} and {@code held} {@link RemoteGate#held()} when the inputs were
     *                    computed (the view may be built later, on another thread)
     */
    static FederationView of(boolean importReady, int held, Set<RouteTarget> importTargets, List<VnRouting> vns,
                             Map<String, Set<ExportedRoute>> exported, ImportSnapshot snap, List<String> conflicts,
                             Map<String, List<FederationView.LocalMac>> mobility) {
        Map<String, RemoteRibView.VnView> remote = RemoteRibView.perVn(snap);
        List<FederationView.Vn> out = new ArrayList<>();
        for (VnRouting vn : vns) {
            List<FederationView.Exported> ex = new ArrayList<>();
            for (ExportedRoute r : exported.getOrDefault(vn.networkId(), Set.of())) {
                ex.add(new FederationView.Exported(RouteText.nlri(r.nlri()), r.nextHop().getHostAddress(),
                        sequence(r)));
            }
            RemoteRibView.VnView rv = remote.get(vn.networkId());
            List<FederationView.RemoteMacRoute> macs = new ArrayList<>();
            List<FederationView.RemoteFlood> floods = new ArrayList<>();
            if (rv != null) {
                for (MacRoute m : rv.macs()) {
                    macs.add(new FederationView.RemoteMacRoute(m.mac().toString(),
                            m.ip().map(InetAddress::getHostAddress).orElse(null), m.vtep().getHostAddress(), m.vni(),
                            String.valueOf(m.rd()), m.nextHop().getHostAddress(), peer(m.peer()), m.sequence(),
                            m.selected()));
                }
                for (FloodRoute f : rv.floodMembers()) {
                    floods.add(new FederationView.RemoteFlood(f.vtep().getHostAddress(), f.vni(),
                            String.valueOf(f.rd()), f.nextHop().getHostAddress(), peer(f.peer())));
                }
            }
            out.add(new FederationView.Vn(vn.networkId(), vn.localVni(), vn.advertisedVni(), String.valueOf(vn.rd()),
                    rts(vn.importTargets()), rts(vn.exportTargets()), vn.warnings(), ex, macs, floods,
                    mobility.getOrDefault(vn.networkId(), List.of())));
        }
        List<FederationView.Skipped> skipped = snap.errors().stream().map(s -> new FederationView.Skipped(
                RouteText.nlri(s.route().nlri()), peer(s.route().peer()), s.reason().name(), s.detail())).toList();
        return new FederationView(true, importReady, held, rts(importTargets), out, conflicts, skipped);
    }

    /** The MAC Mobility sequence of a MAC/IP route (0 without the community); null for other route types. */
    private static Long sequence(ExportedRoute r) {
        if (!(r.nlri() instanceof io.nvo3.bgp.wire.nlri.EvpnRoute.MacIpAdvertisement)) {
            return null;
        }
        return r.extendedCommunities().stream()
                .filter(c -> c instanceof io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.MacMobility)
                .map(c -> ((io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.MacMobility) c).sequence())
                .findFirst().orElse(0L);
    }

    private static List<String> rts(Collection<RouteTarget> rts) {
        return rts.stream().map(RouteText::extendedCommunity).toList();
    }

    private static String peer(Optional<InetAddress> p) {
        return p.map(InetAddress::getHostAddress).orElse(null);
    }
}
