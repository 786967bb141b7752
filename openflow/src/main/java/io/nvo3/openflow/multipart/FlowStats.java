package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.instruction.InstructionCodec;
import io.nvo3.openflow.match.Match;
import java.util.List;

/** {@code struct ofp_flow_stats} (OpenFlow 1.3.5 §7.3.5.2). */
public record FlowStats(int tableId, long durationSec, long durationNsec, int priority, int idleTimeout,
        int hardTimeout, int flags, long cookie, long packetCount, long byteCount, Match match,
        List<Instruction> instructions) {

    public FlowStats {
        Wire.u8(tableId, "tableId");
        Wire.u32(durationSec, "durationSec");
        Wire.u32(durationNsec, "durationNsec");
        Wire.u16(priority, "priority");
        Wire.u16(idleTimeout, "idleTimeout");
        Wire.u16(hardTimeout, "hardTimeout");
        Wire.u16(flags, "flags");
        instructions = List.copyOf(instructions);
    }

    int encodedLength() {
        return 48 + match.encodedLength() + InstructionCodec.encodedLength(instructions);
    }

    void encode(ByteBuf buf) {
        buf.writeShort(encodedLength()).writeByte(tableId).writeZero(1).writeInt((int) durationSec)
                .writeInt((int) durationNsec).writeShort(priority).writeShort(idleTimeout).writeShort(hardTimeout)
                .writeShort(flags).writeZero(4).writeLong(cookie).writeLong(packetCount).writeLong(byteCount);
        match.encode(buf);
        InstructionCodec.encodeList(instructions, buf);
    }

    static FlowStats decode(ByteBuf buf) {
        Wire.need(buf, 56, "ofp_flow_stats");
        int len = buf.readUnsignedShort();
        if (len < 56 || len - 2 > buf.readableBytes()) {
            throw OpenFlowException.badLen("flow stats length " + len);
        }
        ByteBuf b = buf.readSlice(len - 2);
        int tableId = b.readUnsignedByte();
        b.skipBytes(1);
        long durSec = b.readUnsignedInt();
        long durNsec = b.readUnsignedInt();
        int priority = b.readUnsignedShort();
        int idle = b.readUnsignedShort();
        int hard = b.readUnsignedShort();
        int flags = b.readUnsignedShort();
        b.skipBytes(4);
        long cookie = b.readLong();
        long packets = b.readLong();
        long bytes = b.readLong();
        Match match = Match.decode(b);
        return new FlowStats(tableId, durSec, durNsec, priority, idle, hard, flags, cookie, packets, bytes, match,
                InstructionCodec.decodeList(b));
    }
}
