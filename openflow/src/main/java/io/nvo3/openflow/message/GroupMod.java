package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.group.Bucket;
import java.util.List;

/** OFPT_GROUP_MOD (§7.3.4.2): command OFPGC_ADD 0, MODIFY 1, DELETE 2. */
public record GroupMod(int xid, int command, int groupType, long groupId, List<Bucket> buckets) implements OfMessage {
    public static final int OFPGC_ADD = 0;
    public static final int OFPGC_MODIFY = 1;
    public static final int OFPGC_DELETE = 2;
    public static final long OFPG_ALL = 0xfffffffcL;

    public GroupMod {
        Wire.u16(command, "command");
        Wire.u8(groupType, "groupType");
        Wire.u32(groupId, "groupId");
        buckets = List.copyOf(buckets);
    }

    @Override
    public int type() {
        return MessageType.GROUP_MOD;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(command).writeByte(groupType).writeZero(1).writeInt((int) groupId);
        buckets.forEach(b -> b.encode(buf));
    }

    static GroupMod decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8, "ofp_group_mod");
        int command = b.readUnsignedShort();
        int type = b.readUnsignedByte();
        b.skipBytes(1);
        long id = b.readUnsignedInt();
        return new GroupMod(xid, command, type, id, Bucket.decodeList(b));
    }
}
