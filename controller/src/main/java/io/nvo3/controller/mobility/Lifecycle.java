package io.nvo3.controller.mobility;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.controller.fibwiring.FibMapping;
import io.nvo3.controller.fibwiring.FibWiring;
import io.nvo3.controller.nve.pull.PullService;
import io.nvo3.fib.FibUpdate;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.model.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVE manager's issue 6 side: grace timers of mobility redirects, the pull service, and what a FIB change or a
 * network's FIB mode change means for them. Confined to the manager's thread except the pull service's packet-in path.
 */
public final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    /** Above this many (NVE, MAC) pairs a push → pull switch does not pre-install; the flows are pulled again. */
    static final int PREWARM_LIMIT = 20_000;

    private final LifecycleOptions options;
    private final FibWiring fib;
    private final ScheduledExecutorService core;
    private final Consumer<List<FibUpdate>> dispatch;
    private final GraceTimers grace;
    private final PullService pull;
    private final Counter moves;
    private final Counter modeChanges;
    private final ScheduledFuture<?> dropSummary;
    private ScheduledFuture<?> graceCheck;
    private long graceCheckAt = Long.MAX_VALUE;

    /**
     * @param core     the manager's thread; grace timers fire there
     * @param dispatch hands FIB updates (expired redirects) to the reconcilers, on the manager's thread
     * @param input    the current FIB input, for the pull workers (blocks on the manager's thread)
     */
    public Lifecycle(LifecycleOptions options, FibWiring fib, ScheduledExecutorService core,
                     Consumer<List<FibUpdate>> dispatch, Supplier<FibInput> input, MeterRegistry metrics) {
        this.options = Objects.requireNonNull(options, "options");
        this.fib = Objects.requireNonNull(fib, "fib");
        this.core = Objects.requireNonNull(core, "core");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.grace = new GraceTimers(options.clock(), options.grace());
        this.pull = new PullService(options.pull(), input, metrics, options.ticker());
        this.moves = Counter.builder("nvo3.mobility.moves").description("tenant systems seen at a new NVE")
                .register(metrics);
        this.modeChanges = Counter.builder("nvo3.fib.mode.changes").register(metrics);
        Gauge.builder("nvo3.mobility.redirects", grace, g -> g.pending().size())
                .description("mobility redirects in their grace time").register(metrics);
        long every = options.pull().dropLogEvery().toMillis();
        this.dropSummary = core.scheduleWithFixedDelay(pull::logDropSummaries, every, every, TimeUnit.MILLISECONDS);
    }

    public PullService pull() {
        return pull;
    }

    public GraceTimers grace() {
        return grace;
    }

    /** After FIB updates were dispatched: new redirects start their grace time, stale pulled entries go. */
    public void fibChanged() {
        pull.inputChanged();
        List<Redirect> started = fib.drainRedirects();
        for (Redirect r : started) {
            grace.start(r);
            moves.increment();
            LOG.info("mobility: {} of VN {} redirected on NVE {} to VTEP {} for {}", r.mac(), r.vnId(),
                    r.fromSystemId(), r.toVtep().getHostAddress(), options.grace());
        }
        if (pull.holdsPulled()) {
            pull.purgeStale(fib.input());
        }
        endStaleRedirects();
        scheduleGraceCheck();
    }

    /**
     * A redirect whose moved tenant system left the target again (a reboot there: unplug, then plug) ends now, not
     * after the grace time: until then the old NVE kept the MAC and tunnelled its frames to an NVE that no longer had
     * it, and a re-plug cycle waited the whole grace time for the MAC to leave every NVE.
     */
    private void endStaleRedirects() {
        if (grace.pending().isEmpty()) {
            return;
        }
        FibInput input = fib.input();
        List<FibUpdate> updates = new ArrayList<>();
        for (GraceTimers.Pending p : grace.pending()) {
            Redirect r = p.redirect();
            if (Moves.stale(input, r) && grace.cancel(r)) {
                LOG.info("mobility: {} of VN {} is no longer behind VTEP {}; redirect on NVE {} removed before its"
                        + " grace time ended", r.mac(), r.vnId(), r.toVtep().getHostAddress(), r.fromSystemId());
                updates.addAll(fib.redirectExpired(r));
            }
        }
        if (!updates.isEmpty()) {
            dispatch.accept(updates);
        }
    }

    /** The VN's mode before {@code n} is applied (call before {@link FibWiring#network}). */
    public Optional<FibMode> modeBefore(Network n) {
        return Optional.ofNullable(fib.input().virtualNetworks().get(n.id())).map(VirtualNetwork::mode);
    }

    /**
     * After {@code n} was applied to the FIB and before its updates are dispatched: a VN leaving push pre-installs on
     * every NVE the entries it would now pull for the destinations it had pushed, so established traffic does not
     * punt again when the reconcile deletes the pushed entries (both go out on the same connection, in order).
     */
    public void networkApplied(Optional<FibMode> before, Network n) {
        FibMode now = FibMapping.mode(n.fibPolicy().mode());
        if (before.isEmpty() || before.get() == now) {
            return;
        }
        modeChanges.increment();
        LOG.info("network {} (VNI {}): FIB mode {} -> {}", n.id(), n.vni(), before.get(), now);
        if (before.get() != FibMode.PUSH) {
            return;
        }
        FibInput input = fib.input();
        List<MacAddress> macs = new ArrayList<>();
        for (TenantSystem ts : input.tenantSystems().values()) {
            if (ts.vnId().equals(n.id()) && ts.state().forwards()) {
                macs.add(ts.mac());
            }
        }
        for (RemoteMac m : input.remoteMacs()) {
            if (m.vnId().equals(n.id())) {
                macs.add(m.mac());
            }
        }
        if ((long) macs.size() * input.nves().size() > PREWARM_LIMIT) {
            LOG.info("network {}: {} destinations on {} NVEs: not pre-installing pulled entries", n.id(), macs.size(),
                    input.nves().size());
            return;
        }
        int installed = 0;
        for (String systemId : input.nves().keySet()) {
            installed += pull.prewarm(input, systemId, n.id(), macs);
        }
        LOG.info("network {}: {} pulled entries pre-installed for established destinations", n.id(), installed);
    }

    private void scheduleGraceCheck() {
        Optional<Duration> next = grace.nextDeadline();
        if (next.isEmpty()) {
            return;
        }
        long at = System.nanoTime() + next.get().toNanos();
        if (graceCheck != null && !graceCheck.isDone() && graceCheckAt <= at) {
            return;
        }
        if (graceCheck != null) {
            graceCheck.cancel(false);
        }
        graceCheckAt = at;
        graceCheck = core.schedule(this::expire, Math.max(1, next.get().toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Removes the redirects whose grace time ended (also called by tests that move the clock). */
    public void expire() {
        graceCheck = null;
        graceCheckAt = Long.MAX_VALUE;
        List<FibUpdate> updates = new ArrayList<>();
        for (Redirect r : grace.expired()) {
            LOG.info("mobility: grace time of {} on NVE {} ended; redirect removed", r.mac(), r.fromSystemId());
            updates.addAll(fib.redirectExpired(r));
        }
        if (!updates.isEmpty()) {
            dispatch.accept(updates);
        }
        scheduleGraceCheck();
    }

    @Override
    public void close() {
        dropSummary.cancel(false);
        if (graceCheck != null) {
            graceCheck.cancel(false);
        }
        pull.close();
    }
}
