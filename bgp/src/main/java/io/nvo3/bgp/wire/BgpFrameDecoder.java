package io.nvo3.bgp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.message.BgpCodec;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Cuts a TCP stream into whole BGP messages (byte[] with header) for {@link BgpCodec#decode}, each
 * passed on as soon as it is cut (the next one's length is checked under the context that message may
 * have changed). Waits while a header or body is incomplete; a bad marker or length fails the channel
 * with a {@link DecoderException} whose cause is the {@link BgpNotificationException} to send, and the
 * decoder then discards everything (RFC 4271 §6: after a header error the connection closes).
 * The context supplier lets the session switch to 65535-octet messages once RFC 8654 is negotiated.
 *
 * <p>Each read is copied once into a staging array owned by this decoder and released at once; whole
 * messages are copied out of it, and only a partial message is kept (moved to the front) between reads.
 * Unlike a cumulating {@code ByteToMessageDecoder}, a message split across reads never makes the
 * channel allocate a larger buffer and copy what it holds.
 */
public final class BgpFrameDecoder extends ChannelInboundHandlerAdapter {
    /** Enough for any message, RFC 8654's 65535 octets included, with room to spare. */
    private static final int MAX_STAGING = 1 << 16;
    private static final int INITIAL_STAGING = 1 << 14;

    private final Supplier<CodecContext> context;
    private boolean failed;
    /** Stream octets not yet cut into messages: {@code staging[0, filled)}. Used on the channel's event loop only. */
    private byte[] staging = new byte[INITIAL_STAGING];
    private int filled;

    public BgpFrameDecoder(Supplier<CodecContext> context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (!failed && in.isReadable()) {
                int room = staging.length - filled;
                if (room < in.readableBytes() && staging.length < MAX_STAGING) {
                    staging = Arrays.copyOf(staging, MAX_STAGING);
                    room = staging.length - filled;
                }
                // room > 0: what is kept between reads is less than one message, and a message fits the array.
                int n = Math.min(room, in.readableBytes());
                in.readBytes(staging, filled, n);
                filled += n;
                cut(ctx);
            }
        } finally {
            in.release();
        }
    }

    /** Passes on every whole message in {@code staging}, then moves what is left to the front. */
    private void cut(ChannelHandlerContext ctx) {
        int p = 0;
        try {
            while (!failed && !ctx.isRemoved()) {
                int len = BgpCodec.frameLength(staging, p, filled - p, context.get());
                if (len < 0 || filled - p < len) {
                    break;
                }
                byte[] frame = Arrays.copyOfRange(staging, p, p + len);
                p += len;
                ctx.fireChannelRead(frame);
            }
        } catch (BgpNotificationException e) {
            failed = true;
            filled = 0;
            throw new DecoderException(e);
        }
        if (failed) {
            filled = 0;
            return;
        }
        System.arraycopy(staging, p, staging, 0, filled - p);
        filled -= p;
    }
}
