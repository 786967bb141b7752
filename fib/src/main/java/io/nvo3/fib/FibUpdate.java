package io.nvo3.fib;

import io.nvo3.fib.diff.StateDelta;
import io.nvo3.fib.flow.NveState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one change did: the new desired state of every NVE whose state changed, the NVEs that went away, and the
 * scope the engine recomputed. Empty {@code changed} and {@code removed} mean nothing changed (an idempotent event).
 */
public record FibUpdate(Map<String, NveState> changed, Set<String> removed, Scope scope,
                        Map<String, StateDelta> deltas) {
    public FibUpdate {
        changed = Map.copyOf(changed);
        removed = Set.copyOf(removed);
        Objects.requireNonNull(scope, "scope");
        deltas = Map.copyOf(deltas);
        for (String systemId : deltas.keySet()) {
            if (!changed.containsKey(systemId)) {
                throw new IllegalArgumentException("delta for unchanged NVE " + systemId);
            }
        }
    }

    /** Without deltas: a reconciler diffs each changed state in full. */
    public FibUpdate(Map<String, NveState> changed, Set<String> removed, Scope scope) {
        this(changed, removed, scope, Map.of());
    }

    /**
     * Where the new state of {@code systemId} may differ from the one the engine held before this update, when the
     * engine knows it without a full diff (BGP-learned MAC changes); empty otherwise.
     */
    public Optional<StateDelta> delta(String systemId) {
        return Optional.ofNullable(deltas.get(systemId));
    }

    public boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty();
    }

    /** How much the engine recomputed for one change. */
    public sealed interface Scope {
        /** Only these VNs' slices (on every NVE that has or had them) and these NVEs' pipeline skeletons. */
        record Incremental(Set<String> vnIds, Set<String> pipelineOf) implements Scope {
            public Incremental {
                vnIds = Set.copyOf(vnIds);
                pipelineOf = Set.copyOf(pipelineOf);
            }
        }

        /** The change could not be done incrementally; everything was recomputed. */
        record Full(String reason) implements Scope {
            public Full {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
