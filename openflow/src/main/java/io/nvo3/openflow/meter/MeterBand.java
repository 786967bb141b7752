package io.nvo3.openflow.meter;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.OpenFlowException;
import io.nvo3.openflow.Wire;
import java.util.ArrayList;
import java.util.List;

/** A meter band ({@code struct ofp_meter_band_header}, OpenFlow 1.3.5 §7.3.4.4). */
public sealed interface MeterBand {
    long rate();

    long burstSize();

    record Drop(long rate, long burstSize) implements MeterBand {
        public Drop {
            Wire.u32(rate, "rate");
            Wire.u32(burstSize, "burstSize");
        }
    }

    record DscpRemark(long rate, long burstSize, int precLevel) implements MeterBand {
        public DscpRemark {
            Wire.u32(rate, "rate");
            Wire.u32(burstSize, "burstSize");
            Wire.u8(precLevel, "precLevel");
        }
    }

    /** Experimenter or unknown band type; body after rate and burst_size. */
    record Unknown(int type, long rate, long burstSize, Bytes body) implements MeterBand {
        public Unknown {
            if (type == 1 || type == 2) {
                throw new IllegalArgumentException("band type " + type + " is modelled");
            }
            Wire.u16(type, "type");
            Wire.u32(rate, "rate");
            Wire.u32(burstSize, "burstSize");
            if (body.length() % 8 != 4) {
                throw new IllegalArgumentException("band body must pad the band to 8 bytes");
            }
        }
    }

    static int encodedLength(MeterBand b) {
        return switch (b) {
            case Drop d -> 16;
            case DscpRemark d -> 16;
            case Unknown u -> 12 + u.body().length();
        };
    }

    static void encode(MeterBand b, ByteBuf buf) {
        switch (b) {
            case Drop d -> buf.writeShort(1).writeShort(16).writeInt((int) d.rate()).writeInt((int) d.burstSize())
                    .writeZero(4);
            case DscpRemark d -> buf.writeShort(2).writeShort(16).writeInt((int) d.rate())
                    .writeInt((int) d.burstSize()).writeByte(d.precLevel()).writeZero(3);
            case Unknown u -> {
                buf.writeShort(u.type()).writeShort(encodedLength(u)).writeInt((int) u.rate())
                        .writeInt((int) u.burstSize());
                u.body().write(buf);
            }
        }
    }

    static void encodeList(List<MeterBand> bands, ByteBuf buf) {
        for (MeterBand b : bands) {
            encode(b, buf);
        }
    }

    static int encodedLength(List<MeterBand> bands) {
        int n = 0;
        for (MeterBand b : bands) {
            n += encodedLength(b);
        }
        return n;
    }

    static List<MeterBand> decodeList(ByteBuf buf) {
        List<MeterBand> out = new ArrayList<>();
        while (buf.isReadable()) {
            if (buf.readableBytes() < 16) {
                throw bad("truncated meter band");
            }
            int type = buf.readUnsignedShort();
            int len = buf.readUnsignedShort();
            if (len < 16 || len % 8 != 0 || len - 4 > buf.readableBytes()) {
                throw bad("meter band length " + len);
            }
            ByteBuf b = buf.readSlice(len - 4);
            long rate = b.readUnsignedInt();
            long burst = b.readUnsignedInt();
            out.add(switch (type) {
                case 1 -> new Drop(rate, burst);
                case 2 -> new DscpRemark(rate, burst, b.readUnsignedByte());
                default -> new Unknown(type, rate, burst, Bytes.read(b, b.readableBytes()));
            });
        }
        return out;
    }

    private static OpenFlowException bad(String m) {
        return new OpenFlowException(ErrorCodes.OFPET_METER_MOD_FAILED, 8 /* OFPMMFC_BAD_BAND */, m);
    }
}
