package io.nvo3.openflow.action;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmCodec;
import java.util.ArrayList;
import java.util.List;

/** Wire form of actions: {@code type(16) len(16)} then the body, len a multiple of 8 (§7.2.5). */
public final class ActionCodec {
    static final int OUTPUT = 0;
    static final int PUSH_VLAN = 17;
    static final int POP_VLAN = 18;
    static final int GROUP = 22;
    static final int SET_NW_TTL = 23;
    static final int DEC_NW_TTL = 24;
    static final int SET_FIELD = 25;
    static final int EXPERIMENTER = 0xffff;
    private static final int OFPBAC_BAD_SET_LEN = 14;

    private ActionCodec() {}

    static boolean isModelled(int type) {
        return switch (type) {
            case OUTPUT, PUSH_VLAN, POP_VLAN, GROUP, SET_NW_TTL, DEC_NW_TTL, SET_FIELD, EXPERIMENTER -> true;
            default -> false;
        };
    }

    public static List<Action> decodeList(ByteBuf buf) {
        List<Action> out = new ArrayList<>();
        while (buf.isReadable()) {
            out.add(decode(buf));
        }
        return out;
    }

    public static Action decode(ByteBuf buf) {
        if (buf.readableBytes() < 8) {
            throw badLen("truncated action header");
        }
        int type = buf.readUnsignedShort();
        int len = buf.readUnsignedShort();
        // §7.2.5: "The length of an action must always be a multiple of eight."
        if (len < 8 || len % 8 != 0 || len - 4 > buf.readableBytes()) {
            throw badLen("action type " + type + " length " + len + " (" + (buf.readableBytes() + 4) + " left)");
        }
        ByteBuf body = buf.readSlice(len - 4);
        return switch (type) {
            case OUTPUT -> {
                expect(len, 16, type);
                long port = body.readUnsignedInt();
                int maxLen = body.readUnsignedShort();
                yield new Action.Output(port, maxLen);
            }
            case GROUP -> {
                expect(len, 8, type);
                yield new Action.Group(body.readUnsignedInt());
            }
            case PUSH_VLAN -> {
                expect(len, 8, type);
                yield new Action.PushVlan(body.readUnsignedShort());
            }
            case POP_VLAN -> {
                expect(len, 8, type);
                yield new Action.PopVlan();
            }
            case DEC_NW_TTL -> {
                expect(len, 8, type);
                yield new Action.DecNwTtl();
            }
            case SET_NW_TTL -> {
                expect(len, 8, type);
                yield new Action.SetNwTtl(body.readUnsignedByte());
            }
            case SET_FIELD -> {
                Oxm field;
                try {
                    field = OxmCodec.decode(body);
                } catch (OpenFlowException e) {
                    throw new OpenFlowException(ErrorCodes.OFPET_BAD_ACTION, OFPBAC_BAD_SET_LEN, e.getMessage());
                }
                if (field.hasMask()) {
                    // OpenFlow 1.3.5 §7.2.5: set-field "oxm_hasmask must be zero".
                    throw new OpenFlowException(ErrorCodes.OFPET_BAD_ACTION, 15 /* BAD_SET_ARGUMENT */,
                            "masked set_field");
                }
                yield new Action.SetField(field);
            }
            case EXPERIMENTER -> decodeExperimenter(body);
            default -> new Action.Unknown(type, Bytes.read(body, body.readableBytes()));
        };
    }

    private static Action decodeExperimenter(ByteBuf body) {
        long experimenter = body.readUnsignedInt();
        if (experimenter != NiciraSubtype.NX_VENDOR) {
            return new Action.Experimenter(experimenter, Bytes.read(body, body.readableBytes()));
        }
        if (body.readableBytes() < 2) {
            throw badLen("Nicira action without subtype");
        }
        int subtype = body.readUnsignedShort();
        if (subtype == NiciraSubtype.RESUBMIT_TABLE) {
            if (body.readableBytes() != 6) {
                throw badLen("resubmit_table length");
            }
            int inPort = body.readUnsignedShort();
            int table = body.readUnsignedByte();
            return new Action.NxResubmit(inPort, table);
        }
        if (subtype == NiciraSubtype.LEARN) {
            if (body.readableBytes() < 22) {
                throw badLen("learn length");
            }
            int idle = body.readUnsignedShort();
            int hard = body.readUnsignedShort();
            int prio = body.readUnsignedShort();
            long cookie = body.readLong();
            int flags = body.readUnsignedShort();
            int table = body.readUnsignedByte();
            body.skipBytes(1);
            int finIdle = body.readUnsignedShort();
            int finHard = body.readUnsignedShort();
            return new Action.NxLearn(idle, hard, prio, cookie, flags, table, finIdle, finHard,
                    Bytes.read(body, body.readableBytes()));
        }
        return new Action.Nicira(subtype, Bytes.read(body, body.readableBytes()));
    }

