package io.nvo3.openflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.Framing;
import io.nvo3.openflow.OfContext;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each corrupt input names the OFPT_ERROR we answer with, and whether the stream must be closed. */
class MalformedInputTest {

    // FLOW_MOD header + fixed part up to the match: version 04, type 0e, length LLLL, xid 00000007,
    // cookie, cookie_mask, table 00, command 00 (ADD), idle 0000, hard 0000, priority 0001,
    // buffer_id ffffffff, out_port ffffffff, out_group ffffffff, flags 0000, pad 0000.
    private static final String FLOW_MOD_FIXED = "0000000000000000 0000000000000000 00 00 0000 0000 0001"
            + " ffffffff ffffffff ffffffff 0000 0000";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("header length below 8", "04 05 0004 00000001", true,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_LEN"),
                Arguments.of("oversized: header length above the 1024-byte bound", "04 0e 0800 00000001", true,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_LEN"),
                Arguments.of("bad version: an OF1.0 FEATURES_REQUEST on a 1.3 session", "01 05 0008 00000001", false,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_VERSION"),
                Arguments.of("truncated OXM: ETH_TYPE header claims 2 bytes, match ends after 1",
                        flowMod("0001 0009 80000a02 08 00000000000000"), false, "OFPET_BAD_MATCH/OFPBMC_BAD_LEN"),
                Arguments.of("truncated OXM header inside the match",
                        flowMod("0001 0006 8000 0000"), false, "OFPET_BAD_MATCH/OFPBMC_BAD_LEN"),
                Arguments.of("match length beyond the message", flowMod("0001 0040 00000000"), false,
                        "OFPET_BAD_MATCH/OFPBMC_BAD_LEN"),
                Arguments.of("match type OFPMT_STANDARD", flowMod("0000 0004 00000000"), false,
                        "OFPET_BAD_MATCH/OFPBMC_BAD_TYPE"),
                Arguments.of("IN_PORT with a mask (not maskable)",
                        flowMod("0001 0010 80000108 00000001 ffffffff"), false, "OFPET_BAD_MATCH/OFPBMC_BAD_MASK"),
                Arguments.of("the same OXM field twice",
                        flowMod("0001 000e 80001401 06 80001401 06 0000"), false,
                        "OFPET_BAD_MATCH/OFPBMC_DUP_FIELD"),
                Arguments.of("instruction length 0",
                        flowMod("0001 0004 00000000 0004 0000 00000000"), false,
                        "OFPET_BAD_INSTRUCTION/OFPBIC_BAD_LEN"),
                Arguments.of("action length not a multiple of 8",
                        flowMod("0001 0004 00000000 0004 0018 00000000 0000 000c 00000001 ffff 000000000000"), false,
                        "OFPET_BAD_ACTION/OFPBAC_BAD_LEN"),
                Arguments.of("FEATURES_REPLY body truncated", "04 06 000c 00000001 00000000", false,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_LEN"),
                Arguments.of("10-byte HELLO whose element claims 12 bytes", "04 00 000a 00000001 0001", false,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_LEN"),
                Arguments.of("flow stats entry length 10 in a multipart reply",
                        "04 13 0050 00000001 0001 0000 00000000 000a" + "00".repeat(62), false,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_LEN"),
                Arguments.of("bundle add whose embedded message overruns it",
                        "04 04 0020 00000001 4f4e4600 000008fd 00000001 0000 0003 04 0e 0100 00000001", false,
                        "OFPET_BAD_REQUEST/OFPBRC_BAD_LEN"));
    }

    private static String flowMod(String tail) {
        String body = FLOW_MOD_FIXED + " " + tail;
        int len = 8 + Bytes.ofHex(body).length();
        return String.format("04 0e %04x 00000007 ", len) + body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheProtocolErrorAndKeepsTheStreamInStep(String name, String hex, boolean fatal, String error) {
        byte[] wire = Bytes.ofHex(hex).toArray();
        ByteBuf in = Unpooled.buffer().writeBytes(wire).writeBytes(Bytes.ofHex("04 14 0008 0000002a").toArray());
        FrameResult r = Framing.next(in, new OfContext(OfContext.OF13, 1024));
        assertThat(r).isInstanceOf(FrameResult.Corrupt.class);
        FrameResult.Corrupt c = (FrameResult.Corrupt) r;
        assertThat(c.error().errorName()).isEqualTo(error);
        assertThat(c.fatal()).isEqualTo(fatal);
        if (fatal) {
            // the stream cannot be resynchronised: the error quotes what was there, then we close
            assertThat(c.head().length()).isEqualTo(Math.min(64, wire.length + 8));
            assertThat(in.isReadable()).as("a fatal framing error consumes the stream").isFalse();
        } else {
            assertThat(c.head().length()).isEqualTo(Math.min(64, wire.length));
            // the next message (a BARRIER_REQUEST, xid 42) is still read correctly
            assertThat(Framing.next(in, OfContext.V13)).isEqualTo(new FrameResult.Ok(new BarrierRequest(42)));
        }
    }
}
