package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Encodes and decodes multipart request and reply bodies (the part after {@code ofp_multipart_*}). */
public final class MultipartCodec {
    private MultipartCodec() {}

    static boolean isModelled(int type) {
        return switch (type) {
            case MultipartType.DESC, MultipartType.FLOW, MultipartType.AGGREGATE, MultipartType.TABLE,
                    MultipartType.PORT_STATS, MultipartType.GROUP, MultipartType.GROUP_DESC, MultipartType.METER,
                    MultipartType.PORT_DESC -> true;
            default -> false;
        };
    }

    public static int requestLength(MultipartRequestBody b) {
        return MultipartRequestBody.encodedLength(b);
    }

    public static void encodeRequest(MultipartRequestBody b, ByteBuf buf) {
        MultipartRequestBody.encode(b, buf);
    }

    public static MultipartRequestBody decodeRequest(int type, ByteBuf body) {
        return MultipartRequestBody.decode(type, body);
    }

    public static int replyLength(MultipartReplyBody b) {
        return switch (b) {
            case MultipartReplyBody.Desc d -> 1056;
            case MultipartReplyBody.Flow f -> f.entries().stream().mapToInt(FlowStats::encodedLength).sum();
            case MultipartReplyBody.Aggregate a -> 24;
            case MultipartReplyBody.Table t -> TableStats.LENGTH * t.entries().size();
            case MultipartReplyBody.PortStats p -> PortStats.LENGTH * p.entries().size();
            case MultipartReplyBody.PortDesc p -> PortDesc.LENGTH * p.ports().size();
            case MultipartReplyBody.Group g -> g.entries().stream().mapToInt(GroupStats::encodedLength).sum();
            case MultipartReplyBody.GroupDesc g -> g.entries().stream().mapToInt(GroupDesc::encodedLength).sum();
            case MultipartReplyBody.Meter m -> m.entries().stream().mapToInt(MeterStats::encodedLength).sum();
            case MultipartReplyBody.Unknown u -> u.body().length();
        };
    }

    public static void encodeReply(MultipartReplyBody b, ByteBuf buf) {
        switch (b) {
            case MultipartReplyBody.Desc d -> {
                Wire.writeString(buf, d.mfrDesc(), 256);
                Wire.writeString(buf, d.hwDesc(), 256);
                Wire.writeString(buf, d.swDesc(), 256);
                Wire.writeString(buf, d.serialNum(), 32);
                Wire.writeString(buf, d.dpDesc(), 256);
            }
            case MultipartReplyBody.Flow f -> f.entries().forEach(e -> e.encode(buf));
            case MultipartReplyBody.Aggregate a -> buf.writeLong(a.packetCount()).writeLong(a.byteCount())
                    .writeInt((int) a.flowCount()).writeZero(4);
            case MultipartReplyBody.Table t -> t.entries().forEach(e -> e.encode(buf));
            case MultipartReplyBody.PortStats p -> p.entries().forEach(e -> e.encode(buf));
            case MultipartReplyBody.PortDesc p -> p.ports().forEach(e -> e.encode(buf));
            case MultipartReplyBody.Group g -> g.entries().forEach(e -> e.encode(buf));
            case MultipartReplyBody.GroupDesc g -> g.entries().forEach(e -> e.encode(buf));
            case MultipartReplyBody.Meter m -> m.entries().forEach(e -> e.encode(buf));
            case MultipartReplyBody.Unknown u -> u.body().write(buf);
        }
    }

    public static MultipartReplyBody decodeReply(int type, ByteBuf b) {
        return switch (type) {
            case MultipartType.DESC -> {
                Wire.need(b, 1056, "ofp_desc");
                yield new MultipartReplyBody.Desc(Wire.readString(b, 256), Wire.readString(b, 256),
                        Wire.readString(b, 256), Wire.readString(b, 32), Wire.readString(b, 256));
            }
            case MultipartType.FLOW -> new MultipartReplyBody.Flow(list(b, FlowStats::decode));
            case MultipartType.AGGREGATE -> {
                Wire.need(b, 24, "ofp_aggregate_stats_reply");
                long p = b.readLong();
                long by = b.readLong();
                yield new MultipartReplyBody.Aggregate(p, by, b.readUnsignedInt());
            }
            case MultipartType.TABLE -> new MultipartReplyBody.Table(list(b, TableStats::decode));
            case MultipartType.PORT_STATS -> new MultipartReplyBody.PortStats(list(b, PortStats::decode));
            case MultipartType.PORT_DESC -> new MultipartReplyBody.PortDesc(list(b, PortDesc::decode));
            case MultipartType.GROUP -> new MultipartReplyBody.Group(list(b, GroupStats::decode));
            case MultipartType.GROUP_DESC -> new MultipartReplyBody.GroupDesc(list(b, GroupDesc::decode));
            case MultipartType.METER -> new MultipartReplyBody.Meter(list(b, MeterStats::decode));
            default -> new MultipartReplyBody.Unknown(type, Bytes.read(b, b.readableBytes()));
        };
    }

    private static <T> List<T> list(ByteBuf b, Function<ByteBuf, T> decoder) {
        List<T> out = new ArrayList<>();
        while (b.isReadable()) {
            out.add(decoder.apply(b));
        }
        return out;
    }
}
