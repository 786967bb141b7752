package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.bgp.wire.extcommunities.AdministratorType;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity.RouteTarget;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunityCodec;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.RtMembership;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextFormsTest {
    @ParameterizedTest
    @CsvSource({
        "65001:100,        0000fde900000064, 0",
        "198.19.0.1:5,     0001c61300010005, 1",
        "4200000000:5,     0002fa56ea000005, 2",
        "65001L:7,         00020000fde90007, 2"})
    void routeDistinguisherParsesAndPrints(String text, String hex, int type) {
        RouteDistinguisher rd = RouteDistinguisher.parse(text);
        assertThat(rd.bytes()).isEqualTo(Bytes.ofHex(hex));
        assertThat(rd.type()).isEqualTo(type);
        assertThat(RouteDistinguisher.parse(rd.toString())).isEqualTo(rd.type() == 2 && text.endsWith(":7") ? RouteDistinguisher.parse("65001:7") : rd);
    }

    @ParameterizedTest
    @CsvSource({"65001", "65001:", ":5", "1.2.3:5", "70000:70000", "65001:4294967296", "a:b"})
    void routeDistinguisherRejectsBadText(String text) {
        assertThatThrownBy(() -> RouteDistinguisher.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routeTargetsOfEachAdministratorType() {
        assertThat(ExtendedCommunityCodec.toBytes(RouteTarget.parse("65001:100"))).isEqualTo(Bytes.ofHex("0002fde900000064").toArray());
        assertThat(ExtendedCommunityCodec.toBytes(RouteTarget.parse("198.19.0.1:5"))).isEqualTo(Bytes.ofHex("0102c61300010005").toArray());
        assertThat(RouteTarget.parse("4200000000:5").type()).isEqualTo(AdministratorType.AS4);
        assertThat(RouteTarget.parse("65001:100")).hasToString("RT:65001:100");
    }

    @Test
    void rtMembershipDefaultRouteIsZeroLength() {
        assertThat(RtMembership.defaultRoute().isDefault()).isTrue();
        RtMembership m = RtMembership.of(65001, RouteTarget.parse("65001:100"));
        assertThat(m.fullRouteTarget()).contains(RouteTarget.parse("65001:100"));
    }

    @Test
    void vniFillsTheWholeLabelFieldWhileMplsShiftsByFour() {
        assertThat(Labels.vni(10100)).isEqualTo(0x002774);
        assertThat(Labels.mpls(100, true)).isEqualTo(0x000641);
        assertThat(Labels.mplsValue(0x000641)).isEqualTo(100);
        assertThatThrownBy(() -> Labels.vni(1 << 24)).isInstanceOf(IllegalArgumentException.class);
    }
}
