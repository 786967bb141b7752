package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.Wire;

/**
 * OFPT_ERROR (OpenFlow 1.3.5 §7.4.4). For {@code type == OFPET_EXPERIMENTER (0xffff)} {@code code} is the
 * exp_type and {@code experimenter} the experimenter id; otherwise {@code experimenter} is 0.
 * {@code data} holds (at least 64 bytes of) the offending request.
 */
public record ErrorMsg(int xid, int errType, int code, long experimenter, Bytes data) implements OfMessage {

    public ErrorMsg {
        Wire.u16(errType, "errType");
        Wire.u16(code, "code");
        Wire.u32(experimenter, "experimenter");
        if (errType != ErrorCodes.OFPET_EXPERIMENTER && experimenter != 0) {
            throw new IllegalArgumentException("experimenter id only with OFPET_EXPERIMENTER");
        }
    }

    public static ErrorMsg of(int xid, int errType, int code, Bytes data) {
        return new ErrorMsg(xid, errType, code, 0, data);
    }

    @Override
    public int type() {
        return MessageType.ERROR;
    }

    /** "OFPET_BAD_MATCH/OFPBMC_BAD_PREREQ", or the ONF bundle error name. */
    public String name() {
        return errType == ErrorCodes.OFPET_EXPERIMENTER ? ErrorCodes.experimenterName(experimenter, code)
                : ErrorCodes.name(errType, code);
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(errType).writeShort(code);
        if (errType == ErrorCodes.OFPET_EXPERIMENTER) {
            buf.writeInt((int) experimenter);
        }
        data.write(buf);
    }

    static ErrorMsg decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 4, "ofp_error_msg");
        int type = b.readUnsignedShort();
        int code = b.readUnsignedShort();
        long exp = 0;
        if (type == ErrorCodes.OFPET_EXPERIMENTER) {
            Wire.need(b, 4, "ofp_error_experimenter_msg");
            exp = b.readUnsignedInt();
        }
        return new ErrorMsg(xid, type, code, exp, Bytes.read(b, b.readableBytes()));
    }

    @Override
    public String toString() {
        return "ErrorMsg[xid=" + xid + ", " + name() + ", data=" + data + "]";
    }
}
