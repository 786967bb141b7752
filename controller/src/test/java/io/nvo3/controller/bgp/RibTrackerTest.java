package io.nvo3.controller.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.speaker.RibEntry;
import io.nvo3.bgp.speaker.RouteEvent;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RibTrackerTest {
    static InetAddress ip(String s) {
        return BgpConfigParser.ipLiteral(s).orElseThrow();
    }

    static final AfiSafi V4 = AfiSafi.IPV4_UNICAST;
    static final IpPrefix P = IpPrefix.of(ip("198.51.100.0"), 24);
    static final IpPrefix Q = IpPrefix.of(ip("203.0.113.0"), 24);
    static final InetAddress A = ip("127.0.0.2");
    static final InetAddress B = ip("127.0.0.3");

    Instant now = Instant.parse("2026-11-28T00:00:00Z");
    final RibTracker tracker = new RibTracker(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    static RouteAttributes attrs(long med) {
        return RouteAttributes.of(List.of(new PathAttribute.MultiExitDisc(med)), ip("198.18.0.1"));
    }

    void best(IpPrefix p, InetAddress peer, RouteAttributes a) {
        tracker.onBestPathChange(new RouteEvent(V4, p, Optional.of(a), Optional.ofNullable(peer)));
    }

    @Test
    void ageRestartsOnlyWhenTheBestPathChanges() {
        best(P, A, attrs(1));
        now = now.plusSeconds(30);
        best(P, A, attrs(1));
        assertThat(tracker.age(V4, P)).contains(Duration.ofSeconds(30));
        best(P, A, attrs(2));
        now = now.plusSeconds(5);
        assertThat(tracker.age(V4, P)).contains(Duration.ofSeconds(5));
        tracker.onBestPathChange(new RouteEvent(V4, P, Optional.empty(), Optional.empty()));
        assertThat(tracker.age(V4, P)).isEmpty();
    }

    @Test
    void countsBestPathsPerNeighborAndFamily() {
        best(P, A, attrs(1));
        best(Q, A, attrs(1));
        assertThat(tracker.bestFrom(A, V4)).isEqualTo(2);
        best(Q, B, attrs(1));
        assertThat(tracker.bestFrom(A, V4)).isEqualTo(1);
        assertThat(tracker.bestFrom(B, V4)).isEqualTo(1);
        best(P, null, attrs(1));
        assertThat(tracker.bestFrom(A, V4)).isZero();
        assertThat(tracker.bestFrom(A, AfiSafi.L2VPN_EVPN)).isZero();
    }

    @Test
    void seedingAddsOnlyWhatNoEventAnnounced() {
        best(P, A, attrs(1));
        now = now.plusSeconds(10);
        tracker.seed(V4, List.of(new RibEntry(P, attrs(1), Optional.of(A), false, 1), new RibEntry(Q, attrs(1), Optional.of(B), false, 1)));
        assertThat(tracker.age(V4, P)).contains(Duration.ofSeconds(10));
        assertThat(tracker.age(V4, Q)).contains(Duration.ZERO);
        assertThat(tracker.bestFrom(A, V4)).isEqualTo(1);
        assertThat(tracker.bestFrom(B, V4)).isEqualTo(1);
    }
}
