package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/** OFPT_GET_CONFIG_REPLY ({@code struct ofp_switch_config}, §7.3.2). */
public record GetConfigReply(int xid, int flags, int missSendLen) implements OfMessage {
    public GetConfigReply {
        Wire.u16(flags, "flags");
        Wire.u16(missSendLen, "missSendLen");
    }

    @Override
    public int type() {
        return MessageType.GET_CONFIG_REPLY;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(flags).writeShort(missSendLen);
    }

    static GetConfigReply decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 4, "ofp_switch_config");
        return new GetConfigReply(xid, b.readUnsignedShort(), b.readUnsignedShort());
    }
}
