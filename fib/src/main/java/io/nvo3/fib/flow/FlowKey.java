package io.nvo3.fib.flow;

import java.util.Comparator;
import java.util.Objects;

/** A flow's identity in a switch: OpenFlow 1.3 section 6.4, a flow entry is "identified by match and priority". */
public record FlowKey(int table, int priority, Match match) implements Comparable<FlowKey> {
    private static final Comparator<FlowKey> ORDER = Comparator.comparingInt(FlowKey::table)
            .thenComparing(Comparator.comparingInt(FlowKey::priority).reversed())
            .thenComparing(k -> k.match().toString());

    public FlowKey {
        Objects.requireNonNull(match, "match");
    }

    @Override
    public int compareTo(FlowKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return "table=" + table + ",priority=" + priority + "," + match;
    }
}
