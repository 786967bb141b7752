package io.nvo3.openflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.Framing;
import io.nvo3.openflow.OfArbitraries;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.match.Match;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MessageRoundTripTest {

    @Provide
    Arbitrary<OfMessage> messages() {
        return OfArbitraries.message().filter(m -> encodedLength(m) <= 65535);
    }

    @Property(tries = 2000)
    @net.jqwik.api.statistics.StatisticsReport(format = net.jqwik.api.statistics.Histogram.class)
    void decodeOfEncodeIsIdentityForEveryMessageType(@ForAll("messages") OfMessage m) {
        net.jqwik.api.statistics.Statistics.collect(m.getClass().getSimpleName());
        // every one of the 28 record types of the sealed hierarchy is generated
        net.jqwik.api.statistics.Statistics.coverage(c -> {
            for (Class<?> t : OfMessage.class.getPermittedSubclasses()) {
                c.check(t.getSimpleName()).count(n -> n > 0);
            }
        });
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(m, buf, OfContext.V13);
        byte[] wire = new byte[buf.readableBytes()];
        buf.getBytes(0, wire);
        OfMessage decoded = MessageCodec.decode(buf, OfContext.V13);
        assertThat(decoded).isEqualTo(m);
        assertThat(buf.isReadable()).isFalse();
        // byte-exact: re-encoding the decoded message gives the same bytes
        ByteBuf again = Unpooled.buffer();
        MessageCodec.encode(decoded, again, OfContext.V13);
        byte[] wire2 = new byte[again.readableBytes()];
        again.getBytes(0, wire2);
        assertThat(wire2).isEqualTo(wire);
        assertThat((wire[2] & 0xff) << 8 | (wire[3] & 0xff)).isEqualTo(wire.length);
    }

    @Property(tries = 300)
    void framingDeliversTheSameMessageWhateverTheSplitPoint(@ForAll("messages") OfMessage m,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 200) int split) {
        ByteBuf whole = Unpooled.buffer();
        MessageCodec.encode(m, whole, OfContext.V13);
        int cut = Math.min(split, whole.readableBytes() - 1);
        ByteBuf stream = Unpooled.buffer().writeBytes(whole, 0, cut);
        assertThat(Framing.next(stream, OfContext.V13)).isInstanceOf(FrameResult.Incomplete.class);
        stream.writeBytes(whole, cut, whole.readableBytes() - cut);
        assertThat(Framing.next(stream, OfContext.V13)).isEqualTo(new FrameResult.Ok(m));
    }

    @Property(tries = 500)
    void normalizedMatchIsIndependentOfFieldOrder(@ForAll("matches") Match m) {
        var reversed = new java.util.ArrayList<>(m.fields());
        java.util.Collections.reverse(reversed);
        assertThat(new Match(reversed).normalized()).isEqualTo(m.normalized());
        assertThat(m.normalized().normalized()).isEqualTo(m.normalized());
    }

    @Provide
    Arbitrary<Match> matches() {
        return OfArbitraries.match();
    }

    private static int encodedLength(OfMessage m) {
        ByteBuf buf = Unpooled.buffer();
        try {
            MessageCodec.encode(m, buf, new OfContext(OfContext.OF13, 65535));
            return buf.readableBytes();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }
}
