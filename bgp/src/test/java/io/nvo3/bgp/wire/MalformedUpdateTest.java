package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.errors.ErrorAction;
import io.nvo3.bgp.wire.errors.UpdateSubcode;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.DecodedMessage;
import io.nvo3.bgp.wire.message.UpdateDecodeResult;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed UPDATEs, each with the RFC 7606 action (and attribute) it must produce. */
class MalformedUpdateTest {
    static final CodecContext IBGP = CodecContext.MODERN_IBGP;
    static final CodecContext EBGP = CodecContext.MODERN_IBGP.withExternalPeer(true);
    static final CodecContext OLD = CodecContext.INITIAL;

    // well-formed pieces (4-octet AS session)
    static final String ORIGIN = "400101" + "00";                  // flags 0x40, type 1, len 1, IGP
    static final String AS_PATH = "400206" + "0201" + "0000fde9";  // AS_SEQUENCE of one AS, 65001
    static final String NEXT_HOP = "400304" + "c6120001";          // 198.18.0.1
    static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
    static final String NLRI = "18cb0071";                          // 203.0.113.0/24
    static final String EVPN_IMET = "0311" + "0000fde900000064" + "00000000" + "20" + "c6120001"; // type 3, RD 65001:100, tag 0, 198.18.0.1

    /** One attribute: flags, type, computed length, value. */
    static String a(int flags, int type, String value) {
        return String.format("%02x%02x%02x", flags, type, value.length() / 2) + value;
    }

    static String update(String withdrawn, String attrs, String nlri) {
        return String.format("%04x", withdrawn.length() / 2) + withdrawn + String.format("%04x", attrs.length() / 2) + attrs + nlri;
    }

