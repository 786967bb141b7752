package io.nvo3.openflow.match;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.OpenFlowException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes OXM TLVs (OpenFlow 1.3.5 §7.2.3.2). */
public final class OxmCodec {
    private OxmCodec() {}

    /** Decodes one OXM TLV (header + payload). */
    public static Oxm decode(ByteBuf buf) {
        if (buf.readableBytes() < 4) {
            throw bad(ErrorCodes.OFPBMC_BAD_LEN, "truncated OXM header");
        }
        int header = buf.readInt();
        int oxmClass = header >>> 16;
        int field = (header >>> 9) & 0x7f;
        boolean hasMask = (header & 0x100) != 0;
        int length = header & 0xff;
        if (buf.readableBytes() < length) {
            throw bad(ErrorCodes.OFPBMC_BAD_LEN, "OXM " + Integer.toHexString(header) + " claims " + length
                    + " bytes, " + buf.readableBytes() + " left");
        }
        OxmType type = OxmType.lookup(oxmClass, field);
        if (type == null) {
            if (hasMask && length % 2 != 0 || oxmClass == 0xffff && length < 4) {
                throw bad(ErrorCodes.OFPBMC_BAD_LEN, "bad OXM length " + length);
            }
            return new Oxm.Unknown(oxmClass, field, hasMask, Bytes.read(buf, length));
        }
        int expected = hasMask ? type.length() * 2 : type.length();
        if (length != expected) {
            throw bad(ErrorCodes.OFPBMC_BAD_LEN, type + " length " + length + ", expected " + expected);
        }
        if (hasMask && !type.maskable()) {
            // OpenFlow 1.3.5 §7.2.3.7: fields that are not maskable must not carry a mask.
            throw bad(8 /* OFPBMC_BAD_MASK */, type + " is not maskable");
        }
        Bytes value = Bytes.read(buf, type.length());
        Bytes mask = hasMask ? Bytes.read(buf, type.length()) : null;
        return new Oxm.Field(type, value, mask);
    }

    public static List<Oxm> decodeAll(ByteBuf buf) {
        List<Oxm> out = new ArrayList<>();
        while (buf.isReadable()) {
            out.add(decode(buf));
        }
        return out;
    }

    public static void encode(Oxm oxm, ByteBuf buf) {
        switch (oxm) {
            case Oxm.Field f -> {
                int len = f.hasMask() ? f.type().length() * 2 : f.type().length();
                buf.writeInt(header(f.oxmClass(), f.fieldCode(), f.hasMask(), len));
                f.value().write(buf);
                if (f.mask() != null) {
                    f.mask().write(buf);
                }
            }
            case Oxm.Unknown u -> {
                buf.writeInt(header(u.oxmClass(), u.fieldCode(), u.hasMask(), u.payload().length()));
                u.payload().write(buf);
            }
        }
    }

    public static int encodedLength(Oxm oxm) {
        return 4 + switch (oxm) {
            case Oxm.Field f -> f.hasMask() ? f.type().length() * 2 : f.type().length();
            case Oxm.Unknown u -> u.payload().length();
        };
    }

    static int header(int oxmClass, int field, boolean hasMask, int length) {
        return (oxmClass << 16) | (field << 9) | (hasMask ? 0x100 : 0) | length;
    }

    private static OpenFlowException bad(int code, String msg) {
        return new OpenFlowException(ErrorCodes.OFPET_BAD_MATCH, code, msg);
    }
}
