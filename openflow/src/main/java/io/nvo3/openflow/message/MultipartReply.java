package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.multipart.MultipartCodec;
import io.nvo3.openflow.multipart.MultipartReplyBody;

/** OFPT_MULTIPART_REPLY (§7.3.5); {@code flags & OFPMPF_REPLY_MORE} says more parts follow. */
public record MultipartReply(int xid, int flags, MultipartReplyBody body) implements OfMessage {
    public static final int OFPMPF_REPLY_MORE = 1;

    public MultipartReply {
        Wire.u16(flags, "flags");
    }

    public boolean more() {
        return (flags & OFPMPF_REPLY_MORE) != 0;
    }

    @Override
    public int type() {
        return MessageType.MULTIPART_REPLY;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(body.type()).writeShort(flags).writeZero(4);
        MultipartCodec.encodeReply(body, buf);
    }

    static MultipartReply decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8, "ofp_multipart_reply");
        int type = b.readUnsignedShort();
        int flags = b.readUnsignedShort();
        b.skipBytes(4);
        return new MultipartReply(xid, flags, MultipartCodec.decodeReply(type, b));
    }
}
