package io.nvo3.controller.nve.pull;

import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A switch connection that records what is sent to it (fire-and-forget only). */
final class RecordingConnection implements SwitchConnection {
    final List<OfMessage> sent = new CopyOnWriteArrayList<>();
    private final long dpid;

    RecordingConnection(long dpid) {
        this.dpid = dpid;
    }

    <T extends OfMessage> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public long datapathId() {
        return dpid;
    }

    @Override
    public FeaturesReply features() {
        throw new UnsupportedOperationException();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 2);
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public CompletableFuture<OfMessage> request(OfMessage request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<MultipartReplyBody> multipart(MultipartRequestBody body) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> barrier() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int send(OfMessage message) {
        sent.add(message);
        return sent.size();
    }

    @Override
    public int sendAll(List<? extends OfMessage> messages) {
        messages.forEach(this::send);
        return sent.size();
    }

    @Override
    public CompletableFuture<Void> sendBundle(List<? extends OfMessage> messages) {
        messages.forEach(this::send);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int queuedMessages() {
        return 0;
    }

    @Override
    public void close() {
    }
}
