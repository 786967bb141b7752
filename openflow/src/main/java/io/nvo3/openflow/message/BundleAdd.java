package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;

/**
 * ONF_ET_BUNDLE_ADD_MESSAGE (experimenter 0x4f4e4600, exp_type 2301): bundle_id(32) pad(16) flags(16), the
 * embedded message, properties. OVS (lib/ofp-bundle.c {@code ofputil_encode_bundle_add}): "Must use the same
 * xid as the embedded message" — the codec writes the embedded message with this message's xid.
 */
public record BundleAdd(int xid, long bundleId, int flags, OfMessage message, Bytes properties) implements OfMessage {
    public static final long ONF_ET_BUNDLE_ADD_MESSAGE = 2301;

    public BundleAdd {
        Wire.u32(bundleId, "bundleId");
        Wire.u16(flags, "flags");
        if (message instanceof BundleAdd || message instanceof BundleControl || message instanceof Hello) {
            throw new IllegalArgumentException("cannot bundle " + message.getClass().getSimpleName());
        }
    }

    @Override
    public int type() {
        return MessageType.EXPERIMENTER;
    }

    void encodeBody(ByteBuf buf, OfContext ctx) {
        buf.writeInt((int) io.nvo3.openflow.ErrorCodes.ONF_EXPERIMENTER).writeInt((int) ONF_ET_BUNDLE_ADD_MESSAGE);
        buf.writeInt((int) bundleId).writeZero(2).writeShort(flags);
        MessageCodec.encode(message, xid, buf, ctx);
        properties.write(buf);
    }

    static BundleAdd decodeBody(int xid, ByteBuf b, OfContext ctx) {
        Wire.need(b, 16, "bundle add");
        long id = b.readUnsignedInt();
        b.skipBytes(2);
        int flags = b.readUnsignedShort();
        int innerLen = b.getUnsignedShort(b.readerIndex() + 2);
        if (innerLen < 8 || innerLen > b.readableBytes()) {
            throw OpenFlowException.badLen("embedded message length " + innerLen);
        }
        OfMessage inner = MessageCodec.decode(b.readSlice(innerLen), ctx);
        return new BundleAdd(xid, id, flags, inner, Bytes.read(b, b.readableBytes()));
    }
}
