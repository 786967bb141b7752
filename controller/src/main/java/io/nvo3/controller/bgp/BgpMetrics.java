package io.nvo3.controller.bgp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.speaker.RouteEvent;
import io.nvo3.bgp.speaker.RouteListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BGP meters, refreshed from neighbor status snapshots ({@link #poll()}, every {@code interval}) and
 * from best-path events:
 * <ul>
 * <li>{@code nvo3.bgp.sessions{state}} — neighbors per FSM state (gauge)</li>
 * <li>{@code nvo3.bgp.neighbors} — configured neighbors (gauge)</li>
 * <li>{@code nvo3.bgp.prefixes{neighbor,family,kind=received|accepted|advertised}} — gauges, family "all" for totals</li>
 * <li>{@code nvo3.bgp.session.transitions{neighbor,state}} — state changes seen between snapshots (counter)</li>
 * <li>{@code nvo3.bgp.notifications{direction=sent|received,code,subcode}} — from each new last error (counter)</li>
 * <li>{@code nvo3.bgp.route.changes{family,action=announce|withdraw}} — Loc-RIB best-path changes (counter)</li>
 * </ul>
 * The speaker exposes no message counters: UPDATEs in/out cannot be counted here, and a NOTIFICATION
 * is seen only as a changed last error between two snapshots.
 */
final class BgpMetrics implements RouteListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BgpMetrics.class);
    private static final Pattern RECEIVED = Pattern.compile("NOTIFICATION received: ([A-Za-z_0-9]+)/([A-Za-z_0-9]+)");
    private static final Pattern SENT = Pattern.compile("\\(sent ([A-Za-z_0-9]+)/([A-Za-z_0-9]+)");

    /** A NOTIFICATION read out of a last-error text. */
    record Notified(String direction, String code, String subcode) {}

    private final MeterRegistry registry;
    private final Supplier<List<NeighborView>> source;
    private final Map<SessionState, AtomicLong> perState = new EnumMap<>(SessionState.class);
    private final AtomicLong configured = new AtomicLong();
    private final Map<String, NeighborMeters> perNeighbor = new ConcurrentHashMap<>();
    private final List<Meter> global = new ArrayList<>();
    private final ScheduledExecutorService poller;

    private static final class NeighborMeters {
        final List<Meter> meters = new ArrayList<>();
        volatile NeighborView view;
    }

    BgpMetrics(MeterRegistry registry, Supplier<List<NeighborView>> source, Duration interval) {
        this.registry = registry;
        this.source = source;
        for (SessionState s : SessionState.values()) {
            AtomicLong n = new AtomicLong();
            perState.put(s, n);
            global.add(Gauge.builder("nvo3.bgp.sessions", n, AtomicLong::get).description("BGP neighbors per session state")
                    .tag("state", NeighborView.stateName(s)).register(registry));
        }
        global.add(Gauge.builder("nvo3.bgp.neighbors", configured, AtomicLong::get).description("Configured BGP neighbors")
                .register(registry));
        if (interval.isZero()) {
            poller = null;
        } else {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nvo3-bgp-metrics");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onBestPathChange(RouteEvent e) {
        String family = BgpFamily.of(e.family()).map(BgpFamily::configName).orElse(e.family().toString());
        registry.counter("nvo3.bgp.route.changes", "family", family, "action", e.withdrawn() ? "withdraw" : "announce").increment();
    }

    /** Reads a status snapshot and updates the meters. */
    void poll() {
        List<NeighborView> views;
        try {
            views = source.get();
        } catch (RuntimeException e) {
            LOG.debug("BGP metrics: no neighbor snapshot: {}", e.toString());
            return;
        }
        Map<SessionState, Long> counts = new EnumMap<>(SessionState.class);
        Set<String> seen = new HashSet<>();
        for (NeighborView v : views) {
            counts.merge(v.state(), 1L, Long::sum);
            String key = v.spec().address().getHostAddress();
            seen.add(key);
            NeighborMeters m = perNeighbor.computeIfAbsent(key, k -> register(k, v));
            NeighborView before = m.view;
            if (before == null || before.state() != v.state()) {
                registry.counter("nvo3.bgp.session.transitions", "neighbor", key, "state", v.stateName()).increment();
            }
            if (v.lastError().isPresent() && !Objects.equals(before == null ? Optional.empty() : before.lastError(), v.lastError())) {
                notification(v.lastError().get()).ifPresent(n -> registry.counter("nvo3.bgp.notifications",
                        "direction", n.direction(), "code", n.code(), "subcode", n.subcode()).increment());
            }
            m.view = v;
        }
        for (SessionState s : SessionState.values()) {
            perState.get(s).set(counts.getOrDefault(s, 0L));
        }
        configured.set(views.size());
        for (String gone : new ArrayList<>(perNeighbor.keySet())) {
            if (!seen.contains(gone)) {
                NeighborMeters m = perNeighbor.remove(gone);
                m.meters.forEach(registry::remove);
            }
        }
    }

    private NeighborMeters register(String neighbor, NeighborView first) {
        NeighborMeters m = new NeighborMeters();
        m.meters.add(prefixGauge(m, neighbor, "all", "received", v -> v.total().received()));
        m.meters.add(prefixGauge(m, neighbor, "all", "accepted", v -> v.total().accepted()));
        m.meters.add(prefixGauge(m, neighbor, "all", "advertised", v -> v.total().advertised().orElse(0)));
        for (BgpFamily f : first.spec().families()) {
            m.meters.add(prefixGauge(m, neighbor, f.configName(), "received",
                    v -> v.byFamily().getOrDefault(f, PrefixCounts.ZERO).received()));
            m.meters.add(prefixGauge(m, neighbor, f.configName(), "accepted",
                    v -> v.byFamily().getOrDefault(f, PrefixCounts.ZERO).accepted()));
            m.meters.add(prefixGauge(m, neighbor, f.configName(), "advertised",
                    v -> v.byFamily().getOrDefault(f, PrefixCounts.ZERO).advertised().orElse(0)));
        }
        return m;
    }

    private Meter prefixGauge(NeighborMeters m, String neighbor, String family, String kind,
                              java.util.function.ToLongFunction<NeighborView> value) {
        return Gauge.builder("nvo3.bgp.prefixes", m, x -> x.view == null ? 0 : value.applyAsLong(x.view))
                .description("BGP prefixes per neighbor and family").strongReference(true)
                .tags("neighbor", neighbor, "family", family, "kind", kind).register(registry);
    }

    /** The NOTIFICATION a last-error text reports, as the speaker words it. */
    static Optional<Notified> notification(String lastError) {
        Matcher r = RECEIVED.matcher(lastError);
        if (r.find()) {
            return Optional.of(new Notified("received", r.group(1), r.group(2)));
        }
        Matcher s = SENT.matcher(lastError);
        if (s.find()) {
            return Optional.of(new Notified("sent", s.group(1), s.group(2)));
        }
        if (lastError.startsWith("hold timer expired")) {
            return Optional.of(new Notified("sent", "HOLD_TIMER_EXPIRED", "0"));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        perNeighbor.values().forEach(m -> m.meters.forEach(registry::remove));
        perNeighbor.clear();
        global.forEach(registry::remove);
    }

}
