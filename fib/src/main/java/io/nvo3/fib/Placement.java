package io.nvo3.fib;

import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import java.util.Map;
import java.util.Optional;

/** Where a tenant system is present for forwarding purposes. */
final class Placement {
    private Placement() {
    }

    /**
     * The NVE a tenant system is plugged into, if that NVE is connected and the port is not its tunnel port.
     * A TS that is NOT_DEPLOYED or SHUT_OFF is never present: it gets nothing.
     */
    static Optional<Nve> nveOf(TenantSystem ts, Map<String, Nve> nves) {
        if (!ts.state().forwards() && !ts.state().isSuspended()) {
            return Optional.empty();
        }
        if (!(ts.location() instanceof TsLocation.Bound b)) {
            return Optional.empty();
        }
        Nve nve = nves.get(b.systemId());
        if (nve == null || nve.tunnelOfport() == b.ofport()) {
            return Optional.empty();
        }
        return Optional.of(nve);
    }

    static int ofport(TenantSystem ts) {
        return ((TsLocation.Bound) ts.location()).ofport();
    }

    /** The system id the TS is bound to, present or not. */
    static Optional<String> boundTo(TenantSystem ts) {
        return ts.location() instanceof TsLocation.Bound b ? Optional.of(b.systemId()) : Optional.empty();
    }
}
