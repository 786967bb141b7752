package io.nvo3.controller.bgp;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.speaker.RibEntry;
import io.nvo3.bgp.speaker.RouteEvent;
import io.nvo3.bgp.speaker.RouteListener;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the speaker does not keep for us: since when each best path is in place (the RIB's "Age"
 * column) and how many best paths each neighbor supplies per family. Fed by best-path events,
 * seeded from a RIB dump; both paths go through {@link ConcurrentHashMap#compute} so counts stay exact.
 */
final class RibTracker implements RouteListener {
    private record Key(AfiSafi family, Nlri nlri) {}

    private record Seen(Instant since, InetAddress peer, RouteAttributes attributes) {}

    private record PeerFamily(InetAddress peer, AfiSafi family) {}

    private final Clock clock;
    private final Map<Key, Seen> routes = new ConcurrentHashMap<>();
    private final Map<PeerFamily, AtomicLong> bestFrom = new ConcurrentHashMap<>();

    RibTracker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onBestPathChange(RouteEvent e) {
        Key k = new Key(e.family(), e.nlri());
        if (e.withdrawn()) {
            routes.compute(k, (key, old) -> {
                count(old, -1, e.family());
                return null;
            });
            return;
        }
        InetAddress peer = e.peer().orElse(null);
        RouteAttributes attrs = e.attributes().orElseThrow();
        routes.compute(k, (key, old) -> {
            if (old != null && Objects.equals(old.peer(), peer) && old.attributes().equals(attrs)) {
                return old;
            }
            count(old, -1, e.family());
            Seen now = new Seen(clock.instant(), peer, attrs);
            count(now, 1, e.family());
            return now;
        });
    }

    /** Adds destinations a dump shows that no event announced yet (routes learned before we subscribed). */
    void seed(AfiSafi family, Iterable<RibEntry> entries) {
        for (RibEntry e : entries) {
            routes.compute(new Key(family, e.nlri()), (key, old) -> {
                if (old != null) {
                    return old;
                }
                Seen now = new Seen(clock.instant(), e.peer().orElse(null), e.best());
                count(now, 1, family);
                return now;
            });
        }
    }

    private void count(Seen s, int delta, AfiSafi family) {
        if (s != null && s.peer() != null) {
            bestFrom.computeIfAbsent(new PeerFamily(s.peer(), family), x -> new AtomicLong()).addAndGet(delta);
        }
    }

    /** Since when the current best path to {@code nlri} is in place. */
    Optional<Duration> age(AfiSafi family, Nlri nlri) {
        Seen s = routes.get(new Key(family, nlri));
        return s == null ? Optional.empty() : Optional.of(Duration.between(s.since(), clock.instant()));
    }

    /** Best paths in {@code family} that {@code peer} supplies. */
    long bestFrom(InetAddress peer, AfiSafi family) {
        AtomicLong n = bestFrom.get(new PeerFamily(peer, family));
        return n == null ? 0 : n.get();
    }
}
