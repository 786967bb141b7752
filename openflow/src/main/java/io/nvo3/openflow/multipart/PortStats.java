package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;

/** {@code struct ofp_port_stats} (§7.3.5.6), 112 bytes; counters are unsigned 64-bit (all ones = unsupported). */
public record PortStats(long portNo, long rxPackets, long txPackets, long rxBytes, long txBytes, long rxDropped,
        long txDropped, long rxErrors, long txErrors, long rxFrameErr, long rxOverErr, long rxCrcErr,
        long collisions, long durationSec, long durationNsec) {
    static final int LENGTH = 112;

    public PortStats {
        Wire.u32(portNo, "portNo");
        Wire.u32(durationSec, "durationSec");
        Wire.u32(durationNsec, "durationNsec");
    }

    void encode(ByteBuf buf) {
        buf.writeInt((int) portNo).writeZero(4);
        for (long v : new long[] {rxPackets, txPackets, rxBytes, txBytes, rxDropped, txDropped, rxErrors, txErrors,
                rxFrameErr, rxOverErr, rxCrcErr, collisions}) {
            buf.writeLong(v);
        }
        buf.writeInt((int) durationSec).writeInt((int) durationNsec);
    }

    static PortStats decode(ByteBuf buf) {
        Wire.need(buf, LENGTH, "ofp_port_stats");
        long port = buf.readUnsignedInt();
        buf.skipBytes(4);
        long[] c = new long[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = buf.readLong();
        }
        return new PortStats(port, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11],
                buf.readUnsignedInt(), buf.readUnsignedInt());
    }
}
