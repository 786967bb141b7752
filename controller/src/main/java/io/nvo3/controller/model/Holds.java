package io.nvo3.controller.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Shared/exclusive holds on resource ids while a write is on its way to the store, so no
 * global lock is held during durability. Callers synchronize on the model's lock.
 */
final class Holds {
    private static final class Hold {
        int shared;
        boolean exclusive;
        final CompletableFuture<Void> released = new CompletableFuture<>();
    }

    private final Map<String, Hold> holds = new HashMap<>();

    /** Takes the holds, or returns a future to wait on before trying again (nothing taken then). */
    CompletableFuture<Void> tryAcquire(List<String> exclusive, List<String> shared) {
        for (String id : exclusive) {
            Hold h = holds.get(id);
            if (h != null) {
                return h.released;
            }
        }
        for (String id : shared) {
            Hold h = holds.get(id);
            if (h != null && h.exclusive) {
                return h.released;
            }
        }
        for (String id : exclusive) {
            Hold h = new Hold();
            h.exclusive = true;
            holds.put(id, h);
        }
        for (String id : shared) {
            holds.computeIfAbsent(id, k -> new Hold()).shared++;
        }
        return null;
    }

    void release(List<String> exclusive, List<String> shared) {
        for (String id : exclusive) {
            Hold h = holds.remove(id);
            if (h != null) {
                h.released.complete(null);
            }
        }
        for (String id : shared) {
            Hold h = holds.get(id);
            if (h != null && --h.shared == 0) {
                holds.remove(id);
                h.released.complete(null);
            }
        }
    }
}
