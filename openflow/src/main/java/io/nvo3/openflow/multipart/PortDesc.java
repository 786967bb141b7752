package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;

/** {@code struct ofp_port} (OpenFlow 1.3.5 §7.2.1), 64 bytes. Used by PORT_DESC and PORT_STATUS. */
public record PortDesc(long portNo, Bytes hwAddr, String name, long config, long state, long curr,
        long advertised, long supported, long peer, long currSpeed, long maxSpeed) {
    public static final int LENGTH = 64;
    /** OFPPS_LINK_DOWN (§7.2.1). */
    public static final long OFPPS_LINK_DOWN = 1;

    public PortDesc {
        Wire.u32(portNo, "portNo");
        if (hwAddr.length() != 6) {
            throw new IllegalArgumentException("hwAddr must be 6 bytes");
        }
        Wire.checkString(name, 16, "name");
        for (long v : new long[] {config, state, curr, advertised, supported, peer, currSpeed, maxSpeed}) {
            Wire.u32(v, "port field");
        }
    }

    public static PortDesc decode(ByteBuf buf) {
        Wire.need(buf, LENGTH, "ofp_port");
        long portNo = buf.readUnsignedInt();
        buf.skipBytes(4);
        Bytes hw = Bytes.read(buf, 6);
        buf.skipBytes(2);
        String name = Wire.readString(buf, 16);
        return new PortDesc(portNo, hw, name, buf.readUnsignedInt(), buf.readUnsignedInt(), buf.readUnsignedInt(),
                buf.readUnsignedInt(), buf.readUnsignedInt(), buf.readUnsignedInt(), buf.readUnsignedInt(),
                buf.readUnsignedInt());
    }

    public void encode(ByteBuf buf) {
        buf.writeInt((int) portNo).writeZero(4);
        hwAddr.write(buf);
        buf.writeZero(2);
        Wire.writeString(buf, name, 16);
        for (long v : new long[] {config, state, curr, advertised, supported, peer, currSpeed, maxSpeed}) {
            buf.writeInt((int) v);
        }
    }
}
