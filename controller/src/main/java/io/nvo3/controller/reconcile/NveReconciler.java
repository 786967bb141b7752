package io.nvo3.controller.reconcile;

import io.nvo3.fib.diff.FibDiff;
import io.nvo3.fib.diff.StateDelta;
import io.nvo3.fib.flow.NveState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one switch equal to the desired state of one NVE: desired, then diff, then reconcile. On every (re)attach it
 * reads the installed flows and groups back and sends only what differs; afterwards each new desired state is diffed
 * against what it knows it installed. At most one batch is in flight; desired states arriving meanwhile are coalesced
 * into the next batch. A failed batch (bundle rejected, connection lost) forgets the installed state, so the next
 * attempt reads the switch again.
 *
 * <p>Confined to {@code executor} (one thread): call every method there; callbacks come back there.
 */
public final class NveReconciler {
    private final String systemId;
    private final ScheduledExecutorService executor;
    private final ReconcileObserver observer;
    private final Clock clock;
    private final Duration retryAfter;

    private NveState desired;
    private FlowSwitch sw;
    private InstalledState installed;
    /** The desired state whose flows and groups {@link #installed} holds exactly, when it is one; else null. */
    private NveState installedFrom;
    /** Where {@link #desired} may differ from the state the delta starts from, when known; else null. */
    private StateDelta pending;
    private boolean busy;
    private boolean retryScheduled;
    private java.util.function.Supplier<java.util.function.Predicate<io.nvo3.fib.flow.FlowEntry>> keep = () -> f -> false;
    private long generation;
    private ReconcileReport last;
    private Optional<String> lastError = Optional.empty();

