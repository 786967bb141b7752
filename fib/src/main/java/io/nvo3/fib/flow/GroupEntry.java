package io.nvo3.fib.flow;

import java.util.List;
import java.util.Objects;

/** One group the NVE should hold. Group ids are unsigned, at most OFPG_MAX = 0xffffff00. */
public record GroupEntry(int groupId, GroupType type, List<Bucket> buckets) {
    public GroupEntry {
        if (Integer.toUnsignedLong(groupId) > 0xffff_ff00L) {
            throw new IllegalArgumentException("group id " + Integer.toUnsignedString(groupId) + " above OFPG_MAX");
        }
        Objects.requireNonNull(type, "type");
        buckets = List.copyOf(buckets);
    }

    @Override
    public String toString() {
        return "group_id=" + Integer.toUnsignedString(groupId) + ",type=" + type + "," + buckets;
    }
}
