package io.nvo3.openflow.multipart;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Wire;
import java.util.ArrayList;
import java.util.List;

/** The body of an OFPT_MULTIPART_REPLY, by multipart type (§7.3.5). */
public sealed interface MultipartReplyBody {
    int type();

    /**
     * Joins the body of a following reply part into this one ("OFPMPF_REPLY_MORE: more replies to
     * follow", §7.3.5): list bodies are concatenated, unknown bodies are concatenated as bytes.
     */
    default MultipartReplyBody merge(MultipartReplyBody next) {
        if (next.type() != type()) {
            throw new IllegalArgumentException("multipart type changed from " + type() + " to " + next.type());
        }
        return switch (this) {
            case Flow f -> new Flow(concat(f.entries(), ((Flow) next).entries()));
            case Table t -> new Table(concat(t.entries(), ((Table) next).entries()));
            case PortStats p -> new PortStats(concat(p.entries(), ((PortStats) next).entries()));
            case PortDesc p -> new PortDesc(concat(p.ports(), ((PortDesc) next).ports()));
            case Group g -> new Group(concat(g.entries(), ((Group) next).entries()));
            case GroupDesc g -> new GroupDesc(concat(g.entries(), ((GroupDesc) next).entries()));
            case Meter m -> new Meter(concat(m.entries(), ((Meter) next).entries()));
            case Unknown u -> {
                byte[] a = u.body().toArray();
                byte[] b = ((Unknown) next).body().toArray();
                byte[] c = new byte[a.length + b.length];
                System.arraycopy(a, 0, c, 0, a.length);
                System.arraycopy(b, 0, c, a.length, b.length);
                yield new Unknown(u.type(), Bytes.of(c));
            }
            case Desc d -> throw new IllegalArgumentException("DESC reply cannot be split");
            case Aggregate a -> throw new IllegalArgumentException("AGGREGATE reply cannot be split");
        };
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    record Desc(String mfrDesc, String hwDesc, String swDesc, String serialNum, String dpDesc)
            implements MultipartReplyBody {
        public Desc {
            Wire.checkString(mfrDesc, 256, "mfrDesc");
            Wire.checkString(hwDesc, 256, "hwDesc");
            Wire.checkString(swDesc, 256, "swDesc");
            Wire.checkString(serialNum, 32, "serialNum");
            Wire.checkString(dpDesc, 256, "dpDesc");
        }

        @Override
        public int type() {
            return MultipartType.DESC;
        }
    }

    record Flow(List<FlowStats> entries) implements MultipartReplyBody {
        public Flow {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return MultipartType.FLOW;
        }
    }

    record Aggregate(long packetCount, long byteCount, long flowCount) implements MultipartReplyBody {
        public Aggregate {
            Wire.u32(flowCount, "flowCount");
        }

        @Override
        public int type() {
            return MultipartType.AGGREGATE;
        }
    }

    record Table(List<TableStats> entries) implements MultipartReplyBody {
        public Table {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return MultipartType.TABLE;
        }
    }

    record PortStats(List<io.nvo3.openflow.multipart.PortStats> entries) implements MultipartReplyBody {
        public PortStats {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return MultipartType.PORT_STATS;
        }
    }

    record PortDesc(List<io.nvo3.openflow.multipart.PortDesc> ports) implements MultipartReplyBody {
        public PortDesc {
            ports = List.copyOf(ports);
        }

        @Override
        public int type() {
            return MultipartType.PORT_DESC;
        }
    }

    record Group(List<GroupStats> entries) implements MultipartReplyBody {
        public Group {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return MultipartType.GROUP;
        }
    }

    record GroupDesc(List<io.nvo3.openflow.multipart.GroupDesc> entries) implements MultipartReplyBody {
        public GroupDesc {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return MultipartType.GROUP_DESC;
        }
    }

    record Meter(List<MeterStats> entries) implements MultipartReplyBody {
        public Meter {
            entries = List.copyOf(entries);
        }

        @Override
        public int type() {
            return MultipartType.METER;
        }
    }

    record Unknown(int type, Bytes body) implements MultipartReplyBody {
        public Unknown {
            Wire.u16(type, "type");
            if (MultipartCodec.isModelled(type)) {
                throw new IllegalArgumentException("multipart type " + type + " is modelled");
            }
        }
    }
}
