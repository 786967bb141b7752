package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
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

    /** A message of {@code len} octets with a valid header: type 2, body filled with {@code fill} (only framing looks at it). */
    private static byte[] message(int len, int fill) {
        byte[] m = new byte[len];
        Arrays.fill(m, 0, 16, (byte) 0xff);
        m[16] = (byte) (len >>> 8);
        m[17] = (byte) len;
        m[18] = 2;
        Arrays.fill(m, 19, len, (byte) fill);
        return m;
    }

    @Test
    void cutsLargeReadsAndMessagesUpToTheExtendedLengthWhateverTheReadSizes() {
        CodecContext extended = new CodecContext(true, true, Set.of(), true);
        Random r = new Random(3);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            int len = i % 50 == 0 ? 65535 : i % 7 == 0 ? 19 : 19 + r.nextInt(8000);
            byte[] m = message(len, i);
            sent.add(m);
            stream.write(m, 0, m.length);
        }
        byte[] all = stream.toByteArray();
        EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(() -> extended));
        // Reads from 1 octet to 3 times the largest message, so that some end mid-header, some mid-body, some hold many messages.
        for (int at = 0; at < all.length; ) {
            int n = Math.min(all.length - at, 1 + r.nextInt(r.nextBoolean() ? 40 : 200_000));
            ch.writeInbound(Unpooled.wrappedBuffer(all, at, n));
            at += n;
        }
        for (byte[] expected : sent) {
            byte[] got = ch.readInbound();
            assertThat(got).isEqualTo(expected);
        }
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void passesOnTheMessagesBeforeABadHeaderInTheSameReadThenNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new BgpFrameDecoder(() -> CodecContext.INITIAL));
        byte[] good = message(23, 1);
        byte[] tooLong = message(4097, 2);
        byte[] read = new byte[good.length * 2 + tooLong.length];
        System.arraycopy(good, 0, read, 0, good.length);
        System.arraycopy(good, 0, read, good.length, good.length);
        System.arraycopy(tooLong, 0, read, good.length * 2, tooLong.length);
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(read)))
                .isInstanceOf(DecoderException.class)
                .cause().isInstanceOfSatisfying(BgpNotificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.subcode()).as("Bad Message Length").isEqualTo(2);
                });
        assertThat((byte[]) ch.readInbound()).isEqualTo(good);
        assertThat((byte[]) ch.readInbound()).isEqualTo(good);
        ch.writeInbound(Unpooled.wrappedBuffer(good));
        assertThat((Object) ch.readInbound()).as("nothing after a framing error").isNull();
        ch.finishAndReleaseAll();
    }
}
