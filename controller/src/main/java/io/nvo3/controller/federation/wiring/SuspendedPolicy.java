package io.nvo3.controller.federation.wiring;

import io.nvo3.controller.federation.export.LocalTenantSystem;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.TenantSystemState;
import java.util.List;

/**
 * The per-VN policy for SUSPENDED tenant systems (issue 5 item 3): {@link FibPolicy.Suspended#WITHDRAW} (default)
 * withdraws their routes like any tenant system that is not RUNNING; {@link FibPolicy.Suspended#KEEP} keeps them
 * advertised (a paused VM keeps its MAC reachable in remote domains, its NVE drops the traffic meanwhile).
 */
final class SuspendedPolicy {
    private SuspendedPolicy() {}

    static List<LocalTenantSystem> apply(FibPolicy.Suspended policy, List<LocalTenantSystem> tss) {
        if (policy != FibPolicy.Suspended.KEEP) {
            return tss;
        }
        return tss.stream().map(ts -> ts.state() != TenantSystemState.SUSPENDED ? ts
                : new LocalTenantSystem(ts.portId(), ts.mac(), ts.fixedIps(), TenantSystemState.RUNNING, ts.vtep(),
                        ts.mobilitySequence())).toList();
    }
}