    static byte[] frame(String bodyHex) {
        byte[] body = HexFormat.of().parseHex(bodyHex);
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xff);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = 2;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, context, UPDATE body, expected action, attribute type (or -1)
                Arguments.of("ORIGIN of length 2 (§7.1)", IBGP, update("", "40010200 00".replace(" ", "") + AS_PATH + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 1),
                Arguments.of("ORIGIN value 3 is undefined (§7.1)", IBGP, update("", "40010103" + AS_PATH + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 1),
                Arguments.of("AS_PATH segment length zero (§7.2)", IBGP, update("", ORIGIN + "4002020200" + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 2),
                Arguments.of("AS_PATH unknown segment type 5 (§7.2)", IBGP, update("", ORIGIN + "400206" + "0501" + "0000fde9" + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 2),
                Arguments.of("AS_PATH segment overruns attribute (§7.2)", IBGP, update("", ORIGIN + "400206" + "0202" + "0000fde9" + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 2),
                Arguments.of("AS_PATH single trailing octet (§7.2)", IBGP, update("", ORIGIN + "400207" + "0201" + "0000fde9" + "02" + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 2),
                Arguments.of("NEXT_HOP of length 5 (§7.3)", IBGP, update("", ORIGIN + AS_PATH + "400305c612000100", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3),
                Arguments.of("MULTI_EXIT_DISC of length 3 (§7.4)", IBGP, update("", BASE + "800403000001", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 4),
                Arguments.of("LOCAL_PREF from an external peer (§7.5)", EBGP, update("", BASE + "40050400000064", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 5),
                Arguments.of("LOCAL_PREF of length 2 (§7.5)", IBGP, update("", BASE + "4005020064", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 5),
                Arguments.of("ATOMIC_AGGREGATE of length 1 (§7.6)", IBGP, update("", BASE + "40060100", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 6),
                Arguments.of("AGGREGATOR of length 7 on a 4-octet session (§7.7)", IBGP, update("", BASE + "c007070000fde9c61200", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 7),
                Arguments.of("COMMUNITIES of length 5 (§7.8)", IBGP, update("", BASE + "c008050000000100", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 8),
                Arguments.of("COMMUNITIES of length 0 (§7.8)", IBGP, update("", BASE + "c00800", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 8),
                Arguments.of("ORIGINATOR_ID of length 3 (§7.9)", IBGP, update("", BASE + "800903c61200", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 9),
                Arguments.of("ORIGINATOR_ID from an external peer (§7.9)", EBGP, update("", BASE + "800904c6120001", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 9),
                Arguments.of("CLUSTER_LIST from an external peer (§7.10)", EBGP, update("", BASE + "800a04c6120001", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 10),
                Arguments.of("CLUSTER_LIST of length 6 (§7.10)", IBGP, update("", BASE + "800a06c6120001c612", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 10),
                Arguments.of("EXTENDED_COMMUNITIES of length 12 (§7.14)", IBGP, update("", BASE + "c0100c0002fde900000064000000", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 16),
                Arguments.of("LARGE_COMMUNITIES of length 8 (RFC 8092 §6)", IBGP, update("", BASE + "c020080000fde900000001", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 32),
                Arguments.of("PMSI_TUNNEL shorter than 5", IBGP, update("", BASE + "c01603000600", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 22),
                Arguments.of("AS4_PATH malformed on a 2-octet session (RFC 6793)", OLD, update("", ORIGIN + "400204" + "0201fde9" + NEXT_HOP + "c0110202" + "00", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 17),
                Arguments.of("ORIGIN with the Optional bit (§3 (c))", IBGP, update("", "c0010100" + AS_PATH + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 1),
                Arguments.of("MED twice: later copy discarded (§3 (g))", IBGP, update("", BASE + "80040400000001" + "80040400000002", NLRI), ErrorAction.ATTRIBUTE_DISCARD, 4),
                Arguments.of("AS_PATH missing (§3 (d))", IBGP, update("", ORIGIN + NEXT_HOP, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 2),
                Arguments.of("NEXT_HOP missing with IPv4 NLRI (§3 (d))", IBGP, update("", ORIGIN + AS_PATH, NLRI), ErrorAction.TREAT_AS_WITHDRAW, 3),
                Arguments.of("EVPN MAC length 40 in MP_REACH_NLRI (§7.11)", IBGP,
                        update("", a(0x80, 14, "001946" + "04c6120001" + "00" + "0222" + "0000fde900000064" + "00000000000000000000" + "00000000" + "28"
                                + "aabbcc000001" + "00" + "002774") + ORIGIN + AS_PATH, ""), ErrorAction.AFI_SAFI_DISABLE, 14),
                Arguments.of("VPN-IPv4 next hop of 4 octets (§7.11)", IBGP,
                        update("", a(0x80, 14, "000180" + "04c6120001" + "00" + "70000641" + "0000fde900000001" + "cb0071") + ORIGIN + AS_PATH, ""), ErrorAction.AFI_SAFI_DISABLE, 14),
                Arguments.of("MP_REACH_NLRI twice (§3 (g))", IBGP,
                        update("", a(0x80, 14, "001946" + "04c6120001" + "00" + EVPN_IMET) + a(0x80, 14, "001946" + "04c6120001" + "00" + EVPN_IMET) + ORIGIN + AS_PATH, ""),
                        ErrorAction.SESSION_RESET, 14),
                Arguments.of("unrecognized well-known attribute 99 (RFC 4271 §6.3)", IBGP, update("", BASE + "40630100", NLRI), ErrorAction.SESSION_RESET, 99),
                Arguments.of("last attribute overruns Total Attribute Length, NLRI locatable (§4)", IBGP, update("", BASE + "80040800000001", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 4),
                Arguments.of("two octets left for an attribute header (§4)", IBGP, update("", BASE + "8004", NLRI), ErrorAction.TREAT_AS_WITHDRAW, -1),
                Arguments.of("overrun before any MP attribute and no IPv4 NLRI", IBGP, update("", "800e30001946", ""), ErrorAction.SESSION_RESET, -1),
                Arguments.of("prefix length 33 in NLRI (§5.3)", IBGP, update("", BASE, "21cb00710000"), ErrorAction.SESSION_RESET, -1),
                Arguments.of("withdrawn length overruns the message (RFC 4271 §6.3)", IBGP, "00ff0000", ErrorAction.SESSION_RESET, -1),
                Arguments.of("strongest wins: bad ATOMIC_AGGREGATE and bad MED", IBGP, update("", BASE + "40060100" + "800403000001", NLRI), ErrorAction.TREAT_AS_WITHDRAW, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedUpdateGetsTheRfc7606Action(String name, CodecContext ctx, String body, ErrorAction action, int attributeType) throws Exception {
        DecodedMessage d = BgpCodec.decode(frame(body), ctx);
        UpdateDecodeResult r = ((DecodedMessage.Update) d).result();
        assertThat(r.action()).as(r.problems().toString()).isEqualTo(action);
        assertThat(r.problems()).as("the problem naming the attribute").anySatisfy(p -> {
            assertThat(p.action()).isEqualTo(action);
            assertThat(p.attributeType()).isEqualTo(attributeType);
            assertThat(p.reason()).isNotBlank();
        });
        switch (action) {
            case SESSION_RESET -> assertThat(r.notification()).hasValueSatisfying(n -> assertThat(n.code()).isEqualTo(3));
            case TREAT_AS_WITHDRAW -> {
                assertThat(r.announced()).isEmpty();
                if (body.endsWith(NLRI)) {
                    assertThat(r.withdrawn()).contains(IpPrefix.of(InetAddress.getByName("203.0.113.0"), 24));
                }
            }
            case AFI_SAFI_DISABLE -> assertThat(r.disabledFamilies()).hasSize(1);
            case ATTRIBUTE_DISCARD -> {
                assertThat(r.update().attributes()).noneMatch(a -> a.typeCode() == attributeType && attributeType != 4);
                assertThat(r.announced()).contains(IpPrefix.of(InetAddress.getByName("203.0.113.0"), 24));
            }
            case NONE -> throw new AssertionError("cases are all malformed");
        }
    }

    @org.junit.jupiter.api.Test
    void unrecognizedWellKnownAttributeResetsWithTheAttributeAsData() throws Exception {
        UpdateDecodeResult r = ((DecodedMessage.Update) BgpCodec.decode(frame(update("", BASE + "40630100", NLRI)), IBGP)).result();
        var n = r.notification().orElseThrow();
        assertThat(n.subcode()).isEqualTo(UpdateSubcode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE.code());
        assertThat(n.data()).isEqualTo(Bytes.ofHex("40630100"));
    }

    @org.junit.jupiter.api.Test
    void mpReachTwiceResetsWithMalformedAttributeList() throws Exception {
        String twice = update("", a(0x80, 14, "001946" + "04c6120001" + "00" + EVPN_IMET) + a(0x80, 14, "001946" + "04c6120001" + "00" + EVPN_IMET) + ORIGIN + AS_PATH, "");
        var n = ((DecodedMessage.Update) BgpCodec.decode(frame(twice), IBGP)).result().notification().orElseThrow();
        assertThat(n.subcode()).isEqualTo(UpdateSubcode.MALFORMED_ATTRIBUTE_LIST.code());
    }

    @org.junit.jupiter.api.Test
    void unknownOptionalTransitiveAttributeIsPassedOnWithPartialBit() throws Exception {
        UpdateDecodeResult r = ((DecodedMessage.Update) BgpCodec.decode(frame(update("", BASE + "c0f002abcd", NLRI)), IBGP)).result();
        assertThat(r.isClean()).isTrue();
        var u = r.update().attribute(io.nvo3.bgp.wire.attributes.PathAttribute.UnknownAttribute.class).orElseThrow();
        assertThat(u.value()).isEqualTo(Bytes.ofHex("abcd"));
        assertThat(u.forPropagation()).hasValueSatisfying(p -> assertThat(p.flags()).isEqualTo(0xe0));
        var nonTransitive = ((DecodedMessage.Update) BgpCodec.decode(frame(update("", BASE + "80f002abcd", NLRI)), IBGP)).result();
        assertThat(nonTransitive.update().attribute(io.nvo3.bgp.wire.attributes.PathAttribute.UnknownAttribute.class).orElseThrow().forPropagation()).isEmpty();
    }
}
