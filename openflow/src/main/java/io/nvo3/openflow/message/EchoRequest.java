package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;

/** OFPT_ECHO_REQUEST with arbitrary data (OpenFlow 1.3.5 §7.5.2, §7.5.3). */
public record EchoRequest(int xid, Bytes data) implements OfMessage {
    @Override
    public int type() {
        return MessageType.ECHO_REQUEST;
    }

    void encodeBody(ByteBuf buf) {
        data.write(buf);
    }

    static EchoRequest decodeBody(int xid, ByteBuf b) {
        return new EchoRequest(xid, Bytes.read(b, b.readableBytes()));
    }
}
