package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.Wire;

/** OFPT_EXPERIMENTER of an extension this codec does not model (§7.5.4); ONF bundles decode to BundleControl/BundleAdd. */
public record ExperimenterMsg(int xid, long experimenter, long expType, Bytes data) implements OfMessage {
    public ExperimenterMsg {
        Wire.u32(experimenter, "experimenter");
        Wire.u32(expType, "expType");
        if (experimenter == ErrorCodes.ONF_EXPERIMENTER
                && (expType == BundleControl.ONF_ET_BUNDLE_CONTROL || expType == BundleAdd.ONF_ET_BUNDLE_ADD_MESSAGE)) {
            throw new IllegalArgumentException("ONF bundle messages are BundleControl/BundleAdd");
        }
    }

    @Override
    public int type() {
        return MessageType.EXPERIMENTER;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeInt((int) experimenter).writeInt((int) expType);
        data.write(buf);
    }
}
