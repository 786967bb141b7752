package io.nvo3.bgp.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.nvo3.bgp.fsm.Connection;
import io.nvo3.bgp.fsm.LocalOpen;
import io.nvo3.bgp.fsm.Notification;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.BgpMessage;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.NotificationMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * A {@link Connection} over a Netty channel. Holds the codec context of the session in both
 * directions (the initial one until OPENs are exchanged). Writes are flushed by {@link #flush()}
 * or immediately for session-control messages.
 */
public final class ChannelConnection implements Connection {
    private final Channel channel;
    private final boolean inbound;
    private final Supplier<LocalOpen> localOpen;
    private volatile CodecContext context = CodecContext.INITIAL;
    private boolean closed;

    public ChannelConnection(Channel channel, boolean inbound, Supplier<LocalOpen> localOpen) {
        this.channel = channel;
        this.inbound = inbound;
        this.localOpen = localOpen;
    }

    public Channel channel() {
        return channel;
    }

    public CodecContext context() {
        return context;
    }

    public void context(CodecContext c) {
        this.context = c;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public boolean inbound() {
        return inbound;
    }

    @Override
    public void sendOpen() {
        LocalOpen l = localOpen.get();
        sendNow(OpenMessage.of(l.localAs(), l.holdTime(), RouteAttributes.ipv4(l.bgpIdentifier()), l.capabilities()));
    }

    @Override
    public void sendKeepalive() {
        sendNow(KeepaliveMessage.INSTANCE);
    }

    @Override
    public void sendNotification(Notification n) {
        if (closed || !channel.isActive()) {
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(BgpCodec.encode(new NotificationMessage(n.code(), n.subcode(), n.data()), context)));
    }

    /** Queues a message; {@link #flush()} sends. */
    public void write(BgpMessage m) {
        if (!closed && channel.isActive()) {
            channel.write(Unpooled.wrappedBuffer(BgpCodec.encode(m, context)));
        }
    }

    /** Queues an already encoded message. */
    public void write(byte[] encoded) {
        if (!closed && channel.isActive()) {
            channel.write(Unpooled.wrappedBuffer(encoded));
        }
    }

    public void flush() {
        channel.flush();
    }

    public void sendNow(BgpMessage m) {
        if (!closed && channel.isActive()) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(BgpCodec.encode(m, context)));
        }
    }

    public boolean writable() {
        return channel.isWritable();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Flush what is queued (e.g. a NOTIFICATION) before closing.
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public String toString() {
        return (inbound ? "in " : "out ") + channel.remoteAddress();
    }
}
