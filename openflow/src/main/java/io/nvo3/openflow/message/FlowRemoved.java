package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.match.Match;

/** OFPT_FLOW_REMOVED (§7.4.2). */
public record FlowRemoved(int xid, long cookie, int priority, int reason, int tableId, long durationSec,
        long durationNsec, int idleTimeout, int hardTimeout, long packetCount, long byteCount, Match match)
        implements OfMessage {
    public FlowRemoved {
        Wire.u16(priority, "priority");
        Wire.u8(reason, "reason");
        Wire.u8(tableId, "tableId");
        Wire.u32(durationSec, "durationSec");
        Wire.u32(durationNsec, "durationNsec");
        Wire.u16(idleTimeout, "idleTimeout");
        Wire.u16(hardTimeout, "hardTimeout");
    }

    @Override
    public int type() {
        return MessageType.FLOW_REMOVED;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeLong(cookie).writeShort(priority).writeByte(reason).writeByte(tableId).writeInt((int) durationSec)
                .writeInt((int) durationNsec).writeShort(idleTimeout).writeShort(hardTimeout).writeLong(packetCount)
                .writeLong(byteCount);
        match.encode(buf);
    }

    static FlowRemoved decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 48, "ofp_flow_removed");
        return new FlowRemoved(xid, b.readLong(), b.readUnsignedShort(), b.readUnsignedByte(), b.readUnsignedByte(),
                b.readUnsignedInt(), b.readUnsignedInt(), b.readUnsignedShort(), b.readUnsignedShort(), b.readLong(),
                b.readLong(), Match.decode(b));
    }
}
