package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import java.util.ArrayList;
import java.util.List;

/** {@code struct ofp_meter_stats} (§7.3.5.12). */
public record MeterStats(long meterId, long flowCount, long packetInCount, long byteInCount, long durationSec,
        long durationNsec, List<BandCounter> bands) {

    public record BandCounter(long packetCount, long byteCount) {}

    public MeterStats {
        Wire.u32(meterId, "meterId");
        Wire.u32(flowCount, "flowCount");
        Wire.u32(durationSec, "durationSec");
        Wire.u32(durationNsec, "durationNsec");
        bands = List.copyOf(bands);
    }

    int encodedLength() {
        return 40 + 16 * bands.size();
    }

    void encode(ByteBuf buf) {
        buf.writeInt((int) meterId).writeShort(encodedLength()).writeZero(6).writeInt((int) flowCount)
                .writeLong(packetInCount).writeLong(byteInCount).writeInt((int) durationSec)
                .writeInt((int) durationNsec);
        for (BandCounter c : bands) {
            buf.writeLong(c.packetCount()).writeLong(c.byteCount());
        }
    }

    static MeterStats decode(ByteBuf buf) {
        Wire.need(buf, 40, "ofp_meter_stats");
        long id = buf.readUnsignedInt();
        int len = buf.readUnsignedShort();
        if (len < 40 || (len - 40) % 16 != 0 || len - 6 > buf.readableBytes()) {
            throw OpenFlowException.badLen("meter stats length " + len);
        }
        ByteBuf b = buf.readSlice(len - 6);
        b.skipBytes(6);
        long flows = b.readUnsignedInt();
        long p = b.readLong();
        long by = b.readLong();
        long ds = b.readUnsignedInt();
        long dn = b.readUnsignedInt();
        List<BandCounter> bc = new ArrayList<>();
        while (b.isReadable()) {
            bc.add(new BandCounter(b.readLong(), b.readLong()));
        }
        return new MeterStats(id, flows, p, by, ds, dn, bc);
    }
}