    public NveReconciler(String systemId, ScheduledExecutorService executor, ReconcileObserver observer, Clock clock,
                         Duration retryAfter) {
        this.systemId = Objects.requireNonNull(systemId, "systemId");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public String systemId() {
        return systemId;
    }

    /**
     * Which installed flows that are not desired to leave in place (on-demand entries of pull mode that are still
     * right, {@link io.nvo3.fib.Pull#stillValid}); read on the reconcile executor at each diff, so it should be cheap
     * to get (Pull's own predicate takes the FIB snapshot only when a pulled entry is tested). Default: none.
     */
    public void keepInstalled(java.util.function.Supplier<java.util.function.Predicate<io.nvo3.fib.flow.FlowEntry>> keep) {
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    /** The new desired state; reconciled as soon as the switch is attached and idle. */
    public void desired(NveState state) {
        desired(state, Optional.empty());
    }

    /**
     * As above, with where {@code state} may differ from the desired state given before ({@code delta.base()}), as
     * the FIB engine knows it ({@link io.nvo3.fib.FibUpdate#delta}). When the switch holds exactly the state the
     * (chained) deltas start from, the next batch diffs only the keys they name, not every flow of the NVE; the plan
     * is the same ({@link FibDiff#between(NveState, NveState, java.util.function.Predicate, StateDelta)}).
     */
    public void desired(NveState state, Optional<StateDelta> delta) {
        Objects.requireNonNull(state, "state");
        StateDelta d = delta.filter(x -> desired != null && x.base() == desired).orElse(null);
        pending = d == null ? null : pending == null ? d : pending.then(d);
        this.desired = state;
        kick();
    }

    public Optional<NveState> desired() {
        return Optional.ofNullable(desired);
    }

    /** A (new) connection to the switch: read it back and reconcile. */
    public void attach(FlowSwitch flowSwitch) {
        generation++;
        this.sw = Objects.requireNonNull(flowSwitch, "flowSwitch");
        this.installed = null;
        this.installedFrom = null;
        this.busy = false;
        kick();
    }

    /** The connection is gone; what the switch holds is unknown until the next attach. */
    public void detach() {
        generation++;
        this.sw = null;
        this.installed = null;
        this.installedFrom = null;
        this.busy = false;
    }

    public boolean attached() {
        return sw != null;
    }

    /** True when the last batch succeeded and nothing newer is desired. */
    public boolean inSync() {
        if (sw != null && !busy && installed != null && installedFrom == desired && desired != null
                && installed.foreignFlows().isEmpty() && installed.foreignGroups().isEmpty()) {
            return true;
        }
        return sw != null && !busy && installed != null && desired != null
                && installed.state().flows().equals(desired.flows()) && installed.state().groups().equals(desired.groups())
                && installed.foreignFlows().isEmpty() && installed.foreignGroups().isEmpty();
    }

    /** Flows we know the switch holds (after the last read or batch); empty while unknown. */
    public Optional<Integer> flowsInstalled() {
        return Optional.ofNullable(installed).map(InstalledState::flowCount);
    }

    public Optional<ReconcileReport> lastReport() {
        return Optional.ofNullable(last);
    }

    public Optional<String> lastError() {
        return lastError;
    }

    private void kick() {
        if (sw == null || busy || desired == null) {
            return;
        }
        busy = true;
        long gen = generation;
        FlowSwitch target = sw;
        Instant start = clock.instant();
        if (installed == null) {
            CompletableFuture<InstalledState> read = target.flows().thenCombine(target.groups(),
                    (f, g) -> InstalledState.read(systemId, f, g));
            read.whenCompleteAsync((state, err) -> {
                if (gen != generation) {
                    return;
                }
                if (err != null) {
                    fail(true, err);
                    return;
                }
                installed = state;
                step(target, gen, true, start);
            }, executor);
        } else {
            step(target, gen, false, start);
        }
    }

    private void step(FlowSwitch target, long gen, boolean fullRead, Instant start) {
        NveState want = desired;
        StateDelta delta = pending;
        // Deltas arriving from now on start from want.
        pending = null;
        ReconcilePlan plan;
        CompletableFuture<Void> sent;
        try {
            // In sync with the delta's start (installed exactly, nothing foreign): only the keys it names can differ.
            boolean fromDelta = !fullRead && delta != null && installedFrom != null && installedFrom == delta.base()
                    && installed.foreignFlows().isEmpty() && installed.foreignGroups().isEmpty();
            java.util.function.Predicate<io.nvo3.fib.flow.FlowEntry> kept = keep.get();
            plan = fromDelta ? ReconcilePlan.between(want, installed, kept, delta)
                    : ReconcilePlan.between(want, installed, kept);
            if (plan.isEmpty()) {
                done(want, plan, fullRead, start);
                return;
            }
            sent = target.apply(plan.messages());
        } catch (RuntimeException e) {
            fail(fullRead, e);
            return;
        }
        sent.whenCompleteAsync((v, err) -> {
            if (gen != generation) {
                return;
            }
            if (err != null) {
                fail(fullRead, err);
                return;
            }
            done(want, plan, fullRead, start);
        }, executor);
    }

    private void done(NveState applied, ReconcilePlan plan, boolean fullRead, Instant start) {
        installed = InstalledState.of(applied);
        installedFrom = applied;
        busy = false;
        lastError = Optional.empty();
        Instant end = clock.instant();
        last = new ReconcileReport(systemId, fullRead, plan, installed.flowCount(), installed.groupCount(), end,
                Duration.between(start, end));
        observer.reconciled(last);
        if (desired != applied) {
            kick();
        }
    }

    private void fail(boolean fullRead, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        installed = null;
        installedFrom = null;
        busy = false;
        lastError = Optional.of(String.valueOf(cause.getMessage()));
        observer.failed(systemId, fullRead, cause);
        if (sw != null && !retryScheduled) {
            retryScheduled = true;
            long gen = generation;
            executor.schedule(() -> {
                retryScheduled = false;
                if (gen == generation) {
                    kick();
                }
            }, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** For status: desired flow count. */
    public int flowsDesired() {
        return desired == null ? 0 : desired.flows().size();
    }

}
