package io.nvo3.controller.bgp;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.speaker.RibEntry;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Loc-RIB destination with its best path, as text for the API and CLI ({@link RouteText} forms).
 *
 * @param peer   the neighbor that sent the best path; empty for our own routes
 * @param stale  kept for a restarting neighbor (RFC 4724)
 * @param paths  how many paths the RIB holds for the destination
 * @param localPref LOCAL_PREF as best-path selection uses it (100 when absent)
 * @param age    since the best path was last seen to change (in this controller run)
 */
public record RibRoute(BgpFamily family, String prefix, List<Integer> labels, Optional<String> nextHop, String asPath,
        String origin, OptionalLong localPref, OptionalLong med, List<String> communities, List<String> extendedCommunities,
        List<String> largeCommunities, List<String> otherAttributes, Optional<String> peer, boolean best, boolean stale,
        int paths, Duration age) {

    public RibRoute {
        labels = List.copyOf(labels);
        communities = List.copyOf(communities);
        extendedCommunities = List.copyOf(extendedCommunities);
        largeCommunities = List.copyOf(largeCommunities);
        otherAttributes = List.copyOf(otherAttributes);
    }

    static RibRoute of(BgpFamily family, RibEntry e, Duration age) {
        RouteAttributes a = e.best();
        return new RibRoute(family, RouteText.nlri(e.nlri()), RouteText.labels(e.nlri()),
                Optional.ofNullable(a.nextHop()).map(InetAddress::getHostAddress),
                a.attribute(PathAttribute.AsPath.class).map(p -> RouteText.asPath(p.segments())).orElse(""),
                a.attribute(PathAttribute.Origin.class).map(o -> RouteText.origin(o.origin())).orElse("incomplete"),
                // The value best-path selection used: LOCAL_PREF, or 100 when the path has none (eBGP, RFC 4271 §5.1.5).
                OptionalLong.of(a.localPref()),
                a.attribute(PathAttribute.MultiExitDisc.class).map(m -> OptionalLong.of(m.value())).orElse(OptionalLong.empty()),
                a.attribute(PathAttribute.Communities.class).map(c -> c.communities().stream().map(RouteText::community).toList())
                        .orElse(List.of()),
                a.extendedCommunities().stream().map(RouteText::extendedCommunity).toList(),
                a.attribute(PathAttribute.LargeCommunities.class).map(c -> c.communities().stream()
                        .map(l -> l.global() + ":" + l.local1() + ":" + l.local2()).toList()).orElse(List.of()),
                RouteText.otherAttributes(a.attributes()),
                e.peer().map(InetAddress::getHostAddress), true, e.stale(), e.paths(), age);
    }
}
