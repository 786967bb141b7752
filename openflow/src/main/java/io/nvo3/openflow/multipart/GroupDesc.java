package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.group.Bucket;
import java.util.List;

/** {@code struct ofp_group_desc} (§7.3.5.10). */
public record GroupDesc(int type, long groupId, List<Bucket> buckets) {
    public GroupDesc {
        Wire.u8(type, "type");
        Wire.u32(groupId, "groupId");
        buckets = List.copyOf(buckets);
    }

    int encodedLength() {
        return 8 + Bucket.encodedLength(buckets);
    }

    void encode(ByteBuf buf) {
        buf.writeShort(encodedLength()).writeByte(type).writeZero(1).writeInt((int) groupId);
        for (Bucket b : buckets) {
            b.encode(buf);
        }
    }

    static GroupDesc decode(ByteBuf buf) {
        Wire.need(buf, 8, "ofp_group_desc");
        int len = buf.readUnsignedShort();
        if (len < 8 || len - 2 > buf.readableBytes()) {
            throw OpenFlowException.badLen("group desc length " + len);
        }
        ByteBuf b = buf.readSlice(len - 2);
        int type = b.readUnsignedByte();
        b.skipBytes(1);
        long id = b.readUnsignedInt();
        return new GroupDesc(type, id, Bucket.decodeList(b));
    }
}
