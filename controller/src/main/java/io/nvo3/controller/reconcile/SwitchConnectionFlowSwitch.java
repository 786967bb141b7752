package io.nvo3.controller.reconcile;

import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.FlowStats;
import io.nvo3.openflow.multipart.GroupDesc;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link FlowSwitch} over a real OpenFlow connection: multipart reads, ONF (EXT-230) bundles. */
public final class SwitchConnectionFlowSwitch implements FlowSwitch {
    /** Messages per bundle; a larger batch is split into several ordered bundles, committed one after the other. */
    static final int MAX_BUNDLE = 20_000;
    /** A switch that neither commits nor rejects a batch within this time is treated as failed (read again later). */
    static final long TIMEOUT_SECONDS = 60;

    private final SwitchConnection conn;

    public SwitchConnectionFlowSwitch(SwitchConnection conn) {
        this.conn = conn;
    }

    public SwitchConnection connection() {
        return conn;
    }

    @Override
    public CompletableFuture<List<FlowStats>> flows() {
        return conn.multipart(MultipartRequestBody.Flow.all()).thenApply(b -> switch (b) {
            case MultipartReplyBody.Flow f -> f.entries();
            default -> throw new IllegalStateException("flow stats request answered with " + b.getClass().getSimpleName());
        });
    }

    @Override
    public CompletableFuture<List<GroupDesc>> groups() {
        return conn.multipart(new MultipartRequestBody.GroupDesc()).thenApply(b -> switch (b) {
            case MultipartReplyBody.GroupDesc g -> g.entries();
            default -> throw new IllegalStateException("group desc request answered with " + b.getClass().getSimpleName());
        });
    }

    @Override
    public CompletableFuture<Void> apply(List<OfMessage> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<List<OfMessage>> parts = new java.util.ArrayList<>();
        for (int i = 0; i < messages.size(); i += MAX_BUNDLE) {
            parts.add(messages.subList(i, Math.min(messages.size(), i + MAX_BUNDLE)));
        }
        // Pipelined: all adds go out at once, the commits follow one another in order.
        CompletableFuture<Void> chain = conn.sendBundles(parts);
        return chain.orTimeout(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    }
}
