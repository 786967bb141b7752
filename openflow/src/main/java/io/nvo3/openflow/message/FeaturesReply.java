package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/** OFPT_FEATURES_REPLY ({@code struct ofp_switch_features}, §7.3.1). */
public record FeaturesReply(int xid, long datapathId, long nBuffers, int nTables, int auxiliaryId,
        long capabilities, long reserved) implements OfMessage {
    public FeaturesReply {
        Wire.u32(nBuffers, "nBuffers");
        Wire.u8(nTables, "nTables");
        Wire.u8(auxiliaryId, "auxiliaryId");
        Wire.u32(capabilities, "capabilities");
        Wire.u32(reserved, "reserved");
    }

    @Override
    public int type() {
        return MessageType.FEATURES_REPLY;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeLong(datapathId).writeInt((int) nBuffers).writeByte(nTables).writeByte(auxiliaryId).writeZero(2)
                .writeInt((int) capabilities).writeInt((int) reserved);
    }

    static FeaturesReply decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 24, "ofp_switch_features");
        long dpid = b.readLong();
        long nBuffers = b.readUnsignedInt();
        int nTables = b.readUnsignedByte();
        int aux = b.readUnsignedByte();
        b.skipBytes(2);
        return new FeaturesReply(xid, dpid, nBuffers, nTables, aux, b.readUnsignedInt(), b.readUnsignedInt());
    }
}
