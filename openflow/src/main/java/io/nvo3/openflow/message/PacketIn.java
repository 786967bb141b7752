package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.match.Match;

/** OFPT_PACKET_IN (§7.4.1). {@code match} carries the pipeline fields (in_port, metadata, tunnel...). */
public record PacketIn(int xid, long bufferId, int totalLen, int reason, int tableId, long cookie, Match match,
        Bytes data) implements OfMessage {
    public static final long OFP_NO_BUFFER = 0xffffffffL;

    public PacketIn {
        Wire.u32(bufferId, "bufferId");
        Wire.u16(totalLen, "totalLen");
        Wire.u8(reason, "reason");
        Wire.u8(tableId, "tableId");
    }

    @Override
    public int type() {
        return MessageType.PACKET_IN;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeInt((int) bufferId).writeShort(totalLen).writeByte(reason).writeByte(tableId).writeLong(cookie);
        match.encode(buf);
        buf.writeZero(2);
        data.write(buf);
    }

    static PacketIn decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 24, "ofp_packet_in");
        long bufferId = b.readUnsignedInt();
        int totalLen = b.readUnsignedShort();
        int reason = b.readUnsignedByte();
        int table = b.readUnsignedByte();
        long cookie = b.readLong();
        Match m = Match.decode(b);
        Wire.need(b, 2, "packet_in pad");
        b.skipBytes(2);
        return new PacketIn(xid, bufferId, totalLen, reason, table, cookie, m, Bytes.read(b, b.readableBytes()));
    }
}
