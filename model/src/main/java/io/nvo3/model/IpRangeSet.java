package io.nvo3.model;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A mutable set of addresses kept as disjoint, non-adjacent inclusive ranges, so taking
 * the lowest free address or a given one is O(log ranges), never a scan of used addresses.
 * Not thread-safe.
 */
public final class IpRangeSet {
    private final TreeMap<BigInteger, BigInteger> ranges = new TreeMap<>();
    private BigInteger size = BigInteger.ZERO;

    public void add(BigInteger first, BigInteger last) {
        for (BigInteger v = first; v.compareTo(last) <= 0; ) {
            // insert the part [v, min(last, next range start - 1)] and merge around it
            Map.Entry<BigInteger, BigInteger> floor = ranges.floorEntry(v);
            if (floor != null && floor.getValue().compareTo(v) >= 0) {
                v = floor.getValue().add(BigInteger.ONE);
                continue;
            }
            Map.Entry<BigInteger, BigInteger> next = ranges.higherEntry(v);
            BigInteger end = next == null || next.getKey().compareTo(last) > 0 ? last : next.getKey().subtract(BigInteger.ONE);
            insertDisjoint(v, end);
            v = end.add(BigInteger.ONE);
        }
    }

    private void insertDisjoint(BigInteger first, BigInteger last) {
        size = size.add(last.subtract(first)).add(BigInteger.ONE);
        BigInteger start = first, end = last;
        Map.Entry<BigInteger, BigInteger> before = ranges.floorEntry(first.subtract(BigInteger.ONE));
        if (before != null && before.getValue().equals(first.subtract(BigInteger.ONE))) {
            start = before.getKey();
            ranges.remove(before.getKey());
        }
        BigInteger after = ranges.get(last.add(BigInteger.ONE));
        if (after != null) {
            ranges.remove(last.add(BigInteger.ONE));
            end = after;
        }
        ranges.put(start, end);
    }

    public void add(BigInteger v) {
        add(v, v);
    }

    public boolean contains(BigInteger v) {
        Map.Entry<BigInteger, BigInteger> floor = ranges.floorEntry(v);
        return floor != null && floor.getValue().compareTo(v) >= 0;
    }

    /** Removes {@code v}; false when it was not in the set. */
    public boolean remove(BigInteger v) {
        Map.Entry<BigInteger, BigInteger> floor = ranges.floorEntry(v);
        if (floor == null || floor.getValue().compareTo(v) < 0) {
            return false;
        }
        BigInteger s = floor.getKey(), e = floor.getValue();
        ranges.remove(s);
        if (s.compareTo(v) < 0) {
            ranges.put(s, v.subtract(BigInteger.ONE));
        }
        if (e.compareTo(v) > 0) {
            ranges.put(v.add(BigInteger.ONE), e);
        }
        size = size.subtract(BigInteger.ONE);
        return true;
    }

    /** Removes and returns the lowest member. */
    public Optional<BigInteger> takeLowest() {
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        BigInteger v = ranges.firstKey();
        remove(v);
        return Optional.of(v);
    }

    public BigInteger size() {
        return size;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The number of disjoint ranges held. */
    public int rangeCount() {
        return ranges.size();
    }
}
