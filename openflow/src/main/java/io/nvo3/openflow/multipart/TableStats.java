package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/** {@code struct ofp_table_stats} (§7.3.5.5), 24 bytes. */
public record TableStats(int tableId, long activeCount, long lookupCount, long matchedCount) {
    static final int LENGTH = 24;

    public TableStats {
        Wire.u8(tableId, "tableId");
        Wire.u32(activeCount, "activeCount");
    }

    void encode(ByteBuf buf) {
        buf.writeByte(tableId).writeZero(3).writeInt((int) activeCount).writeLong(lookupCount).writeLong(matchedCount);
    }

    static TableStats decode(ByteBuf buf) {
        Wire.need(buf, LENGTH, "ofp_table_stats");
        int t = buf.readUnsignedByte();
        buf.skipBytes(3);
        return new TableStats(t, buf.readUnsignedInt(), buf.readLong(), buf.readLong());
    }
}
