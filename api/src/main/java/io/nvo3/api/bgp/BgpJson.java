package io.nvo3.api.bgp;

import io.nvo3.controller.bgp.BgpFamily;
import io.nvo3.controller.bgp.NeighborSpec;
import io.nvo3.controller.bgp.NeighborView;
import io.nvo3.controller.bgp.PrefixCounts;
import io.nvo3.controller.bgp.RibRoute;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code /api/v1/bgp}: snake_case keys, family names as in the configuration, times in seconds. */
final class BgpJson {
    private BgpJson() {}

    static Map<String, Object> neighbor(NeighborView v) {
        NeighborSpec s = v.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", s.address().getHostAddress());
        m.put("port", s.port());
        m.put("remote_as", s.remoteAs());
        m.put("description", s.description().orElse(null));
        m.put("state", v.stateName());
        m.put("uptime", v.uptime().map(d -> d.toSeconds()).orElse(null));
        m.put("established_since", v.establishedSince().map(Object::toString).orElse(null));
        m.put("families", names(s.families()));
        m.put("negotiated_families", names(v.negotiatedFamilies()));
        m.put("prefixes", prefixes(v));
        m.put("last_error", v.lastError().orElse(null));
        m.put("peer_as", v.peerAs().isPresent() ? v.peerAs().getAsLong() : null);
        m.put("peer_router_id", v.peerRouterId().orElse(null));
        m.put("passive", s.passive());
        m.put("hold_time", s.holdTime());
        m.put("negotiated_hold_time", v.negotiatedHoldTime().isPresent() ? v.negotiatedHoldTime().getAsInt() : null);
        m.put("graceful_restart", s.gracefulRestart());
        m.put("local_address", s.localAddress().map(InetAddress::getHostAddress).orElse(null));
        m.put("route_reflector_client", s.routeReflectorClient());
        m.put("next_hop_self", s.nextHopSelf());
        m.put("self_next_hop", s.selfNextHop().map(InetAddress::getHostAddress).orElse(null));
        m.put("max_prefixes", s.maxPrefixes());
        m.put("connect_retry", s.connectRetry().toSeconds());
        Map<String, Object> messages = new LinkedHashMap<>();
        messages.put("sent", messages(v.messagesSent()));
        messages.put("received", messages(v.messagesReceived()));
        m.put("messages", messages);
        return m;
    }

    /** Message statistics of one direction, as {@code gobgp neighbor X} shows them. */
    private static Map<String, Object> messages(io.nvo3.bgp.session.MessageCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", c.open());
        m.put("update", c.update());
        m.put("notification", c.notification());
        m.put("keepalive", c.keepalive());
        m.put("route_refresh", c.routeRefresh());
        m.put("other", c.other());
        m.put("total", c.total());
        return m;
    }

    /**
     * Totals at the top ({@code received}, {@code accepted}, {@code advertised}) and one object per configured
     * family under its name, counted per AFI/SAFI by the speaker (the totals are their sums); {@code advertised}
     * is null only for a neighbor without a running speaker.
     */
    private static Map<String, Object> prefixes(NeighborView v) {
        Map<String, Object> p = counts(v.total());
        for (BgpFamily f : v.spec().families()) {
            p.put(f.configName(), counts(v.byFamily().getOrDefault(f, PrefixCounts.ZERO)));
        }
        return p;
    }

    private static Map<String, Object> counts(PrefixCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", c.received());
        m.put("accepted", c.accepted());
        m.put("advertised", c.advertised().isPresent() ? c.advertised().getAsLong() : null);
        return m;
    }

    static Map<String, Object> route(RibRoute r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", r.prefix());
        m.put("nlri", r.prefix());
        m.put("labels", r.labels());
        m.put("next_hop", r.nextHop().orElse(null));
        m.put("as_path", r.asPath());
        m.put("origin", r.origin());
        m.put("local_pref", r.localPref().isPresent() ? r.localPref().getAsLong() : null);
        m.put("med", r.med().isPresent() ? r.med().getAsLong() : null);
        m.put("communities", r.communities());
        m.put("extended_communities", r.extendedCommunities());
        m.put("large_communities", r.largeCommunities());
        m.put("other_attributes", r.otherAttributes());
        m.put("peer", r.peer().orElse(null));
        m.put("best", r.best());
        m.put("stale", r.stale());
        m.put("paths", r.paths());
        m.put("age", r.age().toSeconds());
        return m;
    }

    private static List<String> names(List<BgpFamily> families) {
        return families.stream().map(BgpFamily::configName).toList();
    }
}
