package io.nvo3.controller.reconcile;

import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What reconcile needs from one switch: read what it holds, apply an ordered batch atomically. The production
 * implementation is {@link SwitchConnectionFlowSwitch}; tests use a fake.
 */
public interface FlowSwitch {
    /** OFPMP_FLOW for all tables. */
    CompletableFuture<List<FlowStats>> flows();

    /** OFPMP_GROUP_DESC. */
    CompletableFuture<List<GroupDesc>> groups();

    /** Applies the messages in order, all or nothing (an ONF bundle, ordered and atomic). */
    CompletableFuture<Void> apply(List<OfMessage> messages);
}
