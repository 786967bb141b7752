package io.nvo3.store;

/** What {@link KvStore#watch} gives back. */
public sealed interface WatchResult {
    /** A running watch; close it to stop delivery. */
    non-sealed interface Watching extends WatchResult, AutoCloseable {
        @Override
        void close();
    }

    /** The asked revision is no longer kept; resume from {@code compactedRevision}. */
    record Compacted(long compactedRevision) implements WatchResult {}
}
