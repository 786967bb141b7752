package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.attributes.As4Paths;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.AsPathSegment.Type;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.attributes.PathAttribute.Aggregator;
import io.nvo3.bgp.wire.attributes.PathAttribute.As4Aggregator;
import io.nvo3.bgp.wire.attributes.PathAttribute.As4Path;
import io.nvo3.bgp.wire.attributes.PathAttribute.AsPath;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.DecodedMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6793 §4.2.2 / §4.2.3: what we send an OLD (2-octet AS) speaker, and the path rebuilt from what it sends. */
class As4PathsTest {
    static final CodecContext OLD = CodecContext.INITIAL.withExternalPeer(true);
    static final CodecContext NEW = CodecContext.MODERN_IBGP.withExternalPeer(true);
    static final long T = As4Paths.AS_TRANS;
    static final Inet4Address ADDR = ip("198.18.0.1");
    static final Inet4Address ADDR2 = ip("198.18.0.2");

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static AsPathSegment seq(long... a) {
        return AsPathSegment.sequence(a);
    }

    static AsPathSegment set(long... a) {
        return new AsPathSegment(Type.AS_SET, java.util.Arrays.stream(a).boxed().toList());
    }

    static AsPathSegment confedSeq(long... a) {
        return new AsPathSegment(Type.AS_CONFED_SEQUENCE, java.util.Arrays.stream(a).boxed().toList());
    }

    static List<AsPathSegment> path(AsPathSegment... s) {
        return List.of(s);
    }

    static List<AsPathSegment> merged(List<PathAttribute> attrs) {
        List<PathAttribute> out = As4Paths.mergeFromOldSpeaker(attrs);
        assertThat(out).noneMatch(a -> a instanceof As4Path || a instanceof As4Aggregator);
        return out.stream().filter(a -> a instanceof AsPath).map(a -> ((AsPath) a).segments()).findFirst().orElseThrow();
    }

