package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;

/** OFPT_PORT_MOD (§7.3.4.3). */
public record PortMod(int xid, long portNo, Bytes hwAddr, long config, long mask, long advertise) implements OfMessage {
    public PortMod {
        Wire.u32(portNo, "portNo");
        if (hwAddr.length() != 6) {
            throw new IllegalArgumentException("hwAddr must be 6 bytes");
        }
        Wire.u32(config, "config");
        Wire.u32(mask, "mask");
        Wire.u32(advertise, "advertise");
    }

    @Override
    public int type() {
        return MessageType.PORT_MOD;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeInt((int) portNo).writeZero(4);
        hwAddr.write(buf);
        buf.writeZero(2).writeInt((int) config).writeInt((int) mask).writeInt((int) advertise).writeZero(4);
    }

    static PortMod decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 32, "ofp_port_mod");
        long port = b.readUnsignedInt();
        b.skipBytes(4);
        Bytes hw = Bytes.read(b, 6);
        b.skipBytes(2);
        return new PortMod(xid, port, hw, b.readUnsignedInt(), b.readUnsignedInt(), b.readUnsignedInt());
    }
}
