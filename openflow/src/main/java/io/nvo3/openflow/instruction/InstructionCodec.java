package io.nvo3.openflow.instruction;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.action.ActionCodec;
import java.util.ArrayList;
import java.util.List;

/** Wire form of instructions: {@code type(16) len(16)} then the body (§7.2.4). */
public final class InstructionCodec {
    private InstructionCodec() {}

    public static List<Instruction> decodeList(ByteBuf buf) {
        List<Instruction> out = new ArrayList<>();
        while (buf.isReadable()) {
            out.add(decode(buf));
        }
        return out;
    }

    public static Instruction decode(ByteBuf buf) {
        if (buf.readableBytes() < 8) {
            throw badLen("truncated instruction header");
        }
        int type = buf.readUnsignedShort();
        int len = buf.readUnsignedShort();
        if (len < 8 || len % 8 != 0 || len - 4 > buf.readableBytes()) {
            throw badLen("instruction type " + type + " length " + len);
        }
        ByteBuf body = buf.readSlice(len - 4);
        return switch (type) {
            case 1 -> {
                expect(len, 8);
                yield new Instruction.GotoTable(body.readUnsignedByte());
            }
            case 2 -> {
                expect(len, 24);
                body.skipBytes(4);
                yield new Instruction.WriteMetadata(body.readLong(), body.readLong());
            }
            case 3 -> new Instruction.WriteActions(ActionCodec.decodeList(body.skipBytes(4)));
            case 4 -> new Instruction.ApplyActions(ActionCodec.decodeList(body.skipBytes(4)));
            case 5 -> {
                expect(len, 8);
                yield new Instruction.ClearActions();
            }
            case 6 -> {
                expect(len, 8);
                yield new Instruction.Meter(body.readUnsignedInt());
            }
            default -> new Instruction.Unknown(type, Bytes.read(body, body.readableBytes()));
        };
    }

    public static int encodedLength(List<Instruction> list) {
        int n = 0;
        for (Instruction i : list) {
            n += encodedLength(i);
        }
        return n;
    }

    public static int encodedLength(Instruction i) {
        return switch (i) {
            case Instruction.GotoTable g -> 8;
            case Instruction.WriteMetadata w -> 24;
            case Instruction.WriteActions w -> 8 + ActionCodec.encodedLength(w.actions());
            case Instruction.ApplyActions a -> 8 + ActionCodec.encodedLength(a.actions());
            case Instruction.ClearActions c -> 8;
            case Instruction.Meter m -> 8;
            case Instruction.Unknown u -> 4 + u.body().length();
        };
    }

    public static void encodeList(List<Instruction> list, ByteBuf buf) {
        for (Instruction i : list) {
            encode(i, buf);
        }
    }

    public static void encode(Instruction i, ByteBuf buf) {
        int len = encodedLength(i);
        switch (i) {
            case Instruction.GotoTable g -> buf.writeShort(1).writeShort(len).writeByte(g.tableId()).writeZero(3);
            case Instruction.WriteMetadata w -> buf.writeShort(2).writeShort(len).writeZero(4)
                    .writeLong(w.metadata()).writeLong(w.mask());
            case Instruction.WriteActions w -> {
                buf.writeShort(3).writeShort(len).writeZero(4);
                ActionCodec.encodeList(w.actions(), buf);
            }
            case Instruction.ApplyActions a -> {
                buf.writeShort(4).writeShort(len).writeZero(4);
                ActionCodec.encodeList(a.actions(), buf);
            }
            case Instruction.ClearActions c -> buf.writeShort(5).writeShort(len).writeZero(4);
            case Instruction.Meter m -> buf.writeShort(6).writeShort(len).writeInt((int) m.meterId());
            case Instruction.Unknown u -> {
                buf.writeShort(u.type()).writeShort(len);
                u.body().write(buf);
            }
        }
    }

    private static void expect(int len, int expected) {
        if (len != expected) {
            throw badLen("instruction length " + len + ", expected " + expected);
        }
    }

    private static OpenFlowException badLen(String msg) {
        return new OpenFlowException(ErrorCodes.OFPET_BAD_INSTRUCTION, ErrorCodes.OFPBIC_BAD_LEN, msg);
    }
}
