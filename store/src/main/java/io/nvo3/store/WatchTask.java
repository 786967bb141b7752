package io.nvo3.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch, on its own virtual thread. It keeps a single cursor, {@code next}, and reads every
 * revision from {@code next} up to the published snapshot out of the durable history map, then
 * parks until the writer publishes a newer snapshot. History replay and live delivery are the
 * same loop, so there is no switch-over where an event could be lost or repeated.
 *
 * <p>Slow watchers: the writer only unparks the thread; it never buffers events per watch, so a
 * slow listener costs no memory and never blocks a writer. If a watcher falls so far behind that
 * the revision it needs next was pruned from the history, it ends with
 * {@link WatchEnd.Compacted} (every event before its {@code nextRevision} was delivered).
 */
final class WatchTask implements WatchResult.Watching {
    private static final Logger LOG = LoggerFactory.getLogger(WatchTask.class);
    /** Revisions read per snapshot, so an old snapshot is never held for long. */
    private static final int STEP = 256;

    private final MvKvStore store;
    private final String prefix;
    private final Consumer<WatchEvent> listener;
    private final CompletableFuture<WatchEnd> ended = new CompletableFuture<>();
    private final Thread thread;
    private long next;

    WatchTask(MvKvStore store, String prefix, long from, Consumer<WatchEvent> listener) {
        this.store = store;
        this.prefix = prefix;
        this.next = from;
        this.listener = listener;
        this.thread = Thread.ofVirtual().name("nvo3-store-watch " + prefix).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    void end(WatchEnd why) {
        if (ended.complete(why)) {
            LockSupport.unpark(thread);
        }
    }

    void join() {
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletableFuture<WatchEnd> ended() {
        return ended;
    }

    @Override
    public void close() {
        end(new WatchEnd.Closed());
    }

    private void run() {
        try {
            while (!ended.isDone()) {
                MvKvStore.HistoryRead h = store.history(next, STEP);
                if (next < h.compacted()) {
                    end(new WatchEnd.Compacted(h.compacted(), next));
                    return;
                }
                if (next > h.revision()) {
                    if (store.isClosed()) {
                        end(new WatchEnd.StoreClosed());
                        return;
                    }
                    LockSupport.park(this);
                    continue;
                }
                for (Map.Entry<Long, List<WatchEvent>> e : h.entries()) {
                    if (e.getKey() != next) {
                        // One entry per revision from compacted to revision: a hole is damage.
                        throw new StoreException(StoreException.Code.CORRUPT,
                                store.name() + ": history has no entry for revision " + next);
                    }
                    for (WatchEvent ev : e.getValue()) {
                        if (ended.isDone()) {
                            return;
                        }
                        if (ev.kv().key().startsWith(prefix) && !deliver(ev)) {
                            return;
                        }
                    }
                    next = e.getKey() + 1;
                }
                if (h.entries().isEmpty()) {
                    throw new StoreException(StoreException.Code.CORRUPT,
                            store.name() + ": history has no entry for revision " + next);
                }
            }
        } catch (RuntimeException e) {
            if (store.isClosed()) {
                end(new WatchEnd.StoreClosed());
            } else {
                LOG.error("watch of {} stopped at revision {}: reading the history failed", prefix, next, e);
                end(new WatchEnd.StoreFailed(e));
            }
        }
    }

    private boolean deliver(WatchEvent ev) {
        try {
            listener.accept(ev);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("watch of {} stopped at revision {}: listener failed", prefix, next, e);
            end(new WatchEnd.ListenerFailed(e));
            return false;
        }
    }
}
