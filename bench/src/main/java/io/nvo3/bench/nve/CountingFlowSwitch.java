package io.nvo3.bench.nve;

import io.nvo3.controller.reconcile.FlowSwitch;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the flow and group mods a reconciler hands to the switch, so "zero flow mods" is measured, not assumed. */
final class CountingFlowSwitch implements FlowSwitch {
    private final FlowSwitch delegate;
    private final AtomicLong flowMods = new AtomicLong();
    private final AtomicLong groupMods = new AtomicLong();

    CountingFlowSwitch(FlowSwitch delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<List<FlowStats>> flows() {
        return delegate.flows();
    }

    @Override
    public CompletableFuture<List<GroupDesc>> groups() {
        return delegate.groups();
    }

    @Override
    public CompletableFuture<Void> apply(List<OfMessage> messages) {
        for (OfMessage m : messages) {
            if (m instanceof FlowMod) {
                flowMods.incrementAndGet();
            } else if (m instanceof GroupMod) {
                groupMods.incrementAndGet();
            }
        }
        return delegate.apply(messages);
    }

    long flowMods() {
        return flowMods.get();
    }

    long groupMods() {
        return groupMods.get();
    }
}
