package io.nvo3.controller.bgp;

import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.bgp.fsm.Negotiated;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.speaker.BgpSpeaker;
import io.nvo3.bgp.speaker.NeighborStatus;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.RtMembership;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured BGP service around one {@link BgpSpeaker}. */
final class SpeakerBgpService implements BgpService {
    private static final Logger LOG = LoggerFactory.getLogger(SpeakerBgpService.class);
    static final Duration METRICS_INTERVAL = Duration.ofSeconds(2);

    private final BgpSettings settings;
    private final BgpSpeaker speaker;
    private final RibTracker tracker;
    private final BgpMetrics metrics;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Configured neighbors in order; guarded by {@code this}. */
    private final Map<InetAddress, NeighborSpec> specs = new LinkedHashMap<>();
    private volatile boolean closed;
    /** Guarded by {@code this}. */
    private Set<ExtendedCommunity.RouteTarget> importTargets = Set.of();

    private SpeakerBgpService(BgpSettings settings, BgpSpeaker speaker, MeterRegistry meters, Clock clock, Duration metricsInterval) {
        this.settings = settings;
        this.speaker = speaker;
        settings.neighbors().forEach(n -> specs.put(n.address(), n));
        this.tracker = new RibTracker(clock);
        subscriptions.add(speaker.subscribe(tracker));
        for (BgpFamily f : BgpFamily.values()) {
            tracker.seed(f.afiSafi(), speaker.rib(f.afiSafi()));
        }
        this.metrics = new BgpMetrics(meters, this::neighbors, metricsInterval);
        subscriptions.add(speaker.subscribe(metrics));
        setImportTargets(Set.of());
    }

    static SpeakerBgpService start(BgpSettings settings, MeterRegistry meters, Clock clock) {
        return start(settings, meters, clock, METRICS_INTERVAL);
    }

