package io.nvo3.controller.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished reconcile of one NVE.
 *
 * @param fullRead true when the switch's flows and groups were read back first (after a (re)connect or a failure),
 *                 false for an incremental step against the state we know we installed
 */
public record ReconcileReport(String systemId, boolean fullRead, ReconcilePlan plan, int flowsInstalled,
                              int groupsInstalled, Instant at, Duration took) {
    public ReconcileReport {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(took, "took");
    }
}
