package io.nvo3.fib.diff;

import io.nvo3.fib.flow.FlowKey;
import io.nvo3.fib.flow.NveState;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a desired state may differ from {@code base}, the state of the same NVE it was computed from: only at these
 * flow identities and group ids (a key listed may also be unchanged). Lets a reconciler whose switch holds exactly
 * {@code base} diff only these keys ({@link FibDiff#between(NveState, NveState, java.util.function.Predicate,
 * StateDelta)}) instead of every flow of the NVE.
 */
public record StateDelta(NveState base, Set<FlowKey> flows, Set<Integer> groups) {
    public StateDelta {
        Objects.requireNonNull(base, "base");
        flows = Set.copyOf(flows);
        groups = Set.copyOf(groups);
    }

    /** From {@code base}, this delta then {@code next} (whose base is the state this one leads to). */
    public StateDelta then(StateDelta next) {
        Set<FlowKey> f = new HashSet<>(flows);
        f.addAll(next.flows);
        Set<Integer> g = new HashSet<>(groups);
        g.addAll(next.groups);
        return new StateDelta(base, f, g);
    }
}
