package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/** OFPT_SET_CONFIG ({@code struct ofp_switch_config}, §7.3.2). */
public record SetConfig(int xid, int flags, int missSendLen) implements OfMessage {
    public SetConfig {
        Wire.u16(flags, "flags");
        Wire.u16(missSendLen, "missSendLen");
    }

    @Override
    public int type() {
        return MessageType.SET_CONFIG;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(flags).writeShort(missSendLen);
    }

    static SetConfig decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 4, "ofp_switch_config");
        return new SetConfig(xid, b.readUnsignedShort(), b.readUnsignedShort());
    }
}
