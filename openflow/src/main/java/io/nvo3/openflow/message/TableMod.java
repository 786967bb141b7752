package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/** OFPT_TABLE_MOD (§7.3.3). */
public record TableMod(int xid, int tableId, long config) implements OfMessage {
    public TableMod {
        Wire.u8(tableId, "tableId");
        Wire.u32(config, "config");
    }

    @Override
    public int type() {
        return MessageType.TABLE_MOD;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeByte(tableId).writeZero(3).writeInt((int) config);
    }

    static TableMod decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8, "ofp_table_mod");
        int t = b.readUnsignedByte();
        b.skipBytes(3);
        return new TableMod(xid, t, b.readUnsignedInt());
    }
}
