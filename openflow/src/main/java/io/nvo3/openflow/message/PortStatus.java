package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.multipart.PortDesc;

/** OFPT_PORT_STATUS (§7.4.3): reason OFPPR_ADD 0, OFPPR_DELETE 1, OFPPR_MODIFY 2. */
public record PortStatus(int xid, int reason, PortDesc desc) implements OfMessage {
    public PortStatus {
        Wire.u8(reason, "reason");
    }

    @Override
    public int type() {
        return MessageType.PORT_STATUS;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeByte(reason).writeZero(7);
        desc.encode(buf);
    }

    static PortStatus decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8 + PortDesc.LENGTH, "ofp_port_status");
        int reason = b.readUnsignedByte();
        b.skipBytes(7);
        return new PortStatus(xid, reason, PortDesc.decode(b));
    }
}
