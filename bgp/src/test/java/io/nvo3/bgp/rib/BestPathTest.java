package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BestPathTest {
    static final io.nvo3.bgp.wire.nlri.Nlri N = io.nvo3.bgp.wire.nlri.IpPrefix.of(ip("198.51.100.0"), 24);
    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static PeerRef ebgp(int id, String addr, long as, long rid) {
        return new PeerRef(id, ip(addr), as, rid, true, false);
    }

    static PeerRef ibgp(int id, String addr, long rid) {
        return new PeerRef(id, ip(addr), 65000, rid, false, false);
    }

    static RouteAttributes attrs(long localPref, long med, int origin, long... asPath) {
        List<PathAttribute> a = new ArrayList<>();
        a.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.values()[origin]));
        a.add(new PathAttribute.AsPath(asPath.length == 0 ? List.of() : List.of(AsPathSegment.sequence(asPath))));
        if (localPref >= 0) {
            a.add(new PathAttribute.LocalPref(localPref));
        }
        if (med >= 0) {
            a.add(new PathAttribute.MultiExitDisc(med));
        }
        return RouteAttributes.of(a, ip("198.18.0.1"));
    }

    static int best(Path... p) {
        return BestPath.select(p);
    }

    @Test
    void highestLocalPrefWinsOverShorterAsPath() {
        assertThat(best(new Path(N, ibgp(1, "127.1.0.1", 1), attrs(100, -1, 0, 1), false),
                new Path(N, ibgp(2, "127.1.0.2", 2), attrs(200, -1, 0, 1, 2, 3), false))).isEqualTo(1);
    }

    @Test
    void shorterAsPathWinsThenLowerOrigin() {
        assertThat(best(new Path(N, ebgp(1, "127.1.0.1", 1, 1), attrs(-1, -1, 0, 1, 2), false),
                new Path(N, ebgp(2, "127.1.0.2", 2, 2), attrs(-1, -1, 2, 2), false))).isEqualTo(1);
        assertThat(best(new Path(N, ebgp(1, "127.1.0.1", 1, 1), attrs(-1, -1, 2, 1), false),
                new Path(N, ebgp(2, "127.1.0.2", 2, 2), attrs(-1, -1, 1, 2), false))).isEqualTo(1);
    }

    @Test
    void asSetCountsAsOne() {
        RouteAttributes set = RouteAttributes.of(List.of(new PathAttribute.AsPath(List.of(AsPathSegment.sequence(7),
                new AsPathSegment(AsPathSegment.Type.AS_SET, List.of(1L, 2L, 3L, 4L))))), ip("198.18.0.1"));
        assertThat(set.asPathLength()).isEqualTo(2);
    }

    @Test
    void medComparesOnlyBetweenRoutesFromTheSameNeighborAs() {
        // A (AS 1, MED 50), B (AS 1, MED 10), C (AS 2, MED 0): B eliminates A; C stays. B vs C then falls to
        // lowest BGP identifier: B has 9, C has 5 -> C.
        Path a = new Path(N, ebgp(1, "127.1.0.1", 1, 7), attrs(-1, 50, 0, 1), false);
        Path b = new Path(N, ebgp(2, "127.1.0.2", 1, 9), attrs(-1, 10, 0, 1), false);
        Path c = new Path(N, ebgp(3, "127.1.0.3", 2, 5), attrs(-1, 0, 0, 2), false);
        assertThat(best(a, b, c)).isEqualTo(2);
        // Without C, B's lower MED beats A's lower identifier.
        assertThat(best(a, b)).isEqualTo(1);
    }

    @Test
    void ebgpBeatsIbgpWhenEverythingBeforeTies() {
        Path i = new Path(N, ibgp(1, "127.1.0.1", 1), attrs(100, -1, 0, 5), false);
        Path e = new Path(N, ebgp(2, "127.1.0.2", 5, 9), attrs(-1, -1, 0, 5), false);
        assertThat(best(i, e)).isEqualTo(1);
    }

    @Test
    void originatorIdStandsInForTheRouterIdThenShorterClusterListThenLowerAddress() {
        RouteAttributes viaRr = attrs(100, -1, 0).with(new PathAttribute.OriginatorId((java.net.Inet4Address) ip("0.0.0.3")))
                .with(new PathAttribute.ClusterList(List.of((java.net.Inet4Address) ip("0.0.0.100"))));
        Path reflected = new Path(N, ibgp(1, "127.1.0.1", 1), viaRr, false);
        Path direct = new Path(N, ibgp(2, "127.1.0.2", 2), attrs(100, -1, 0), false);
        // originator id 3 > router id 2: the direct path wins
        assertThat(best(reflected, direct)).isEqualTo(1);
        RouteAttributes longer = viaRr.with(new PathAttribute.ClusterList(List.of((java.net.Inet4Address) ip("0.0.0.100"),
                (java.net.Inet4Address) ip("0.0.0.101"))));
        assertThat(best(new Path(N, ibgp(3, "127.1.0.3", 1), longer, false), reflected)).isEqualTo(1);
        assertThat(best(new Path(N, ibgp(4, "127.1.0.9", 1), attrs(100, -1, 0), false),
                new Path(N, ibgp(5, "127.1.0.4", 1), attrs(100, -1, 0), false))).isEqualTo(1);
    }

    @Test
    void locallyOriginatedRouteWinsOverLearnedAtEqualPreference() {
        Path learned = new Path(N, ibgp(1, "127.1.0.1", 1), attrs(100, -1, 0), false);
        Path local = new Path(N, PeerRef.LOCAL, attrs(100, -1, 0), false);
        assertThat(best(learned, local)).isEqualTo(1);
    }

    @Test
    void locRibReportsBestChangesAndKeepsStalePathsUntilSwept() {
        LocRib rib = new LocRib(io.nvo3.bgp.wire.AfiSafi.IPV4_UNICAST);
        var n = io.nvo3.bgp.wire.nlri.IpPrefix.of(ip("198.51.100.0"), 24);
        Path p1 = new Path(N, ebgp(1, "127.1.0.1", 1, 1), attrs(-1, -1, 0, 1, 2), false);
        Path p2 = new Path(N, ebgp(2, "127.1.0.2", 2, 2), attrs(-1, -1, 0, 2), false);
        assertThat(rib.put(n, p1).newBest()).isEqualTo(p1);
        assertThat(rib.put(n, p2).newBest()).isEqualTo(p2);
        assertThat(rib.put(n, p2)).isNull();
        assertThat(rib.markStale(2)).isEqualTo(1);
        assertThat(rib.best(n).stale()).isTrue();
        var changes = rib.removeAll(2, Path::stale);
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.newBest()).isEqualTo(p1));
        assertThat(rib.remove(n, 1).newBest()).isNull();
        assertThat(rib.size()).isZero();
    }

    @Test
    void internerSharesEqualAttributeSets() {
        AttributeInterner in = new AttributeInterner();
        RouteAttributes a = in.intern(attrs(100, 5, 0, 1));
        RouteAttributes b = in.intern(attrs(100, 5, 0, 1));
        assertThat(b).isSameAs(a);
    }
}
