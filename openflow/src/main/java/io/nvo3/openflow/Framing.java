package io.nvo3.openflow;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.message.MessageCodec;

/** Cuts a byte stream into OpenFlow messages, bounded by {@link OfContext#maxFrameLength()}. */
public final class Framing {

    private Framing() {}


    /**
     * Reads the next frame from {@code in}. On {@link FrameResult.Incomplete} nothing is consumed; on a fatal
     * {@link FrameResult.Corrupt} all readable bytes are consumed; otherwise exactly one frame is.
     */
    public static FrameResult next(ByteBuf in, OfContext ctx) {
        if (in.readableBytes() < MessageCodec.HEADER_LENGTH) {
            return new FrameResult.Incomplete();
        }
        int start = in.readerIndex();
        int length = in.getUnsignedShort(start + 2);
        int xid = in.getInt(start + 4);
        if (length < MessageCodec.HEADER_LENGTH || length > ctx.maxFrameLength()) {
            Bytes head = Bytes.read(in, Math.min(64, in.readableBytes()));
            in.skipBytes(in.readableBytes());
            return new FrameResult.Corrupt(OpenFlowException.badLen("header length " + length + " outside [8, "
                    + ctx.maxFrameLength() + "]"), xid, head, true);
        }
        if (in.readableBytes() < length) {
            return new FrameResult.Incomplete();
        }
        ByteBuf frame = in.readSlice(length);
        try {
            return new FrameResult.Ok(MessageCodec.decode(frame.duplicate(), ctx));
        } catch (OpenFlowException e) {
            return new FrameResult.Corrupt(e, xid, Bytes.read(frame, Math.min(64, length)), false);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // A record's compact constructor rejected a decoded value the wire format allowed.
            return new FrameResult.Corrupt(new OpenFlowException(ErrorCodes.OFPET_BAD_REQUEST,
                    ErrorCodes.OFPBRC_BAD_LEN, String.valueOf(e.getMessage())), xid,
                    Bytes.read(frame, Math.min(64, length)), false);
        }
    }
}
