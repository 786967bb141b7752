package io.nvo3.store;

/** Why a watch stopped delivering; see {@link WatchResult.Watching#ended()}. */
public sealed interface WatchEnd {
    /** The watcher closed it. */
    record Closed() implements WatchEnd {}

    /** The store was closed. */
    record StoreClosed() implements WatchEnd {}

    /**
     * The watcher fell so far behind that the revisions it still had to see were pruned from
     * the history ({@code compactedRevision} is now the oldest kept). Every event before
     * {@code nextRevision} was delivered; re-read the state with {@link KvStore#range} and
     * watch again from the store's revision + 1.
     */
    record Compacted(long compactedRevision, long nextRevision) implements WatchEnd {}

    /** The listener threw; the watch stopped at the event that failed. */
    record ListenerFailed(Throwable error) implements WatchEnd {}

    /** The store could not read its own history (I/O error, corrupt entry). */
    record StoreFailed(Throwable error) implements WatchEnd {}
}
