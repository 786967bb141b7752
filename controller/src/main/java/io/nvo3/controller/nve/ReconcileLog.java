package io.nvo3.controller.nve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nvo3.controller.reconcile.ReconcileObserver;
import io.nvo3.controller.reconcile.ReconcileReport;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every reconcile of every NVE: a log line when it changed something or read the switch back, and metrics. */
final class ReconcileLog implements ReconcileObserver {
    private static final Logger LOG = LoggerFactory.getLogger(NveManager.class);

    private final Counter flowMods;
    private final Counter failures;
    private final Timer took;
    private final Duration retryAfter;

    ReconcileLog(MeterRegistry metrics, Duration retryAfter) {
        this.flowMods = Counter.builder("nvo3.nve.flow.mods").description("OpenFlow flow and group mods sent to NVEs")
                .register(metrics);
        this.failures = Counter.builder("nvo3.nve.reconcile.failures").register(metrics);
        this.took = Timer.builder("nvo3.nve.reconcile").description("reconcile duration per NVE").register(metrics);
        this.retryAfter = retryAfter;
    }

    @Override
    public void reconciled(ReconcileReport r) {
        flowMods.increment(r.plan().messages().size());
        took.record(r.took());
        if (r.fullRead() || !r.plan().isEmpty()) {
            LOG.info("reconcile NVE {}{}: {} in {} ms; {} flows, {} groups installed", r.systemId(),
                    r.fullRead() ? " (read back)" : "", r.plan(), r.took().toMillis(), r.flowsInstalled(),
                    r.groupsInstalled());
        }
    }

    @Override
    public void failed(String systemId, boolean fullRead, Throwable cause) {
        failures.increment();
        LOG.warn("reconcile NVE {} failed{}: {}; retrying after {}", systemId, fullRead ? " (read back)" : "",
                cause.toString(), retryAfter);
        if (!(cause instanceof io.nvo3.openflow.channel.OpenFlowErrorException)) {
            LOG.debug("reconcile failure", cause);
        }
    }
}
