package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import java.util.ArrayList;
import java.util.List;

/** {@code struct ofp_group_stats} (§7.3.5.9) with its per-bucket counters. */
public record GroupStats(long groupId, long refCount, long packetCount, long byteCount, long durationSec,
        long durationNsec, List<BucketCounter> buckets) {

    public record BucketCounter(long packetCount, long byteCount) {}

    public GroupStats {
        Wire.u32(groupId, "groupId");
        Wire.u32(refCount, "refCount");
        Wire.u32(durationSec, "durationSec");
        Wire.u32(durationNsec, "durationNsec");
        buckets = List.copyOf(buckets);
    }

    int encodedLength() {
        return 40 + 16 * buckets.size();
    }

    void encode(ByteBuf buf) {
        buf.writeShort(encodedLength()).writeZero(2).writeInt((int) groupId).writeInt((int) refCount).writeZero(4)
                .writeLong(packetCount).writeLong(byteCount).writeInt((int) durationSec).writeInt((int) durationNsec);
        for (BucketCounter c : buckets) {
            buf.writeLong(c.packetCount()).writeLong(c.byteCount());
        }
    }

    static GroupStats decode(ByteBuf buf) {
        Wire.need(buf, 40, "ofp_group_stats");
        int len = buf.readUnsignedShort();
        if (len < 40 || (len - 40) % 16 != 0 || len - 2 > buf.readableBytes()) {
            throw OpenFlowException.badLen("group stats length " + len);
        }
        ByteBuf b = buf.readSlice(len - 2);
        b.skipBytes(2);
        long id = b.readUnsignedInt();
        long ref = b.readUnsignedInt();
        b.skipBytes(4);
        long p = b.readLong();
        long by = b.readLong();
        long ds = b.readUnsignedInt();
        long dn = b.readUnsignedInt();
        List<BucketCounter> bc = new ArrayList<>();
        while (b.isReadable()) {
            bc.add(new BucketCounter(b.readLong(), b.readLong()));
        }
        return new GroupStats(id, ref, p, by, ds, dn, bc);
    }
}
