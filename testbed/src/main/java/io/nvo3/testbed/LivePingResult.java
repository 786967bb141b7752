package io.nvo3.testbed;

import java.util.List;

/**
 * What a {@link LivePing} saw. {@code requests} counts echo requests up to the last answered one;
 * {@code missingSequences} are those among them that got no reply. Requests after the last reply (still
 * in flight when the ping stopped) are not counted as lost.
 */
public record LivePingResult(long requests, long replies, List<Long> missingSequences, long duplicates) {
    public LivePingResult {
        missingSequences = List.copyOf(missingSequences);
    }

    public long lost() {
        return missingSequences.size();
    }
}
