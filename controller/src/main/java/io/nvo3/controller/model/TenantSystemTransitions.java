package io.nvo3.controller.model;

import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.time.Instant;
import java.util.Objects;

/**
 * What each tenant-system event does to a port (pure; the transition table is in docs/tenant-system-states.md).
 * {@link ModelService} writes the result when {@link #sameState} says it changed.
 */
final class TenantSystemTransitions {
    private TenantSystemTransitions() {}

    /** An operator (or the cloud) sets the state; 409 InvalidStateTransition when the table refuses it. */
    static Port setState(Port p, TenantSystemState state, String substate, Instant now) {
        if (!TenantSystemState.canTransition(p.state(), state)) {
            throw new ModelException.Conflict("InvalidStateTransition", "state", "Tenant system " + p.id()
                    + " cannot go from " + p.state() + " to " + state + "; allowed: " + p.state().successors() + ".");
        }
        // leaving the NVE: no longer attached
        String nve = state == TenantSystemState.NOT_DEPLOYED ? null : p.attachedNve();
        return p.withState(state, substate, nve, p.hostId(), now);
    }

    /** The NVE {@code systemId} reports the TS attached: bound there, RUNNING, status ACTIVE. */
    static Port plugged(Port p, String systemId, Instant now) {
        Port running = p.withState(TenantSystemState.RUNNING, null, systemId, systemId, now);
        // A move ends when the TS appears at its target, or anywhere other than where it last ran (it may have
        // left the old NVE first): count it, for the MAC mobility sequence number (RFC 7432 section 15).
        boolean moved = systemId.equals(p.moveTarget()) || (p.attachedNve() != null
                ? !systemId.equals(p.attachedNve())
                : !p.hostId().isEmpty() && !p.hostId().equals(systemId) && p.state() != TenantSystemState.NOT_DEPLOYED);
        return moved || p.moving() ? running.withMove(p.moves() + (moved ? 1 : 0), null, running.updatedAt())
                : running;
    }

    /** A move to NVE {@code toSystemId} starts; 409 AlreadyThere or InvalidStateTransition. */
    static Port startMove(Port p, String toSystemId, Instant now) {
        if (toSystemId.equals(p.attachedNve())) {
            throw new ModelException.Conflict("AlreadyThere", "to", "Tenant system " + p.id() + " already runs on "
                    + toSystemId + ".");
        }
        if (!TenantSystemState.canTransition(p.state(), TenantSystemState.MOVING)) {
            throw new ModelException.Conflict("InvalidStateTransition", "state", "Tenant system " + p.id()
                    + " cannot move from state " + p.state() + "; allowed: " + p.state().successors() + ".");
        }
        Port m = p.withState(TenantSystemState.MOVING, null, p.attachedNve(), p.hostId(), now);
        return m.withMove(p.moves(), toSystemId, m.updatedAt());
    }

    /**
     * The NVE {@code systemId} reports the TS gone. Ignored when the port runs on another NVE (a late report after a
     * move). MOVING stays MOVING; NOT_DEPLOYED stays; others become SHUT_OFF.
     */
    static Port unplugged(Port p, String systemId, Instant now) {
        if (!systemId.equals(p.attachedNve())) {
            return p;
        }
        TenantSystemState next = switch (p.state()) {
            case MOVING, NOT_DEPLOYED -> p.state();
            case RUNNING, SUSPENDED, SHUTDOWN, SHUT_OFF, OTHER -> TenantSystemState.SHUT_OFF;
        };
        return p.withState(next, next == TenantSystemState.OTHER ? p.substate() : null, null, p.hostId(), now);
    }

    /** Nothing a tenant-system event changes differs (no write needed). */
    static boolean sameState(Port n, Port o) {
        return n == o || (n.state() == o.state() && Objects.equals(n.substate(), o.substate())
                && Objects.equals(n.attachedNve(), o.attachedNve()) && n.hostId().equals(o.hostId())
                && n.fibClass() == o.fibClass() && n.moves() == o.moves()
                && Objects.equals(n.moveTarget(), o.moveTarget()));
    }
}
