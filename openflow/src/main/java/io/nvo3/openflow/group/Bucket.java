package io.nvo3.openflow.group;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.action.ActionCodec;
import java.util.ArrayList;
import java.util.List;

/** A group bucket ({@code struct ofp_bucket}, OpenFlow 1.3.5 §7.3.4.2). */
public record Bucket(int weight, long watchPort, long watchGroup, List<Action> actions) {
    public static final long OFPG_ANY = 0xffffffffL;
    public static final long OFPP_ANY = 0xffffffffL;

    public Bucket {
        Wire.u16(weight, "weight");
        Wire.u32(watchPort, "watchPort");
        Wire.u32(watchGroup, "watchGroup");
        actions = List.copyOf(actions);
    }

    /** A bucket of an ALL/INDIRECT group: "weight ... only defined for select groups" → 0, no watch. */
    public static Bucket of(List<Action> actions) {
        return new Bucket(0, OFPP_ANY, OFPG_ANY, actions);
    }

    public int encodedLength() {
        return 16 + ActionCodec.encodedLength(actions);
    }

    public void encode(ByteBuf buf) {
        buf.writeShort(encodedLength()).writeShort(weight).writeInt((int) watchPort).writeInt((int) watchGroup)
                .writeZero(4);
        ActionCodec.encodeList(actions, buf);
    }

    public static List<Bucket> decodeList(ByteBuf buf) {
        List<Bucket> out = new ArrayList<>();
        while (buf.isReadable()) {
            if (buf.readableBytes() < 16) {
                throw badLen("truncated bucket");
            }
            int len = buf.readUnsignedShort();
            if (len < 16 || len % 8 != 0 || len - 2 > buf.readableBytes()) {
                throw badLen("bucket length " + len);
            }
            ByteBuf b = buf.readSlice(len - 2);
            int weight = b.readUnsignedShort();
            long watchPort = b.readUnsignedInt();
            long watchGroup = b.readUnsignedInt();
            b.skipBytes(4);
            out.add(new Bucket(weight, watchPort, watchGroup, ActionCodec.decodeList(b)));
        }
        return out;
    }

    public static int encodedLength(List<Bucket> buckets) {
        int n = 0;
        for (Bucket b : buckets) {
            n += b.encodedLength();
        }
        return n;
    }

    private static OpenFlowException badLen(String m) {
        return new OpenFlowException(ErrorCodes.OFPET_GROUP_MOD_FAILED, 12 /* OFPGMFC_BAD_BUCKET */, m);
    }
}
