package io.nvo3.controller.nve;

import io.nvo3.controller.nve.pull.PacketInStats;
import io.nvo3.controller.reconcile.ReconcileReport;
import io.nvo3.fib.flow.NveState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code GET /api/v1/nves} shows, built on the NVE thread from the manager's entries and OVSDB sessions. Every
 * warning is also logged, once per NVE.
 */
final class NveStatuses {
    private static final Logger LOG = LoggerFactory.getLogger(NveManager.class);

    private NveStatuses() {}

    /**
     * @param portKnown whether an iface-id names a port the model (or the FIB) knows
     * @param pull      the packet-in counters of an NVE
     */
    static List<NveStatus> of(Collection<NveEntry> entries, Collection<OvsdbSessionState> sessions,
                              Predicate<String> portKnown, Function<String, PacketInStats> pull) {
        List<NveStatus> out = new ArrayList<>();
        for (NveEntry e : entries) {
            List<String> w = new ArrayList<>(e.factWarnings);
            for (NveFacts.Plug p : e.plugs.values()) {
                if (!portKnown.test(p.portId())) {
                    w.add(unknownPortWarning(p));
                }
            }
            e.duplicateClaims.forEach(r -> w.add("duplicate system-id: the hypervisor at " + r + " claims it too"));
            if (e.session != null && e.session.provisionError != null) {
                w.add(e.session.provisionError);
            }
            e.reconciler.lastError().ifPresent(err -> w.add("reconcile failed: " + err));
            for (String x : w) {
                if (e.logged.add(x)) {
                    LOG.warn("NVE {}: {}", e.systemId, x);
                }
            }
            Optional<NveState> desired = e.reconciler.desired();
            NveStatus.LastReconcile last = e.reconciler.lastReport().map(NveStatuses::last).orElse(null);
            out.add(new NveStatus(e.systemId, e.vtep == null ? null : e.vtep.getHostAddress(),
                    e.session != null ? NveStatus.CONNECTED : NveStatus.DISCONNECTED,
                    e.openflow != null && e.openflow.isActive() ? NveStatus.CONNECTED : NveStatus.DISCONNECTED,
                    e.session == null ? null : e.session.session.remote(),
                    e.datapathId.isPresent() ? String.format("%016x", e.datapathId.getAsLong()) : null,
                    e.datapathType.isEmpty() ? null : e.datapathType,
                    e.tunnelOfport > 0 ? e.tunnelOfport : null, e.plugs.size(),
                    desired.map(d -> d.flows().size()).orElse(0), e.reconciler.flowsInstalled().orElse(null),
                    desired.map(d -> d.groups().size()).orElse(0), e.reconciler.inSync(), last, w,
                    pull.apply(e.systemId)));
        }
        for (OvsdbSessionState s : sessions) {
            if (s.systemId == null && !s.warnings.isEmpty()) {
                out.add(new NveStatus(null, null, NveStatus.CONNECTED, NveStatus.DISCONNECTED, s.session.remote(),
                        null, null, null, 0, 0, null, 0, false, null, s.warnings));
            }
        }
        return out;
    }

    static String unknownPortWarning(NveFacts.Plug p) {
        return "interface " + p.iface() + ": iface-id " + p.portId() + " names no known port";
    }

    private static NveStatus.LastReconcile last(ReconcileReport r) {
        return new NveStatus.LastReconcile(r.at().toString(), r.fullRead(), r.plan().flowAdds(), r.plan().flowMods(),
                r.plan().flowDeletes(), r.plan().groupAdds(), r.plan().groupMods(), r.plan().groupDeletes(),
                r.took().toNanos() / 1e6, null);
    }
}
