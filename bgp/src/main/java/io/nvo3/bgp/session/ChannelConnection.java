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
    private final MessageCounters counters;
    private volatile CodecContext context = CodecContext.INITIAL;
    private boolean closed;

    public ChannelConnection(Channel channel, boolean inbound, Supplier<LocalOpen> localOpen) {
        this(channel, inbound, localOpen, new MessageCounters());
    }

    /** @param counters where the messages written here are counted (the neighbor's, across its connections) */
    public ChannelConnection(Channel channel, boolean inbound, Supplier<LocalOpen> localOpen, MessageCounters counters) {
        this.channel = channel;
        this.inbound = inbound;
        this.localOpen = localOpen;
        this.counters = counters;
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
        byte[] b = BgpCodec.encode(new NotificationMessage(n.code(), n.subcode(), n.data()), context);
        counters.sent(b);
        channel.writeAndFlush(Unpooled.wrappedBuffer(b));
    }

    /** Queues a message; {@link #flush()} sends. */
    public void write(BgpMessage m) {
        if (!closed && channel.isActive()) {
            byte[] b = BgpCodec.encode(m, context);
            counters.sent(b);
            channel.write(Unpooled.wrappedBuffer(b));
        }
    }

    /** Queues an already encoded message. */
    public void write(byte[] encoded) {
        if (!closed && channel.isActive()) {
            counters.sent(encoded);
            channel.write(Unpooled.wrappedBuffer(encoded));
        }
    }

    public void flush() {
        channel.flush();
    }

    public void sendNow(BgpMessage m) {
        if (!closed && channel.isActive()) {
            byte[] b = BgpCodec.encode(m, context);
            counters.sent(b);
            channel.writeAndFlush(Unpooled.wrappedBuffer(b));
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
