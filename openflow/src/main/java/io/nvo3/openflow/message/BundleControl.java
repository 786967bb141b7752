package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;

/**
 * ONF_ET_BUNDLE_CONTROL: the OpenFlow 1.4 OFPT_BUNDLE_CONTROL carried for OpenFlow 1.3 as ONF extension 230
 * (experimenter 0x4f4e4600, exp_type 2300). OVS 3.1 decodes it as {@code struct ofp14_bundle_ctrl_msg}
 * (lib/ofp-bundle.c, {@code OFPRAW_ONFT13_BUNDLE_CONTROL}): bundle_id(32) type(16) flags(16) properties.
 */
public record BundleControl(int xid, long bundleId, int ctrlType, int flags, Bytes properties) implements OfMessage {
    public static final long ONF_ET_BUNDLE_CONTROL = 2300;
    public static final int OPEN_REQUEST = 0;
    public static final int OPEN_REPLY = 1;
    public static final int CLOSE_REQUEST = 2;
    public static final int CLOSE_REPLY = 3;
    public static final int COMMIT_REQUEST = 4;
    public static final int COMMIT_REPLY = 5;
    public static final int DISCARD_REQUEST = 6;
    public static final int DISCARD_REPLY = 7;
    /** OFPBF_ATOMIC: "Execute atomically"; OFPBF_ORDERED: "Execute in specified order" (OF1.4 §7.3.9). */
    public static final int OFPBF_ATOMIC = 1;
    public static final int OFPBF_ORDERED = 2;

    public BundleControl {
        Wire.u32(bundleId, "bundleId");
        Wire.u16(ctrlType, "ctrlType");
        Wire.u16(flags, "flags");
    }

    public static BundleControl of(long bundleId, int ctrlType, int flags) {
        return new BundleControl(0, bundleId, ctrlType, flags, Bytes.EMPTY);
    }

    @Override
    public int type() {
        return MessageType.EXPERIMENTER;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeInt((int) io.nvo3.openflow.ErrorCodes.ONF_EXPERIMENTER).writeInt((int) ONF_ET_BUNDLE_CONTROL);
        buf.writeInt((int) bundleId).writeShort(ctrlType).writeShort(flags);
        properties.write(buf);
    }

    static BundleControl decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8, "bundle control");
        long id = b.readUnsignedInt();
        int type = b.readUnsignedShort();
        int flags = b.readUnsignedShort();
        return new BundleControl(xid, id, type, flags, Bytes.read(b, b.readableBytes()));
    }
}
