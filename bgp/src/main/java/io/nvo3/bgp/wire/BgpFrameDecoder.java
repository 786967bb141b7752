package io.nvo3.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.message.BgpCodec;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Cuts a TCP stream into whole BGP messages (byte[] with header) for {@link BgpCodec#decode}.
 * Waits while a header or body is incomplete; a bad marker or length fails the channel with a
 * {@link DecoderException} whose cause is the {@link BgpNotificationException} to send, and the
 * decoder then discards everything (RFC 4271 §6: after a header error the connection closes).
 * The context supplier lets the session switch to 65535-octet messages once RFC 8654 is negotiated.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {
    private final Supplier<CodecContext> context;
    private boolean failed;
    /** The header being looked at, reused: this decoder runs on its channel's event loop only. */
    private final byte[] header = new byte[BgpCodec.HEADER_LENGTH];

    public BgpFrameDecoder(Supplier<CodecContext> context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int available = in.readableBytes();
        if (available < BgpCodec.HEADER_LENGTH) {
            return;
        }
        in.getBytes(in.readerIndex(), header);
        int len;
        try {
            len = BgpCodec.frameLength(header, 0, header.length, context.get());
        } catch (BgpNotificationException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new DecoderException(e);
        }
        if (available < len) {
            return;
        }
        byte[] frame = new byte[len];
        in.readBytes(frame);
        out.add(frame);
    }
}
