package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.multipart.MultipartCodec;
import io.nvo3.openflow.multipart.MultipartRequestBody;

/** OFPT_MULTIPART_REQUEST (§7.3.5). */
public record MultipartRequest(int xid, int flags, MultipartRequestBody body) implements OfMessage {
    public MultipartRequest {
        Wire.u16(flags, "flags");
    }

    public static MultipartRequest of(MultipartRequestBody body) {
        return new MultipartRequest(0, 0, body);
    }

    @Override
    public int type() {
        return MessageType.MULTIPART_REQUEST;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(body.type()).writeShort(flags).writeZero(4);
        MultipartCodec.encodeRequest(body, buf);
    }

    static MultipartRequest decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8, "ofp_multipart_request");
        int type = b.readUnsignedShort();
        int flags = b.readUnsignedShort();
        b.skipBytes(4);
        return new MultipartRequest(xid, flags, MultipartCodec.decodeRequest(type, b));
    }
}
