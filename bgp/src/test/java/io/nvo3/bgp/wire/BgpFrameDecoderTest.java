package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpFrameDecoderTest {
    @Test
    void cutsTheStreamIntoWholeMessagesWhateverTheSegmentation() {
        List<byte[]> golden = Golden.load("gobgp-3.10.hex");
        byte[] stream = golden.stream().reduce(new byte[0], (a, b) -> {
            byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
        EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(() -> Golden.CTX));
        for (int i = 0; i < stream.length; i += 7) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(7, stream.length - i)));
        }
        for (byte[] expected : golden) {
            byte[] got = ch.readInbound();
            assertThat(got).isEqualTo(expected);
        }
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void badMarkerFailsWithConnectionNotSynchronized() {
        EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(() -> CodecContext.INITIAL));
        byte[] bad = BgpCodec.encode(KeepaliveMessage.INSTANCE, CodecContext.INITIAL);
        bad[3] = 0;
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(bad)))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(BgpNotificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.subcode()).isEqualTo(1);
                });
        ch.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff001304")));
        assertThat((Object) ch.readInbound()).as("nothing after a framing error").isNull();
        ch.finishAndReleaseAll();
    }
}
