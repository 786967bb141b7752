package io.nvo3.openflow.channel;

import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One switch's OpenFlow 1.3 connection. Thread-safe. The connection allocates the xid of everything it sends;
 * the {@code xid} component of the messages passed in is ignored.
 */
public interface SwitchConnection {

    /** Datapath id from FEATURES_REPLY. */
    long datapathId();

    FeaturesReply features();

    /** The switch's address as seen by us. */
    InetSocketAddress remoteAddress();

    /** Our address the switch connected to (the one it uses to reach the controller). */
    InetSocketAddress localAddress();

    boolean isActive();

    /**
     * Sends {@code request} and completes with its reply: the single reply message, or for a multipart
     * request one {@link io.nvo3.openflow.message.MultipartReply} holding all MORE-flagged parts merged.
     * Fails with {@link OpenFlowErrorException} on an OFPT_ERROR with the request's xid, and with
     * {@link ConnectionClosedException} when the connection goes away. Throws IllegalArgumentException for a
     * message that has no reply (FLOW_MOD, GROUP_MOD, ...): use {@link #send} and {@link #barrier}.
     */
    CompletableFuture<OfMessage> request(OfMessage request);

    /** Multipart request; completes with the reassembled body. */
    CompletableFuture<MultipartReplyBody> multipart(MultipartRequestBody body);

    /** Completes when the switch has processed everything sent before (OFPT_BARRIER_REPLY). */
    CompletableFuture<Void> barrier();

    /**
     * Fire-and-forget send (errors go to {@link SwitchListener#error}). Returns the xid used. Writes respect
     * channel writability and are flushed in batches.
     */
    int send(OfMessage message);

    /** Sends all messages in order (batched flushes, back-pressure); returns the first xid used. */
    int sendAll(List<? extends OfMessage> messages);

    /**
     * Applies {@code messages} as one ONF (EXT-230) bundle with OFPBF_ATOMIC | OFPBF_ORDERED: open, add all,
     * barrier, commit. Completes when committed; fails with the decoded error of the first message the switch
     * rejected (the bundle is then discarded, nothing is applied).
     */
    CompletableFuture<Void> sendBundle(List<? extends OfMessage> messages);

    /**
     * Applies several bundles in order, each as {@link #sendBundle}: bundle k is committed only after bundle k-1
     * was; when one fails, the later ones are discarded and the result fails with that bundle's error. This default
     * sends them one after the other; the channel implementation pipelines them (all adds sent at once, commits in
     * order).
     */
    default CompletableFuture<Void> sendBundles(List<? extends List<? extends OfMessage>> bundles) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<? extends OfMessage> b : bundles) {
            chain = chain.thenCompose(v -> sendBundle(b));
        }
        return chain;
    }

    /** Messages accepted by send/sendAll/sendBundle but not yet handed to the socket (back-pressure gauge). */
    int queuedMessages();

    /** Closes the connection. */
    void close();
}
