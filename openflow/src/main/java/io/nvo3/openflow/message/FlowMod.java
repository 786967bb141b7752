package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.instruction.InstructionCodec;
import io.nvo3.openflow.match.Match;
import java.util.List;

/** OFPT_FLOW_MOD (OpenFlow 1.3.5 §7.3.4.1). */
public record FlowMod(int xid, long cookie, long cookieMask, int tableId, int command, int idleTimeout,
        int hardTimeout, int priority, long bufferId, long outPort, long outGroup, int flags, Match match,
        List<Instruction> instructions) implements OfMessage {
    public static final int OFPFC_ADD = 0;
    public static final int OFPFC_MODIFY = 1;
    public static final int OFPFC_MODIFY_STRICT = 2;
    public static final int OFPFC_DELETE = 3;
    public static final int OFPFC_DELETE_STRICT = 4;
    public static final int OFPFF_SEND_FLOW_REM = 1;
    public static final long OFP_NO_BUFFER = 0xffffffffL;
    public static final long OFPP_ANY = 0xffffffffL;
    public static final long OFPG_ANY = 0xffffffffL;
    public static final int OFPTT_ALL = 0xff;

    public FlowMod {
        Wire.u8(tableId, "tableId");
        Wire.u8(command, "command");
        Wire.u16(idleTimeout, "idleTimeout");
        Wire.u16(hardTimeout, "hardTimeout");
        Wire.u16(priority, "priority");
        Wire.u32(bufferId, "bufferId");
        Wire.u32(outPort, "outPort");
        Wire.u32(outGroup, "outGroup");
        Wire.u16(flags, "flags");
        instructions = List.copyOf(instructions);
    }

    /** OFPFC_ADD of a permanent flow, no buffer. */
    public static FlowMod add(int tableId, int priority, long cookie, Match match, List<Instruction> instructions) {
        return new FlowMod(0, cookie, 0, tableId, OFPFC_ADD, 0, 0, priority, OFP_NO_BUFFER, OFPP_ANY, OFPG_ANY, 0,
                match, instructions);
    }

    /** OFPFC_DELETE of every flow in every table whose cookie matches under {@code cookieMask}. */
    public static FlowMod deleteByCookie(long cookie, long cookieMask) {
        return new FlowMod(0, cookie, cookieMask, OFPTT_ALL, OFPFC_DELETE, 0, 0, 0, OFP_NO_BUFFER, OFPP_ANY,
                OFPG_ANY, 0, Match.ALL, List.of());
    }

    @Override
    public int type() {
        return MessageType.FLOW_MOD;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeLong(cookie).writeLong(cookieMask).writeByte(tableId).writeByte(command).writeShort(idleTimeout)
                .writeShort(hardTimeout).writeShort(priority).writeInt((int) bufferId).writeInt((int) outPort)
                .writeInt((int) outGroup).writeShort(flags).writeZero(2);
        match.encode(buf);
        InstructionCodec.encodeList(instructions, buf);
    }

    static FlowMod decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 40, "ofp_flow_mod");
        long cookie = b.readLong();
        long cookieMask = b.readLong();
        int table = b.readUnsignedByte();
        int command = b.readUnsignedByte();
        int idle = b.readUnsignedShort();
        int hard = b.readUnsignedShort();
        int prio = b.readUnsignedShort();
        long bufferId = b.readUnsignedInt();
        long outPort = b.readUnsignedInt();
        long outGroup = b.readUnsignedInt();
        int flags = b.readUnsignedShort();
        b.skipBytes(2);
        Match m = Match.decode(b);
        return new FlowMod(xid, cookie, cookieMask, table, command, idle, hard, prio, bufferId, outPort, outGroup,
                flags, m, InstructionCodec.decodeList(b));
    }
}
