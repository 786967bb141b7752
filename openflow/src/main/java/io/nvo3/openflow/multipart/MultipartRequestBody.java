package io.nvo3.openflow.multipart;

import io.netty.buffer.ByteBuf;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;
import io.nvo3.openflow.match.Match;

/** The body of an OFPT_MULTIPART_REQUEST, by multipart type (§7.3.5). */
public sealed interface MultipartRequestBody {
    long OFPP_ANY = 0xffffffffL;
    long OFPG_ALL = 0xfffffffcL;
    long OFPG_ANY = 0xffffffffL;
    long OFPM_ALL = 0xffffffffL;
    int OFPTT_ALL = 0xff;

    int type();

    record Desc() implements MultipartRequestBody {
        @Override
        public int type() {
            return MultipartType.DESC;
        }
    }

    /** {@code struct ofp_flow_stats_request}; also the aggregate request body. */
    record Flow(int tableId, long outPort, long outGroup, long cookie, long cookieMask, Match match)
            implements MultipartRequestBody {
        public Flow {
            Wire.u8(tableId, "tableId");
            Wire.u32(outPort, "outPort");
            Wire.u32(outGroup, "outGroup");
        }

        public static Flow all() {
            return new Flow(OFPTT_ALL, OFPP_ANY, OFPG_ANY, 0, 0, Match.ALL);
        }

        @Override
        public int type() {
            return MultipartType.FLOW;
        }
    }

    record Aggregate(int tableId, long outPort, long outGroup, long cookie, long cookieMask, Match match)
            implements MultipartRequestBody {
        public Aggregate {
            Wire.u8(tableId, "tableId");
            Wire.u32(outPort, "outPort");
            Wire.u32(outGroup, "outGroup");
        }

        @Override
        public int type() {
            return MultipartType.AGGREGATE;
        }
    }

    record Table() implements MultipartRequestBody {
        @Override
        public int type() {
            return MultipartType.TABLE;
        }
    }

    record PortStats(long portNo) implements MultipartRequestBody {
        public PortStats {
            Wire.u32(portNo, "portNo");
        }

        @Override
        public int type() {
            return MultipartType.PORT_STATS;
        }
    }

    record Group(long groupId) implements MultipartRequestBody {
        public Group {
            Wire.u32(groupId, "groupId");
        }

        @Override
        public int type() {
            return MultipartType.GROUP;
        }
    }

    record GroupDesc() implements MultipartRequestBody {
        @Override
        public int type() {
            return MultipartType.GROUP_DESC;
        }
    }

    record Meter(long meterId) implements MultipartRequestBody {
        public Meter {
            Wire.u32(meterId, "meterId");
        }

        @Override
        public int type() {
            return MultipartType.METER;
        }
    }

    record PortDesc() implements MultipartRequestBody {
        @Override
        public int type() {
            return MultipartType.PORT_DESC;
        }
    }

    record Unknown(int type, Bytes body) implements MultipartRequestBody {
        public Unknown {
            Wire.u16(type, "type");
            if (MultipartCodec.isModelled(type)) {
                throw new IllegalArgumentException("multipart type " + type + " is modelled");
            }
        }
    }

    static int encodedLength(MultipartRequestBody b) {
        return switch (b) {
            case Desc d -> 0;
            case Flow f -> 32 + f.match().encodedLength();
            case Aggregate a -> 32 + a.match().encodedLength();
            case Table t -> 0;
            case PortStats p -> 8;
            case Group g -> 8;
            case GroupDesc g -> 0;
            case Meter m -> 8;
            case PortDesc p -> 0;
            case Unknown u -> u.body().length();
        };
    }

    static void encode(MultipartRequestBody b, ByteBuf buf) {
        switch (b) {
            case Desc d -> { }
            case Flow f -> encodeFlow(buf, f.tableId(), f.outPort(), f.outGroup(), f.cookie(), f.cookieMask(), f.match());
            case Aggregate a -> encodeFlow(buf, a.tableId(), a.outPort(), a.outGroup(), a.cookie(), a.cookieMask(),
                    a.match());
            case Table t -> { }
            case PortStats p -> buf.writeInt((int) p.portNo()).writeZero(4);
            case Group g -> buf.writeInt((int) g.groupId()).writeZero(4);
            case GroupDesc g -> { }
            case Meter m -> buf.writeInt((int) m.meterId()).writeZero(4);
            case PortDesc p -> { }
            case Unknown u -> u.body().write(buf);
        }
    }

    private static void encodeFlow(ByteBuf buf, int table, long outPort, long outGroup, long cookie, long mask,
            Match match) {
        buf.writeByte(table).writeZero(3).writeInt((int) outPort).writeInt((int) outGroup).writeZero(4)
                .writeLong(cookie).writeLong(mask);
        match.encode(buf);
    }

    static MultipartRequestBody decode(int type, ByteBuf b) {
        return switch (type) {
            case MultipartType.DESC -> new Desc();
            case MultipartType.FLOW, MultipartType.AGGREGATE -> {
                Wire.need(b, 32, "flow stats request");
                int table = b.readUnsignedByte();
                b.skipBytes(3);
                long outPort = b.readUnsignedInt();
                long outGroup = b.readUnsignedInt();
                b.skipBytes(4);
                long cookie = b.readLong();
                long mask = b.readLong();
                Match m = Match.decode(b);
                yield type == MultipartType.FLOW ? new Flow(table, outPort, outGroup, cookie, mask, m)
                        : new Aggregate(table, outPort, outGroup, cookie, mask, m);
            }
            case MultipartType.TABLE -> new Table();
            case MultipartType.PORT_STATS -> {
                Wire.need(b, 8, "port stats request");
                yield new PortStats(b.readUnsignedInt());
            }
            case MultipartType.GROUP -> {
                Wire.need(b, 8, "group stats request");
                yield new Group(b.readUnsignedInt());
            }
            case MultipartType.GROUP_DESC -> new GroupDesc();
            case MultipartType.METER -> {
                Wire.need(b, 8, "meter stats request");
                yield new Meter(b.readUnsignedInt());
            }
            case MultipartType.PORT_DESC -> new PortDesc();
            default -> new Unknown(type, Bytes.read(b, b.readableBytes()));
        };
    }
}
