package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.message.BgpCodec;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Corrupt messages and the NOTIFICATION (code/subcode/data) each must produce. */
class MalformedMessageTest {
    static final String M = "ffffffffffffffffffffffffffffffff";

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, whole message hex, code, subcode, data hex
                Arguments.of("marker not all ones (RFC 4271 §6.1)", "ffffffffffffffffffffffffffffff00" + "001304", 1, 1, ""),
                Arguments.of("length below 19", M + "001204", 1, 2, "0012"),
                Arguments.of("length above 4096 without extended messages", M + "100104", 1, 2, "1001"),
                Arguments.of("unknown message type 9", M + "001309", 1, 3, "09"),
                Arguments.of("KEEPALIVE of length 20", M + "00140400", 1, 2, "0014"),
                Arguments.of("OPEN shorter than 29", M + "001c01" + "04fde9005ac6120001", 1, 2, "001c"),
                Arguments.of("OPEN version 3 (data: largest supported version)", M + "001d01" + "03fde9005ac612000100", 2, 1, "0004"),
                Arguments.of("OPEN hold time 1", M + "001d01" + "04fde90001c612000100", 2, 6, ""),
                Arguments.of("OPEN BGP identifier 0", M + "001d01" + "04fde9005a0000000000", 2, 3, ""),
                Arguments.of("OPEN parameters length disagrees", M + "001d01" + "04fde9005ac612000105", 2, 0, ""),
                Arguments.of("OPEN capability overruns parameter", M + "002301" + "04fde9005ac612000106" + "0204" + "0106" + "0001", 2, 0, ""),
                Arguments.of("BoRR with trailing octets (RFC 7313 §5)", M + "001805" + "0001010100", 7, 1, "0001010100"),
                Arguments.of("UPDATE shorter than 23", M + "001502" + "0000", 1, 2, "0015"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corruptMessageCarriesItsNotification(String name, String hex, int code, int subcode, String data) {
        byte[] m = HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> BgpCodec.decode(m, CodecContext.MODERN_IBGP))
                .isInstanceOfSatisfying(BgpNotificationException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.subcode()).isEqualTo(subcode);
                    assertThat(e.data()).isEqualTo(Bytes.ofHex(data));
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void extendedMessagesRaiseTheLengthLimit() throws Exception {
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, 0, 16, (byte) 0xff);
        big[16] = (byte) (5000 >>> 8);
        big[17] = (byte) 5000;
        big[18] = 3;
        big[19] = 6;
        assertThat(BgpCodec.frameLength(big, 0, big.length, CodecContext.MODERN_IBGP.withExtendedMessage(true))).isEqualTo(5000);
        assertThat(BgpCodec.decode(big, CodecContext.MODERN_IBGP.withExtendedMessage(true))).isNotNull();
        assertThatThrownBy(() -> BgpCodec.frameLength(big, 0, big.length, CodecContext.MODERN_IBGP)).isInstanceOf(BgpNotificationException.class);
    }

    @Test
    void frameLengthWaitsForAWholeHeader() throws Exception {
        byte[] partial = HexFormat.of().parseHex(M + "00");
        assertThat(BgpCodec.frameLength(partial, 0, partial.length, CodecContext.INITIAL)).isEqualTo(-1);
    }
}
