package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.DecodedMessage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The decoder, fed random and mutated bytes, returns a message or a typed error and never throws
 * anything else nor hangs. Inputs that once broke it live in src/test/resources/fuzz/bgp-update/
 * (one hex message per file) and are replayed on every build.
 */
class UpdateFuzzTest {
    private static final List<CodecContext> CONTEXTS = List.of(CodecContext.INITIAL, Golden.CTX,
            CodecContext.MODERN_IBGP.withAddPath(java.util.Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.L2VPN_EVPN, AfiSafi.VPN_IPV4)).withExtendedMessage(true));

    /** Decodes under every context; only BgpNotificationException may escape, and the result must be coherent. */
    static void decodeSafely(byte[] frame) {
        for (CodecContext ctx : CONTEXTS) {
            assertThatCode(() -> {
                try {
                    DecodedMessage d = BgpCodec.decode(frame, ctx);
                    if (d instanceof DecodedMessage.Update u) {
                        var r = u.result();
                        assertThat(r.action() == ErrorAction.NONE).isEqualTo(r.problems().isEmpty());
                        r.announced();
                        r.withdrawn();
                        if (r.isClean()) {
                            // whatever decodes clean must encode and decode to itself
                            byte[] again = BgpCodec.encode(r.update(), ctx);
                            assertThat(BgpCodec.decodeStrict(again, ctx)).isEqualTo(r.update());
                        }
                    }
                } catch (BgpNotificationException expected) {
                    assertThat(expected.code()).isBetween(1, 7);
                }
            }).doesNotThrowAnyException();
        }
    }

    static byte[] frame(byte type, byte[] body) {
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xff);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    @Provide
    Arbitrary<byte[]> randomMessages() {
        return Combinators.combine(Arbitraries.bytes().between((byte) 1, (byte) 5),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(UpdateFuzzTest::frame);
    }

    @Property(tries = 3000)
    void randomBodiesNeverCrashTheDecoder(@ForAll("randomMessages") byte[] frame) {
        decodeSafely(frame);
    }

    @Provide
    Arbitrary<byte[]> mutatedGolden() {
        List<byte[]> golden = Golden.all();
        return Combinators.combine(Arbitraries.of(golden), Arbitraries.integers().between(0, 1 << 20).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.bytes().list().ofSize(6), Arbitraries.of(true, false)).as((g, positions, values, fixLength) -> {
                    byte[] m = g.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        int at = 19 + positions.get(i) % Math.max(1, m.length - 19);
                        if (at < m.length) m[at] = values.get(i);
                    }
                    return m;
                });
    }

    @Property(tries = 5000)
    void mutatedGoldenMessagesNeverCrashTheDecoder(@ForAll("mutatedGolden") byte[] frame) {
        decodeSafely(frame);
    }

    @Provide
    Arbitrary<byte[]> truncatedGolden() {
        return Combinators.combine(Arbitraries.of(Golden.all()), Arbitraries.integers().between(0, 400)).as((g, cut) -> {
            int len = Math.max(19, g.length - 1 - cut % Math.max(1, g.length - 19));
            byte[] body = java.util.Arrays.copyOfRange(g, 19, len);
            return frame(g[18], body);
        });
    }

    @Property(tries = 2000)
    void truncatedGoldenMessagesNeverCrashTheDecoder(@ForAll("truncatedGolden") byte[] frame) {
        decodeSafely(frame);
    }

    @TestFactory
    Stream<DynamicTest> corpusReplays() throws IOException, URISyntaxException {
        Path dir = Path.of(UpdateFuzzTest.class.getResource("/fuzz/bgp-update").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] m = HexFormat.of().parseHex(Files.readString(p).strip());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                decodeSafely(m);
                return true;
            });
        }));
    }
}