    static Stream<Arguments> receivedPaths() {
        return Stream.of(
                Arguments.of("AS4_PATH as long as AS_PATH replaces it",
                        path(seq(T, 65001, T)), path(seq(4200000001L, 65001, 4200000002L)),
                        path(seq(4200000001L, 65001, 4200000002L))),
                Arguments.of("leading OLD ASes of AS_PATH are prepended to AS4_PATH (same number of ASes)",
                        path(seq(65010, 65011, T, 65001)), path(seq(4200000001L, 65001)),
                        path(seq(65010, 65011, 4200000001L, 65001))),
                Arguments.of("AS4_PATH longer than AS_PATH is ignored",
                        path(seq(T, 65001)), path(seq(4200000001L, 65001, 65002)),
                        path(seq(T, 65001))),
                Arguments.of("an AS_SET counts as one AS",
                        path(seq(65010), set(T, 65001, 65002)), path(set(4200000001L, 65001, 65002)),
                        path(seq(65010), set(4200000001L, 65001, 65002))),
                Arguments.of("a prepended AS_SET of AS_PATH counts as one",
                        path(set(65010, 65011), seq(T)), path(seq(4200000001L)),
                        path(set(65010, 65011), seq(4200000001L))),
                Arguments.of("leading AS_CONFED_SEQUENCE is kept (counts zero)",
                        path(confedSeq(65100, 65101), seq(T, 65001)), path(seq(4200000001L, 65001)),
                        path(confedSeq(65100, 65101), seq(4200000001L, 65001))),
                Arguments.of("AS_CONFED segments inside AS4_PATH are discarded (RFC 6793 §6)",
                        path(seq(T, 65001)), path(confedSeq(65100), seq(4200000001L, 65001)),
                        path(seq(4200000001L, 65001))),
                Arguments.of("a confederation segment adjacent to a prepended one is kept",
                        path(seq(65010), confedSeq(65100), seq(T)), path(seq(4200000001L)),
                        path(seq(65010), confedSeq(65100), seq(4200000001L))),
                Arguments.of("the leading AS_SEQUENCE is cut where AS4_PATH starts",
                        path(seq(65010, 65011, 65012, T)), path(seq(65012, 4200000001L)),
                        path(seq(65010, 65011, 65012, 4200000001L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivedPaths")
    void rebuildsThePathFromAsPathAndAs4Path(String name, List<AsPathSegment> asPath, List<AsPathSegment> as4Path,
                                             List<AsPathSegment> expected) {
        List<PathAttribute> attrs = List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP), new AsPath(asPath),
                new As4Path(as4Path));
        assertThat(merged(attrs)).isEqualTo(expected);
        assertThat(RouteAttributes.received(attrs, ADDR, false).asPathLength()).isEqualTo(As4Paths.count(expected));
    }

    @Test
    void aggregatorAsTransTakesAs4AggregatorAndThePathIsRebuilt() {
        List<PathAttribute> out = As4Paths.mergeFromOldSpeaker(List.of(new AsPath(path(seq(T))), new Aggregator(T, ADDR),
                new As4Path(path(seq(4200000001L))), new As4Aggregator(4200000001L, ADDR2)));
        assertThat(out).containsExactly(new AsPath(path(seq(4200000001L))), new Aggregator(4200000001L, ADDR2));
    }

    @Test
    void aggregatorThatIsNotAsTransMakesBothAs4AttributesIgnored() {
        // RFC 6793 §4.2.3: an OLD speaker aggregated the route; AS4_PATH may be stale.
        List<PathAttribute> out = As4Paths.mergeFromOldSpeaker(List.of(new AsPath(path(seq(65020, T))), new Aggregator(65020, ADDR),
                new As4Path(path(seq(4200000001L))), new As4Aggregator(4200000001L, ADDR2)));
        assertThat(out).containsExactly(new AsPath(path(seq(65020, T))), new Aggregator(65020, ADDR));
    }

    @Test
    void withoutAs4AttributesTheSameListComesBack() {
        List<PathAttribute> attrs = List.of(new AsPath(path(seq(T, 65001))));
        assertThat(As4Paths.mergeFromOldSpeaker(attrs)).isSameAs(attrs);
    }

    @Test
    void theRebuiltPathIsWhatLoopDetectionSees() {
        // A route that left our own 4-octet AS and came back through an OLD speaker: only AS4_PATH shows it.
        List<PathAttribute> attrs = List.of(new AsPath(path(seq(65001, T))), new As4Path(path(seq(4200000007L))));
        RouteAttributes r = RouteAttributes.received(attrs, ADDR, false);
        assertThat(r.attribute(AsPath.class).orElseThrow().segments()).containsExactly(seq(65001, 4200000007L));
        assertThat(r.attribute(As4Path.class)).isEmpty();
        assertThat(r.neighborAs()).isEqualTo(65001);
    }

    @Test
    void onAFourOctetSessionNothingIsMerged() {
        List<PathAttribute> attrs = List.of(new AsPath(path(seq(65001, T))), new As4Path(path(seq(4200000007L))));
        assertThat(RouteAttributes.received(attrs, ADDR, true).attributes()).containsExactlyElementsOf(attrs);
    }

    // ---- sending ------------------------------------------------------------------------------------

    static UpdateMessage update(PathAttribute... attrs) {
        List<PathAttribute> l = new ArrayList<>();
        l.add(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP));
        l.addAll(List.of(attrs));
        l.add(new PathAttribute.NextHop(ADDR));
        l.sort(java.util.Comparator.comparingInt(PathAttribute::typeCode));
        return new UpdateMessage(List.of(), l, List.of(IpPrefix.of(ip("203.0.113.0"), 24)));
    }

    static UpdateMessage roundTrip(UpdateMessage u, CodecContext ctx) {
        DecodedMessage d;
        try {
            d = BgpCodec.decode(BgpCodec.encode(u, ctx), ctx);
        } catch (io.nvo3.bgp.wire.errors.BgpNotificationException e) {
            throw new AssertionError(e);
        }
        assertThat(d).isInstanceOf(DecodedMessage.Update.class);
        assertThat(((DecodedMessage.Update) d).result().problems()).isEmpty();
        return ((DecodedMessage.Update) d).result().update();
    }

    @Test
    void anOldSpeakerGetsAsTransInAsPathAndTheTruePathInAs4Path() {
        UpdateMessage sent = roundTrip(update(new AsPath(path(confedSeq(65100), seq(4200000001L, 65001))),
                new Aggregator(4200000001L, ADDR2)), OLD);
        assertThat(sent.attribute(AsPath.class)).contains(new AsPath(path(confedSeq(65100), seq(T, 65001))));
        assertThat(sent.attribute(Aggregator.class)).contains(new Aggregator(T, ADDR2));
        // "MUST exclude such path segments" (the confederation ones) from AS4_PATH
        assertThat(sent.attribute(As4Path.class)).contains(new As4Path(path(seq(4200000001L, 65001))));
        assertThat(sent.attribute(As4Aggregator.class)).contains(new As4Aggregator(4200000001L, ADDR2));
        // ascending attribute types (RFC 4271 §5 SHOULD)
        List<Integer> types = sent.attributes().stream().map(PathAttribute::typeCode).toList();
        assertThat(types).isSorted();
    }

    @Test
    void anOldSpeakerGetsNoAs4PathWhenEveryAsFitsTwoOctets() {
        UpdateMessage sent = roundTrip(update(new AsPath(path(seq(65010, 65001))), new Aggregator(65010, ADDR2)), OLD);
        assertThat(sent.attribute(As4Path.class)).isEmpty();
        assertThat(sent.attribute(As4Aggregator.class)).isEmpty();
    }

    @Test
    void aNewSpeakerNeverGetsAs4Attributes() {
        UpdateMessage u = update(new AsPath(path(seq(4200000001L))), new As4Path(path(seq(4200000001L))),
                new As4Aggregator(4200000001L, ADDR2));
        UpdateMessage sent = roundTrip(u, NEW);
        assertThat(sent.attribute(As4Path.class)).isEmpty();
        assertThat(sent.attribute(As4Aggregator.class)).isEmpty();
        assertThat(sent.attribute(AsPath.class)).contains(new AsPath(path(seq(4200000001L))));
    }

    // ---- property: merge(encode-for-OLD(path)) == path ------------------------------------------------

    static Arbitrary<Long> asn() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 0xffff).filter(a -> a != T), WireArbitraries.u32().filter(a -> a > 0xffff));
    }

    /**
     * Paths as a NEW speaker holds them: optional leading confederation segments (2-octet members: RFC 6793
     * gives an OLD speaker no way to carry a 4-octet member AS), then AS_SEQUENCE / AS_SET segments.
     */
    @Provide
    Arbitrary<List<AsPathSegment>> paths() {
        Arbitrary<AsPathSegment> confed = Combinators.combine(Arbitraries.of(Type.AS_CONFED_SEQUENCE, Type.AS_CONFED_SET),
                Arbitraries.longs().between(1, 0xffff).filter(a -> a != T).list().ofMinSize(1).ofMaxSize(3)).as(AsPathSegment::new);
        Arbitrary<AsPathSegment> plain = Combinators.combine(Arbitraries.of(Type.AS_SEQUENCE, Type.AS_SET),
                asn().list().ofMinSize(1).ofMaxSize(6)).as(AsPathSegment::new);
        return Combinators.combine(confed.list().ofMaxSize(2), plain.list().ofMaxSize(4)).as((c, p) -> {
            List<AsPathSegment> out = new ArrayList<>(c);
            out.addAll(p);
            return out;
        });
    }

    @Property(tries = 500)
    void mergeOfWhatAnOldSpeakerGetsIsTheOriginalPath(@ForAll("paths") List<AsPathSegment> path, @ForAll("aggregatorAs") Optional<Long> agg) {
        List<PathAttribute> attrs = new ArrayList<>(List.of(new AsPath(path)));
        agg.ifPresent(a -> attrs.add(new Aggregator(a, ADDR2)));
        UpdateMessage received = roundTrip(update(attrs.toArray(PathAttribute[]::new)), OLD);
        boolean wide = path.stream().anyMatch(s -> s.asns().stream().anyMatch(a -> a > 0xffff));
        boolean plain = path.stream().anyMatch(s -> s.type() == Type.AS_SEQUENCE || s.type() == Type.AS_SET);
        assertThat(received.attribute(As4Path.class).isPresent()).isEqualTo(wide && plain);
        RouteAttributes r = RouteAttributes.received(received.attributes(), ADDR, false);
        if (agg.isEmpty() || agg.get() > 0xffff) {
            assertThat(r.attribute(AsPath.class)).contains(new AsPath(path));
        } else {
            // RFC 6793 §4.2.3: an AGGREGATOR that is not AS_TRANS makes the receiver ignore AS4_PATH, so a
            // route aggregated in a 2-octet AS keeps AS_TRANS for its 4-octet ASes.
            assertThat(r.attribute(AsPath.class)).contains(new AsPath(path.stream()
                    .map(s -> new AsPathSegment(s.type(), s.asns().stream().map(a -> a > 0xffff ? T : a).toList())).toList()));
        }
        assertThat(r.attribute(Aggregator.class)).isEqualTo(agg.map(a -> new Aggregator(a, ADDR2)));
        assertThat(r.attribute(As4Path.class)).isEmpty();
        assertThat(r.attribute(As4Aggregator.class)).isEmpty();
    }

    @Provide
    Arbitrary<Optional<Long>> aggregatorAs() {
        return asn().optional(0.5);
    }
}
