package io.nvo3.openflow.channel;

import io.nvo3.openflow.message.ErrorMsg;
import java.util.concurrent.CompletableFuture;

/** Collects errors for the contiguous xid range of one bundle's ADD messages. Event-loop confined. */
final class BundleTracker {
    final long bundleId;
    final int firstXid;
    final int count;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    ErrorMsg firstError;

    BundleTracker(long bundleId, int firstXid, int count) {
        this.bundleId = bundleId;
        this.firstXid = firstXid;
        this.count = count;
    }

    boolean owns(int xid) {
        return Integer.toUnsignedLong(xid - firstXid) < count;
    }
}
