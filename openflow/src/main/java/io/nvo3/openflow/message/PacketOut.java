package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.action.ActionCodec;
import java.util.List;

/** OFPT_PACKET_OUT (§7.3.7). */
public record PacketOut(int xid, long bufferId, long inPort, List<Action> actions, Bytes data) implements OfMessage {
    public PacketOut {
        Wire.u32(bufferId, "bufferId");
        Wire.u32(inPort, "inPort");
        actions = List.copyOf(actions);
    }

    @Override
    public int type() {
        return MessageType.PACKET_OUT;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeInt((int) bufferId).writeInt((int) inPort).writeShort(ActionCodec.encodedLength(actions)).writeZero(6);
        ActionCodec.encodeList(actions, buf);
        data.write(buf);
    }

    static PacketOut decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 16, "ofp_packet_out");
        long bufferId = b.readUnsignedInt();
        long inPort = b.readUnsignedInt();
        int actionsLen = b.readUnsignedShort();
        b.skipBytes(6);
        if (actionsLen > b.readableBytes()) {
            throw OpenFlowException.badLen("actions_len " + actionsLen);
        }
        List<Action> actions = ActionCodec.decodeList(b.readSlice(actionsLen));
        return new PacketOut(xid, bufferId, inPort, actions, Bytes.read(b, b.readableBytes()));
    }
}
