package io.nvo3.controller.mobility;

import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.VirtualNetwork;
import java.util.Optional;

/**
 * Mobility as pure functions of the FIB input: a tenant system seen at a new NVE after (or while) it was bound
 * elsewhere has moved, and frames that still reach the old NVE are tunnelled on to the new one for a grace time.
 */
public final class Moves {
    private Moves() {
    }

    /**
     * The redirect to install on {@code fromSystemId} once {@code ts} is bound at its new place: present when the TS
     * is bound to another NVE than {@code fromSystemId}, both NVEs and its VN are known and the VTEPs differ (two NVEs
     * behind one VTEP need no redirect).
     */
    public static Optional<Redirect> redirect(FibInput input, TenantSystem ts, String fromSystemId) {
        if (!(ts.location() instanceof TsLocation.Bound to) || to.systemId().equals(fromSystemId)) {
            return Optional.empty();
        }
        VirtualNetwork vn = input.virtualNetworks().get(ts.vnId());
        Nve from = input.nves().get(fromSystemId);
        Nve target = input.nves().get(to.systemId());
        if (vn == null || from == null || target == null || from.vtep().equals(target.vtep())) {
            return Optional.empty();
        }
        return Optional.of(new Redirect(vn.id(), ts.mac(), fromSystemId, target.vtep(), vn.vni()));
    }

    /**
     * True when {@code r} tunnels to nobody: no tenant system with its MAC in its VN is bound to an NVE behind its
     * target VTEP any more (shut off or rebooting there, moved on or back, deleted). Such a redirect ends at once
     * instead of at the end of its grace time: frames reaching the old NVE have nowhere to go at the target, and an
     * unplugged port's MAC leaves every NVE within the plug latency.
     */
    public static boolean stale(FibInput input, Redirect r) {
        for (TenantSystem ts : input.tenantSystems().values()) {
            if (ts.vnId().equals(r.vnId()) && ts.mac().equals(r.mac()) && ts.location() instanceof TsLocation.Bound b) {
                Nve at = input.nves().get(b.systemId());
                if (at != null && at.vtep().equals(r.toVtep())) {
                    return false;
                }
            }
        }
        return true;
    }
}
