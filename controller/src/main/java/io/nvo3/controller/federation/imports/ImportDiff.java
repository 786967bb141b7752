package io.nvo3.controller.federation.imports;

import io.nvo3.fib.input.FibChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The FIB changes between two import snapshots. Additions come first (new remote MACs, then new flood
 * members), removals after, as the project's FIB diff orders adds before deletes so a moved MAC always
 * has a destination; within each kind the order is {@link ImportOrder}'s. Empty when nothing changed.
 */
public final class ImportDiff {
    private ImportDiff() {}

    public static List<FibChange> between(ImportSnapshot before, ImportSnapshot after) {
        List<FibChange> out = new ArrayList<>();
        added(before.remoteMacs(), after.remoteMacs()).stream().sorted(ImportOrder.REMOTE_MAC)
                .forEach(m -> out.add(new FibChange.RemoteMacAdded(m)));
        added(before.floodMembers(), after.floodMembers()).stream().sorted(ImportOrder.FLOOD_MEMBER)
                .forEach(m -> out.add(new FibChange.FloodMemberAdded(m)));
        added(after.remoteMacs(), before.remoteMacs()).stream().sorted(ImportOrder.REMOTE_MAC)
                .forEach(m -> out.add(new FibChange.RemoteMacRemoved(m)));
        added(after.floodMembers(), before.floodMembers()).stream().sorted(ImportOrder.FLOOD_MEMBER)
                .forEach(m -> out.add(new FibChange.FloodMemberRemoved(m)));
        return List.copyOf(out);
    }

    /** Everything {@code snapshot} holds, as additions to an empty FIB. */
    public static List<FibChange> initial(ImportSnapshot snapshot) {
        return between(ImportSnapshot.EMPTY, snapshot);
    }

    private static <T> List<T> added(Set<T> before, Set<T> after) {
        List<T> out = new ArrayList<>();
        for (T t : after) {
            if (!before.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
