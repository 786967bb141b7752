package io.nvo3.store;

import java.util.concurrent.CompletableFuture;

/** What {@link KvStore#watch} gives back. */
public sealed interface WatchResult {
    /** A running watch; close it to stop delivery. */
    non-sealed interface Watching extends WatchResult, AutoCloseable {
        @Override
        void close();

        /**
         * Completes when delivery stops for good: closed by the caller, store closed, the
         * watcher fell behind the kept history ({@link WatchEnd.Compacted}), or the listener threw.
         */
        default CompletableFuture<WatchEnd> ended() {
            return new CompletableFuture<>();
        }
    }

    /** The asked revision is no longer kept; resume from {@code compactedRevision}. */
    record Compacted(long compactedRevision) implements WatchResult {}
}
