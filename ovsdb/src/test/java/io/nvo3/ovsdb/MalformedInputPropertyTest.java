package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Corrupted captures of real ovsdb-server messages never escape the pipeline as an exception: each either decodes
 * or closes that connection (a replayed fuzz corpus in the sense of CONVENTIONS.md).
 */
class MalformedInputPropertyTest {
    private static final List<String> CORPUS = List.of("get_schema-reply.json", "monitor-initial-reply.json",
            "update-add-br.json", "update-modify-bridge.json", "update-del-br.json", "transact-insert-reply.json",
            "manager-echo-request.json", "echo-reply.json", "unknown-method-reply.json");

    @Property(tries = 300)
    void mutatedGoldenMessagesDecodeOrCloseTheConnection(@ForAll("mutated") byte[] input) {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OvsdbOptions.defaults().withMaxMessageBytes(1 << 16));
        // A monitor named like the captured one so "update" notifications reach the decoder and a listener.
        o.connection.monitor("Open_vSwitch", "m1", java.util.Map.of(), (u, i) -> { });
        o.feed(input);
        o.channel.checkException(); // rethrows anything that reached the end of the pipeline
        if (!o.channel.isActive()) {
            assertThat(o.connection.closeFuture()).isCompleted();
        }
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Combinators.combine(Arbitraries.of(CORPUS), Arbitraries.integers().between(0, 1 << 16),
                        Arbitraries.integers().between(0, 255), Arbitraries.of(Mutation.values()))
                .as((file, pos, b, m) -> m.apply(Golden.bytes(file), pos, b.byteValue()));
    }

    enum Mutation {
        FLIP_BYTE, TRUNCATE, DUPLICATE;

        byte[] apply(byte[] in, int pos, byte b) {
            int p = pos % in.length;
            return switch (this) {
                case FLIP_BYTE -> {
                    byte[] out = in.clone();
                    out[p] = b;
                    yield out;
                }
                case TRUNCATE -> java.util.Arrays.copyOf(in, p);
                case DUPLICATE -> {
                    byte[] out = new byte[in.length * 2];
                    System.arraycopy(in, 0, out, 0, in.length);
                    System.arraycopy(in, 0, out, in.length, in.length);
                    yield out;
                }
            };
        }
    }
}