    static SpeakerBgpService start(BgpSettings settings, MeterRegistry meters, Clock clock, Duration metricsInterval) {
        BgpSpeaker speaker;
        try {
            speaker = BgpSpeaker.start(settings.toSpeakerConfig(clock));
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked BindException) from sync() undeclared.
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                String where = settings.listen().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse("-");
                throw new BgpConfigException("bgp.listen", "cannot listen on " + where + ": " + e.getMessage());
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("BGP speaker failed to start: " + e.getMessage(), e);
        }
        try {
            SpeakerBgpService s = new SpeakerBgpService(settings, speaker, meters, clock, metricsInterval);
            LOG.info("BGP AS {} router-id {} listening on {} with {} neighbor(s): {}", settings.asn(),
                    settings.routerId().getHostAddress(), speaker.listenAddress().map(Object::toString).orElse("nothing (connect out only)"),
                    settings.neighbors().size(), settings.neighbors().stream().map(SpeakerBgpService::describe)
                            .collect(Collectors.joining("; ")));
            return s;
        } catch (RuntimeException e) {
            speaker.close();
            throw e;
        }
    }

    static String describe(NeighborSpec n) {
        return n.address().getHostAddress() + (n.port() == NeighborSpec.DEFAULT_PORT ? "" : " port " + n.port()) + " AS "
                + n.remoteAs() + " " + n.families() + (n.passive() ? " passive" : "") + " hold " + n.holdTime()
                + (n.gracefulRestart() ? " gr" : "") + n.description().map(d -> " \"" + d + "\"").orElse("");
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public BgpSettings settings() {
        return settings;
    }

    @Override
    public Optional<InetSocketAddress> listenAddress() {
        return speaker.listenAddress();
    }

    private synchronized List<NeighborSpec> specs() {
        return List.copyOf(specs.values());
    }

    @Override
    public List<NeighborView> neighbors() {
        Map<InetAddress, NeighborStatus> status = speaker.neighbors().stream()
                .collect(Collectors.toMap(NeighborStatus::address, Function.identity(), (a, b) -> a));
        return specs().stream().map(s -> view(s, status.get(s.address()))).toList();
    }

    @Override
    public Optional<NeighborView> neighbor(InetAddress address) {
        NeighborSpec spec;
        synchronized (this) {
            spec = specs.get(address);
        }
        if (spec == null) {
            return Optional.empty();
        }
        return Optional.of(view(spec, speaker.neighbors().stream().filter(s -> s.address().equals(address)).findFirst().orElse(null)));
    }

    @Override
    public NeighborView addNeighbor(NeighborSpec spec) {
        synchronized (this) {
            if (specs.containsKey(spec.address())) {
                throw new BgpServiceException.Conflict(spec.address().getHostAddress());
            }
            speaker.addNeighbor(spec.toSpeakerConfig());
            specs.put(spec.address(), spec);
        }
        LOG.info("BGP config: neighbor added at runtime: {}", describe(spec));
        return neighbor(spec.address()).orElseThrow();
    }

    @Override
    public void removeNeighbor(InetAddress address) {
        NeighborSpec gone;
        synchronized (this) {
            gone = specs.get(address);
            if (gone == null) {
                throw new BgpServiceException.NotFound(address.getHostAddress());
            }
            speaker.removeNeighbor(address);
            specs.remove(address);
        }
        LOG.info("BGP config: neighbor removed at runtime: {}", describe(gone));
    }

    @Override
    public List<RibRoute> rib(BgpFamily family) {
        return speaker.rib(family.afiSafi()).stream()
                .map(e -> RibRoute.of(family, e, tracker.age(family.afiSafi(), e.nlri()).orElse(Duration.ZERO))).toList();
    }

    @Override
    public synchronized void setImportTargets(Set<ExtendedCommunity.RouteTarget> routeTargets) {
        // RFC 4684 §4: a route target membership NLRI of prefix length 0 is the default route, matching every
        // route target; peers that negotiated RT constraint send nothing of a VPN family to a speaker that
        // announced no membership at all.
        if (routeTargets.isEmpty()) {
            speaker.originate(AfiSafi.RT_CONSTRAINT, RtMembership.defaultRoute(), List.of(), null);
        } else {
            speaker.withdraw(AfiSafi.RT_CONSTRAINT, RtMembership.defaultRoute());
        }
        speaker.setImportTargets(routeTargets);
        if (!routeTargets.equals(importTargets)) {
            LOG.info("BGP import route targets: {}", routeTargets.isEmpty() ? "none (default RT membership: every route)"
                    : routeTargets.stream().map(RouteText::extendedCommunity).sorted().collect(Collectors.joining(", ")));
        }
        importTargets = Set.copyOf(routeTargets);
    }

    @Override
    public Optional<BgpSpeaker> speaker() {
        return Optional.of(speaker);
    }

    /** Refreshes the metrics now (tests). */
    void pollMetrics() {
        metrics.poll();
    }

    NeighborView view(NeighborSpec spec, NeighborStatus st) {
        if (st == null) {
            Map<BgpFamily, PrefixCounts> zero = new EnumMap<>(BgpFamily.class);
            spec.families().forEach(f -> zero.put(f, PrefixCounts.ZERO));
            return new NeighborView(spec, SessionState.IDLE, Optional.empty(), Optional.empty(), PrefixCounts.ZERO, zero,
                    Optional.empty(), List.of(), OptionalInt.empty(), Optional.empty(), OptionalLong.empty());
        }
        Optional<Negotiated> n = st.negotiated();
        List<BgpFamily> negotiated = n.map(x -> x.families().stream().map(BgpFamily::of).flatMap(Optional::stream).sorted().toList())
                .orElse(List.of());
        PrefixCounts total = new PrefixCounts(st.received(), st.accepted(), OptionalLong.of(st.advertised()));
        Map<BgpFamily, PrefixCounts> byFamily = new EnumMap<>(BgpFamily.class);
        for (BgpFamily f : spec.families()) {
            NeighborStatus.FamilyCounts c = st.family(f.afiSafi());
            byFamily.put(f, new PrefixCounts(c.received(), c.accepted(), OptionalLong.of(c.advertised())));
        }
        return new NeighborView(spec, st.state(), st.establishedSince(), st.uptime(), total, byFamily, st.lastError(), negotiated,
                n.map(x -> OptionalInt.of(x.holdTimeSeconds())).orElse(OptionalInt.empty()),
                n.map(x -> RouteAttributes.ipv4(x.peerBgpIdentifier()).getHostAddress()),
                n.map(x -> OptionalLong.of(x.peerAs())).orElse(OptionalLong.empty()), st.messagesSent(),
                st.messagesReceived());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        metrics.close();
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("unsubscribe failed", e);
            }
        }
        speaker.close();
        LOG.info("BGP stopped");
    }
}