    public static void encodeList(List<Action> actions, ByteBuf buf) {
        for (Action a : actions) {
            encode(a, buf);
        }
    }

    public static int encodedLength(List<Action> actions) {
        int n = 0;
        for (Action a : actions) {
            n += encodedLength(a);
        }
        return n;
    }

    public static int encodedLength(Action a) {
        return switch (a) {
            case Action.Output o -> 16;
            case Action.Group g -> 8;
            case Action.PushVlan p -> 8;
            case Action.PopVlan p -> 8;
            case Action.DecNwTtl d -> 8;
            case Action.SetNwTtl s -> 8;
            case Action.SetField s -> (4 + OxmCodec.encodedLength(s.field()) + 7) & ~7;
            case Action.NxResubmit r -> 16;
            case Action.NxLearn l -> 32 + l.specs().length();
            case Action.Nicira n -> 10 + n.body().length();
            case Action.Experimenter e -> 8 + e.data().length();
            case Action.Unknown u -> 4 + u.body().length();
        };
    }

    public static void encode(Action a, ByteBuf buf) {
        int len = encodedLength(a);
        switch (a) {
            case Action.Output o -> {
                buf.writeShort(OUTPUT).writeShort(len).writeInt((int) o.port()).writeShort(o.maxLen()).writeZero(6);
            }
            case Action.Group g -> buf.writeShort(GROUP).writeShort(len).writeInt((int) g.groupId());
            case Action.PushVlan p -> buf.writeShort(PUSH_VLAN).writeShort(len).writeShort(p.ethertype()).writeZero(2);
            case Action.PopVlan p -> buf.writeShort(POP_VLAN).writeShort(len).writeZero(4);
            case Action.DecNwTtl d -> buf.writeShort(DEC_NW_TTL).writeShort(len).writeZero(4);
            case Action.SetNwTtl s -> buf.writeShort(SET_NW_TTL).writeShort(len).writeByte(s.ttl()).writeZero(3);
            case Action.SetField s -> {
                buf.writeShort(SET_FIELD).writeShort(len);
                OxmCodec.encode(s.field(), buf);
                buf.writeZero(len - 4 - OxmCodec.encodedLength(s.field()));
            }
            case Action.NxResubmit r -> buf.writeShort(EXPERIMENTER).writeShort(len)
                    .writeInt((int) NiciraSubtype.NX_VENDOR).writeShort(NiciraSubtype.RESUBMIT_TABLE)
                    .writeShort(r.inPort()).writeByte(r.table()).writeZero(3);
            case Action.NxLearn l -> {
                buf.writeShort(EXPERIMENTER).writeShort(len).writeInt((int) NiciraSubtype.NX_VENDOR)
                        .writeShort(NiciraSubtype.LEARN).writeShort(l.idleTimeout()).writeShort(l.hardTimeout())
                        .writeShort(l.priority()).writeLong(l.cookie()).writeShort(l.flags()).writeByte(l.tableId())
                        .writeZero(1).writeShort(l.finIdleTimeout()).writeShort(l.finHardTimeout());
                l.specs().write(buf);
            }
            case Action.Nicira n -> {
                buf.writeShort(EXPERIMENTER).writeShort(len).writeInt((int) NiciraSubtype.NX_VENDOR)
                        .writeShort(n.subtype());
                n.body().write(buf);
            }
            case Action.Experimenter e -> {
                buf.writeShort(EXPERIMENTER).writeShort(len).writeInt((int) e.experimenter());
                e.data().write(buf);
            }
            case Action.Unknown u -> {
                buf.writeShort(u.type()).writeShort(len);
                u.body().write(buf);
            }
        }
    }

    private static void expect(int len, int expected, int type) {
        if (len != expected) {
            throw badLen("action type " + type + " length " + len + ", expected " + expected);
        }
    }

    private static OpenFlowException badLen(String msg) {
        return new OpenFlowException(ErrorCodes.OFPET_BAD_ACTION, ErrorCodes.OFPBAC_BAD_LEN, msg);
    }
}
