package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;

/** OFPT_ECHO_REPLY with arbitrary data (OpenFlow 1.3.5 §7.5.2, §7.5.3). */
public record EchoReply(int xid, Bytes data) implements OfMessage {
    @Override
    public int type() {
        return MessageType.ECHO_REPLY;
    }

    void encodeBody(ByteBuf buf) {
        data.write(buf);
    }

    static EchoReply decodeBody(int xid, ByteBuf b) {
        return new EchoReply(xid, Bytes.read(b, b.readableBytes()));
    }
}
