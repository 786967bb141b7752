package io.nvo3.openflow.message;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.meter.MeterBand;
import java.util.List;

/** OFPT_METER_MOD (§7.3.4.4): command OFPMC_ADD 0, MODIFY 1, DELETE 2; flags OFPMF_KBPS 1, PKTPS 2, BURST 4, STATS 8. */
public record MeterMod(int xid, int command, int flags, long meterId, List<MeterBand> bands) implements OfMessage {
    public static final int OFPMC_ADD = 0;
    public static final int OFPMC_MODIFY = 1;
    public static final int OFPMC_DELETE = 2;
    public static final int OFPMF_PKTPS = 2;
    public static final int OFPMF_BURST = 4;
    public static final int OFPMF_STATS = 8;

    public MeterMod {
        Wire.u16(command, "command");
        Wire.u16(flags, "flags");
        Wire.u32(meterId, "meterId");
        bands = List.copyOf(bands);
    }

    @Override
    public int type() {
        return MessageType.METER_MOD;
    }

    void encodeBody(ByteBuf buf) {
        buf.writeShort(command).writeShort(flags).writeInt((int) meterId);
        MeterBand.encodeList(bands, buf);
    }

    static MeterMod decodeBody(int xid, ByteBuf b) {
        Wire.need(b, 8, "ofp_meter_mod");
        return new MeterMod(xid, b.readUnsignedShort(), b.readUnsignedShort(), b.readUnsignedInt(),
                MeterBand.decodeList(b));
    }
}
