package io.nvo3.bench.nve;

import io.nvo3.controller.reconcile.FlowSwitch;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.GroupMod;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the flow and group mods a reconciler hands to the switch, so "zero flow mods" is measured, not assumed. A
 * message read twice by the connection would count twice; the OpenFlow channel reads each once.
 */
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

    /**
     * Counts each message as the switch connection reads it to write it (the plan translates its flow mods only then,
     * and iterating it here first would add that work to the measured time).
     */
    @Override
    public CompletableFuture<Void> apply(List<OfMessage> messages) {
        return delegate.apply(new CountingList(messages));
    }

    private final class CountingList extends AbstractList<OfMessage> implements RandomAccess {
        private final List<OfMessage> messages;

        CountingList(List<OfMessage> messages) {
            this.messages = messages;
        }

        @Override
        public OfMessage get(int index) {
            OfMessage m = messages.get(index);
            if (m instanceof FlowMod) {
                flowMods.incrementAndGet();
            } else if (m instanceof GroupMod) {
                groupMods.incrementAndGet();
            }
            return m;
        }

        @Override
        public int size() {
            return messages.size();
        }
    }

    long flowMods() {
        return flowMods.get();
    }

    long groupMods() {
        return groupMods.get();
    }
}
