package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NlriKeysTest {
    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void macRouteWithdrawnWithAnotherLabelHitsTheSameKey() throws Exception {
        var rd = RouteDistinguisher.parse("65001:10");
        var announced = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:00:00:01"),
                Optional.of(ip("203.0.113.1")), Labels.vni(10010), OptionalInt.empty());
        var withdrawn = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:00:00:01"),
                Optional.of(ip("203.0.113.1")), 0, OptionalInt.empty());
        assertThat(NlriKeys.key(withdrawn)).isEqualTo(NlriKeys.key(announced));
        var otherIp = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:00:00:01"),
                Optional.of(ip("203.0.113.2")), Labels.vni(10010), OptionalInt.empty());
        assertThat(NlriKeys.key(otherIp)).isNotEqualTo(NlriKeys.key(announced));
    }

    @Test
    void vpnPrefixWithdrawnWithTheCompatibilityLabelHitsTheSameKey() throws Exception {
        var rd = RouteDistinguisher.parse("65001:20");
        var announced = VpnPrefix.of(100, rd, ip("198.51.100.0"), 24);
        var withdrawn = new VpnPrefix(Nlri.NO_PATH_ID, java.util.List.of(Labels.WITHDRAW_COMPAT), rd, ip("198.51.100.0"), 24);
        assertThat(NlriKeys.key(withdrawn)).isEqualTo(NlriKeys.key(announced));
    }
}
