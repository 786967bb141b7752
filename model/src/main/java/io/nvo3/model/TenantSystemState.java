package io.nvo3.model;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The states of a tenant system (TS) named by the NVO3 split-NVE control plane draft
 * (draft-ietf-nvo3-hpvr2nve-cp-req): a TS is created, runs, may be suspended, shut down,
 * shut off, moved to another NVE; anything else is OTHER with a free-form sub-state.
 *
 * <p>Transitions (docs/tenant-system-states.md is the prose version of {@link #TRANSITIONS}):
 * staying in the same state is always allowed (a no-op, or a new sub-state for OTHER);
 * every state may go to RUNNING (the NVE reports the TS attached) and to OTHER.
 */
public enum TenantSystemState {
    /** Created through the API, not yet attached to any NVE. */
    NOT_DEPLOYED,
    /** Attached to an NVE and forwarding. */
    RUNNING,
    /** Paused; keeps its place on the NVE. */
    SUSPENDED,
    /** A graceful shutdown is in progress. */
    SHUTDOWN,
    /** Stopped; its NVE attachment is gone or unused. */
    SHUT_OFF,
    /** Being migrated to another NVE. */
    MOVING,
    /** A state the draft does not name; see the sub-state. */
    OTHER;

    private static final Map<TenantSystemState, Set<TenantSystemState>> TRANSITIONS = Map.of(
            NOT_DEPLOYED, EnumSet.of(NOT_DEPLOYED, RUNNING, SHUT_OFF, OTHER),
            RUNNING, EnumSet.of(RUNNING, SUSPENDED, SHUTDOWN, SHUT_OFF, MOVING, NOT_DEPLOYED, OTHER),
            SUSPENDED, EnumSet.of(SUSPENDED, RUNNING, SHUTDOWN, SHUT_OFF, MOVING, NOT_DEPLOYED, OTHER),
            SHUTDOWN, EnumSet.of(SHUTDOWN, RUNNING, SHUT_OFF, NOT_DEPLOYED, OTHER),
            SHUT_OFF, EnumSet.of(SHUT_OFF, RUNNING, MOVING, NOT_DEPLOYED, OTHER),
            MOVING, EnumSet.of(MOVING, RUNNING, SUSPENDED, SHUT_OFF, NOT_DEPLOYED, OTHER),
            OTHER, EnumSet.allOf(TenantSystemState.class));

    public static boolean canTransition(TenantSystemState from, TenantSystemState to) {
        return TRANSITIONS.get(from).contains(to);
    }

    /** The states reachable from this one in one step (including itself). */
    public Set<TenantSystemState> successors() {
        return EnumSet.copyOf(TRANSITIONS.get(this));
    }

    /** Parses the API spelling (upper case, case-insensitive); null when unknown. */
    public static TenantSystemState parse(String text) {
        if (text == null) {
            return null;
        }
        for (TenantSystemState s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        return null;
    }
}
