package io.nvo3.openflow.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.Golden;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.MultipartReply;
import io.nvo3.openflow.message.OfMessage;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A flow-stats reply reports a flow as the switch holds it, also one another tool added with a mask OpenFlow 1.3.5
 * §7.2.3.7 lists as not allowed: OVS 3.1 accepts and reports masked {@code nd_target}, {@code nd_sll}/{@code nd_tll}
 * and transport ports (lib/meta-flow.xml "Maskable: bitwise"), e.g. after
 * {@code ovs-ofctl add-flow br-int "icmp6,icmp_type=135,nd_target=2001:db8::/64,actions=drop"}. The reply must decode
 * (reconcile reads it back, then deletes or replaces the flow), keeping value and mask.
 */
class FlowStatsMaskedFieldsTest {
    // OXM headers: class 8000, field << 1 | hasmask, length.
    private static final String ICMPV6_NS = "80000a02 86dd" // eth_type=0x86dd
            + " 80001401 3a" // ip_proto=58
            + " 80003a01 87"; // icmpv6_type=135 (neighbor solicitation)

    static Stream<Arguments> maskedFields() {
        return Stream.of(
                Arguments.of("nd_target/64", ICMPV6_NS + " 80003f20"
                                + " 20010db8000000000000000000000000 ffffffffffffffff0000000000000000",
                        OxmType.IPV6_ND_TARGET, "20010db8000000000000000000000000", "ffffffffffffffff0000000000000000"),
                Arguments.of("nd_target with a non-contiguous mask", ICMPV6_NS + " 80003f20"
                                + " 20010db8000000000000000000000001 ffffffff0000000000000000000000ff",
                        OxmType.IPV6_ND_TARGET, "20010db8000000000000000000000001", "ffffffff0000000000000000000000ff"),
                Arguments.of("nd_target exact (no mask)", ICMPV6_NS + " 80003e10 20010db8000000000000000000000001",
                        OxmType.IPV6_ND_TARGET, "20010db8000000000000000000000001", null),
                Arguments.of("nd_sll/ff:ff:ff:00:00:00", ICMPV6_NS + " 8000410c fa163e000000 ffffff000000",
                        OxmType.IPV6_ND_SLL, "fa163e000000", "ffffff000000"),
                Arguments.of("nd_tll/ff:ff:ff:00:00:00", "80000a02 86dd 80001401 3a 80003a01 88 8000430c"
                                + " fa163e000000 ffffff000000",
                        OxmType.IPV6_ND_TLL, "fa163e000000", "ffffff000000"),
                Arguments.of("udp_dst=0x1000/0xf000", "80000a02 0800 80001401 11 80002104 1000 f000",
                        OxmType.UDP_DST, "1000", "f000"),
                Arguments.of("ipv6_src/32", "80000a02 86dd 80003520"
                                + " 20010db8000000000000000000000000 ffffffff000000000000000000000000",
                        OxmType.IPV6_SRC, "20010db8000000000000000000000000", "ffffffff000000000000000000000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maskedFields")
    void flowStatsReplyKeepsAMaskedFieldOvsReports(String name, String oxms, OxmType type, String value, String mask) {
        OfMessage m = Golden.decode(HexFormat.of().parseHex(flowStatsReply(oxms)));

        assertThat(m).isInstanceOf(MultipartReply.class);
        MultipartReplyBody body = ((MultipartReply) m).body();
        assertThat(body).isInstanceOf(MultipartReplyBody.Flow.class);
        FlowStats flow = ((MultipartReplyBody.Flow) body).entries().getFirst();
        assertThat(flow.priority()).isEqualTo(0x64);
        assertThat(flow.cookie()).isEqualTo(0x1234);
        assertThat(flow.match().fields()).last().isEqualTo(
                new Oxm.Field(type, Bytes.ofHex(value), mask == null ? null : Bytes.ofHex(mask)));
    }

    /** One OFPMP_FLOW reply holding one flow with these OXM fields and no instructions (drop). */
    private static String flowStatsReply(String oxms) {
        String fields = oxms.replace(" ", "");
        int matchLength = 4 + fields.length() / 2;
        int padded = (matchLength + 7) & ~7;
        String match = "0001" + hex16(matchLength) + fields + "00".repeat(padded - matchLength);
        int statsLength = 48 + padded;
        String stats = hex16(statsLength) + "00" + "00" // length, table_id 0, pad
                + "0000000a" + "00000000" // duration_sec 10, duration_nsec
                + "0064" + "0000" + "0000" + "0000" + "00000000" // priority 100, idle, hard, flags, pad
                + "0000000000001234" + "0000000000000000" + "0000000000000000" // cookie, packet_count, byte_count
                + match;
        String body = "0001" + "0000" + "00000000" + stats; // OFPMP_FLOW, flags (no MORE), pad
        return "04" + "13" + hex16(8 + body.length() / 2) + "00000007" + body; // OF1.3 MULTIPART_REPLY, xid 7
    }

    private static String hex16(int v) {
        return String.format("%04x", v);
    }
}
