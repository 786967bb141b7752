package io.nvo3.openflow;

import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.group.Bucket;
import io.nvo3.openflow.instruction.Instruction;
import io.nvo3.openflow.match.Match;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.*;
import io.nvo3.openflow.meter.MeterBand;
import io.nvo3.openflow.multipart.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for every message type. */
public final class OfArbitraries {
    private OfArbitraries() {}

    public static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<Bytes> bytesPadded(int max, int modulo, int remainder) {
        return Arbitraries.integers().between(0, max).map(n -> n * modulo + remainder)
                .flatMap(n -> bytes(n, n));
    }

    static Arbitrary<Long> u32() {
        return Arbitraries.longs().between(0, 0xffffffffL);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xffff);
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xff);
    }

    public static Arbitrary<Oxm> oxm() {
        Arbitrary<Oxm> known = Arbitraries.of(OxmType.values()).flatMap(t -> {
            Arbitrary<Bytes> v = bytes(t.length(), t.length());
            Arbitrary<Bytes> mask = t.maskable() ? bytes(t.length(), t.length()).injectNull(0.5) : Arbitraries.just(null);
            return Combinators.combine(v, mask).as((a, m) -> new Oxm.Field(t, a, m));
        });
        Arbitrary<Oxm> unknown = Combinators.combine(Arbitraries.of(0x0000, 0x0001, 0x8000, 0x8001),
                Arbitraries.integers().between(100, 127), Arbitraries.of(true, false), bytes(0, 8).map(b -> b))
                .as((c, f, m, b) -> m && b.length() % 2 != 0 ? new Oxm.Unknown(c, f, false, b) : new Oxm.Unknown(c, f, m, b));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, known), net.jqwik.api.Tuple.of(1, unknown));
    }

    public static Arbitrary<Match> match() {
        return oxm().list().ofMaxSize(6).map(list -> {
            Map<Integer, Oxm> unique = new LinkedHashMap<>();
            list.forEach(o -> unique.putIfAbsent((o.oxmClass() << 7) | o.fieldCode(), o));
            return new Match(new ArrayList<>(unique.values()));
        });
    }

    static Arbitrary<Oxm> unmaskedOxm() {
        return oxm().map(o -> switch (o) {
            case Oxm.Field f -> new Oxm.Field(f.type(), f.value(), null);
            case Oxm.Unknown u -> new Oxm.Unknown(u.oxmClass(), u.fieldCode(), false, u.payload());
        });
    }

    public static Arbitrary<Action> action() {
        return Arbitraries.oneOf(
                Combinators.combine(u32(), u16()).as(Action.Output::new),
                u32().map(Action.Group::new),
                unmaskedOxm().map(Action.SetField::new),
                u16().map(Action.PushVlan::new),
                Arbitraries.just(new Action.PopVlan()),
                Arbitraries.just(new Action.DecNwTtl()),
                u8().map(Action.SetNwTtl::new),
                Combinators.combine(u16(), u8()).as(Action.NxResubmit::new),
                Combinators.combine(u16(), u16(), u16(), Arbitraries.longs(), u16(), u8(), bytesPadded(3, 8, 0))
                        .as((i, h, p, c, f, t, specs) -> new Action.NxLearn(i, h, p, c, f, t, i / 2, h / 2, specs)),
                Combinators.combine(Arbitraries.integers().between(0, 0xffff).filter(s -> s != 14 && s != 16),
                        bytesPadded(4, 8, 6))
                        .as(Action.Nicira::new),
                Combinators.combine(u32().filter(e -> e != 0x2320), bytesPadded(4, 8, 0)).as(Action.Experimenter::new),
                Combinators.combine(Arbitraries.of(11, 12, 15, 16, 19, 20, 21, 26, 27, 100), bytesPadded(3, 8, 4))
                        .as(Action.Unknown::new));
    }

    static Arbitrary<List<Action>> actions() {
        return action().list().ofMaxSize(5);
    }

    public static Arbitrary<Instruction> instruction() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 254).map(Instruction.GotoTable::new),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(Instruction.WriteMetadata::new),
                actions().map(Instruction.WriteActions::new),
                actions().map(Instruction.ApplyActions::new),
                Arbitraries.just(new Instruction.ClearActions()),
                u32().map(Instruction.Meter::new),
                Combinators.combine(Arbitraries.of(7, 0xffff), bytesPadded(3, 8, 4)).as(Instruction.Unknown::new));
    }

    static Arbitrary<List<Instruction>> instructions() {
        return instruction().list().ofMaxSize(4);
    }

    static Arbitrary<Bucket> bucket() {
        return Combinators.combine(u16(), u32(), u32(), actions()).as(Bucket::new);
    }

    static Arbitrary<String> ascii(int max) {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(max);
    }

    static Arbitrary<PortDesc> portDesc() {
        return Combinators.combine(u32(), bytes(6, 6), ascii(15), u32().list().ofSize(8))
                .as((p, hw, n, v) -> new PortDesc(p, hw, n, v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                        v.get(6), v.get(7)));
    }

    static Arbitrary<FlowStats> flowStats() {
        return Combinators.combine(u8(), u32(), u16(), u16(), Arbitraries.longs(), Arbitraries.longs(), match(),
                instructions()).as((t, d, p, f, c, n, m, i) -> new FlowStats(t, d, d / 2, p, f, f / 3, f / 5, c, n, n / 7, m, i));
    }

    static Arbitrary<MultipartRequestBody> mpRequest() {
        return Arbitraries.oneOf(
                Arbitraries.just(new MultipartRequestBody.Desc()),
                Combinators.combine(u8(), u32(), u32(), Arbitraries.longs(), Arbitraries.longs(), match())
                        .as(MultipartRequestBody.Flow::new),
                Combinators.combine(u8(), u32(), u32(), Arbitraries.longs(), Arbitraries.longs(), match())
                        .as(MultipartRequestBody.Aggregate::new),
                Arbitraries.just(new MultipartRequestBody.Table()),
                u32().map(MultipartRequestBody.PortStats::new),
                u32().map(MultipartRequestBody.Group::new),
                Arbitraries.just(new MultipartRequestBody.GroupDesc()),
                u32().map(MultipartRequestBody.Meter::new),
                Arbitraries.just(new MultipartRequestBody.PortDesc()),
                Combinators.combine(Arbitraries.of(5, 8, 10, 11, 12, 0xffff), bytes(0, 16))
                        .as(MultipartRequestBody.Unknown::new));
    }

    static Arbitrary<MultipartReplyBody> mpReply() {
        return Arbitraries.oneOf(
                Combinators.combine(ascii(255), ascii(255), ascii(255), ascii(31), ascii(255))
                        .as(MultipartReplyBody.Desc::new),
                flowStats().list().ofMaxSize(3).map(MultipartReplyBody.Flow::new),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), u32()).as(MultipartReplyBody.Aggregate::new),
                Combinators.combine(u8(), u32(), Arbitraries.longs()).as((t, a, l) -> new TableStats(t, a, l, l / 2))
                        .list().ofMaxSize(3).map(MultipartReplyBody.Table::new),
                Combinators.combine(u32(), Arbitraries.longs().list().ofSize(12), u32())
                        .as((p, c, d) -> new PortStats(p, c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5),
                                c.get(6), c.get(7), c.get(8), c.get(9), c.get(10), c.get(11), d, d / 3))
                        .list().ofMaxSize(3).map(MultipartReplyBody.PortStats::new),
                portDesc().list().ofMaxSize(3).map(MultipartReplyBody.PortDesc::new),
                Combinators.combine(u32(), u32(), Arbitraries.longs(), u32(),
                                Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                                        .as(GroupStats.BucketCounter::new).list().ofMaxSize(3))
                        .as((g, r, p, d, b) -> new GroupStats(g, r, p, p / 2, d, d / 2, b))
                        .list().ofMaxSize(3).map(MultipartReplyBody.Group::new),
                Combinators.combine(u8(), u32(), bucket().list().ofMaxSize(3)).as(GroupDesc::new)
                        .list().ofMaxSize(3).map(MultipartReplyBody.GroupDesc::new),
                Combinators.combine(u32(), u32(), Arbitraries.longs(), u32(),
                                Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                                        .as(MeterStats.BandCounter::new).list().ofMaxSize(3))
                        .as((m, f, p, d, b) -> new MeterStats(m, f, p, p / 3, d, d / 2, b))
                        .list().ofMaxSize(3).map(MultipartReplyBody.Meter::new),
                Combinators.combine(Arbitraries.of(5, 8, 10, 11, 12, 0xffff), bytes(0, 16))
                        .as(MultipartReplyBody.Unknown::new));
    }

    static Arbitrary<MeterBand> band() {
        return Arbitraries.oneOf(
                Combinators.combine(u32(), u32()).as(MeterBand.Drop::new),
                Combinators.combine(u32(), u32(), u8()).as(MeterBand.DscpRemark::new),
                Combinators.combine(Arbitraries.of(0xffff, 3), u32(), u32(), bytesPadded(2, 8, 4)).as(MeterBand.Unknown::new));
    }

    /** Every message type except bundles (see {@link #message()}). */
    static Arbitrary<OfMessage> plainMessage() {
        Arbitrary<Integer> xid = Arbitraries.integers();
        return Arbitraries.oneOf(List.of(
                Combinators.combine(xid, Arbitraries.integers().between(1, 6),
                        Arbitraries.<Hello.Element>oneOf(u32().list().ofMinSize(1).ofMaxSize(2).map(Hello.VersionBitmap::new),
                                Combinators.combine(Arbitraries.integers().between(2, 0xffff), bytes(0, 12))
                                        .as(Hello.UnknownElement::new)).list().ofMaxSize(2))
                        .as((x, v, e) -> new Hello(x, v, e)),
                Combinators.combine(xid, Arbitraries.integers().between(0, 13), u16(), bytes(0, 64))
                        .as((x, t, c, d) -> ErrorMsg.of(x, t, c, d)),
                Combinators.combine(xid, u16(), u32(), bytes(0, 64)).as((x, c, e, d) -> new ErrorMsg(x, 0xffff, c, e, d)),
                Combinators.combine(xid, bytes(0, 32)).as(EchoRequest::new),
                Combinators.combine(xid, bytes(0, 32)).as(EchoReply::new),
                Combinators.combine(xid, u32().filter(e -> e != 0x4f4e4600L), u32(), bytes(0, 32)).as(ExperimenterMsg::new),
                xid.map(FeaturesRequest::new),
                Combinators.combine(xid, Arbitraries.longs(), u32(), u8(), u8(), u32(), u32()).as(FeaturesReply::new),
                xid.map(GetConfigRequest::new),
                Combinators.combine(xid, u16(), u16()).as(GetConfigReply::new),
                Combinators.combine(xid, u16(), u16()).as(SetConfig::new),
                Combinators.combine(xid, u32(), u16(), u8(), u8(), Arbitraries.longs(), match(), bytes(0, 64))
                        .as(PacketIn::new),
                Combinators.combine(xid, Arbitraries.longs(), u16(), u8(), u8(), u32(), u16(), Arbitraries.longs())
                        .flatAs((x, c, p, r, t, d, i, n) -> match().map(m ->
                                new FlowRemoved(x, c, p, r, t, d, d / 2, i, i / 2, n, n / 3, m))),
                Combinators.combine(xid, u8(), portDesc()).as(PortStatus::new),
                Combinators.combine(xid, u32(), u32(), actions(), bytes(0, 64)).as(PacketOut::new),
                flowMod(xid),
                Combinators.combine(xid, u16(), u8(), u32(), bucket().list().ofMaxSize(3)).as(GroupMod::new),
                Combinators.combine(xid, u32(), bytes(6, 6), u32(), u32(), u32()).as(PortMod::new),
                Combinators.combine(xid, u8(), u32()).as(TableMod::new),
                Combinators.combine(xid, u16(), mpRequest()).as(MultipartRequest::new),
                Combinators.combine(xid, u16(), mpReply()).as(MultipartReply::new),
                xid.map(BarrierRequest::new),
                xid.map(BarrierReply::new),
                Combinators.combine(xid, u32(), Arbitraries.longs()).as(RoleRequest::new),
                Combinators.combine(xid, u32(), Arbitraries.longs()).as(RoleReply::new),
                Combinators.combine(xid, u16(), u16(), u32(), band().list().ofMaxSize(3)).as(MeterMod::new),
                Combinators.combine(xid, Arbitraries.of(22, 23, 26, 27, 28, 30, 200), bytes(0, 32))
                        .as(UnknownMessage::new)));
    }

    static Arbitrary<OfMessage> flowMod(Arbitrary<Integer> xid) {
        return Combinators.combine(xid, Arbitraries.longs(), u8(), u8(), u16(), u32(), match(), instructions())
                .as((x, c, t, cmd, p, o, m, i) -> new FlowMod(x, c, ~c, t, cmd, p / 3, p / 5, p, o, o / 2, o / 3,
                        p & 0x1f, m, i));
    }

    /** Every message type, bundles included (a BundleAdd embeds a message with its own xid). */
    public static Arbitrary<OfMessage> message() {
        Arbitrary<OfMessage> bundleControl = Combinators.combine(Arbitraries.integers(), u32(), Arbitraries.integers()
                .between(0, 7), u16(), bytesPadded(2, 8, 0)).as(BundleControl::new);
        Arbitrary<OfMessage> bundleAdd = Combinators.combine(Arbitraries.integers(), u32(), u16(),
                plainMessage().filter(m -> !(m instanceof Hello)), bytesPadded(2, 8, 0))
                .as((x, id, f, m, p) -> new BundleAdd(x, id, f, withXid(m, x), p));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, plainMessage()), net.jqwik.api.Tuple.of(1, bundleControl),
                net.jqwik.api.Tuple.of(1, bundleAdd));
    }

    /** The embedded message of a bundle add is encoded with the outer xid; mirror that for equality. */
    static OfMessage withXid(OfMessage m, int xid) {
        var buf = io.netty.buffer.Unpooled.buffer();
        MessageCodec.encode(m, xid, buf, OfContext.V13);
        return MessageCodec.decode(buf, OfContext.V13);
    }
}
