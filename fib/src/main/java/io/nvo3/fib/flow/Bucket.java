package io.nvo3.fib.flow;

import java.util.List;

/** One group bucket: its actions run on a copy of the packet. */
public record Bucket(List<Action> actions) {
    public Bucket {
        actions = List.copyOf(actions);
    }

    @Override
    public String toString() {
        return "bucket=" + actions;
    }
}
