package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocRibLookupTest {
    private static final PeerRef A = new PeerRef(1, ip("198.18.0.1"), 65001, 0x0a000001L, true, false);
    private static final PeerRef B = new PeerRef(2, ip("198.18.0.2"), 65002, 0x0a000002L, true, false);

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RouteAttributes attrs(long as) {
        return RouteAttributes.of(List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                new PathAttribute.AsPath(List.of(AsPathSegment.sequence(as)))), ip("198.18.0.1"));
    }

    @Test
    void putAndRemoveTellWhetherTheNeighborsPathCountChanged() {
        LocRib rib = new LocRib(AfiSafi.VPN_IPV4);
        VpnPrefix n = VpnPrefix.of(100, RouteDistinguisher.parse("65001:1"), ip("198.18.0.0"), 24);
        Nlri key = NlriKeys.key(n);
        rib.put(key, new Path(n, A, attrs(65001), false));
        assertThat(rib.lastPutAdded()).isTrue();
        rib.put(key, new Path(n, A, attrs(65011), false));
        assertThat(rib.lastPutAdded()).isFalse();
        rib.put(key, new Path(n, B, attrs(65002), false));
        assertThat(rib.lastPutAdded()).isTrue();
        rib.put(key, new Path(n, B, attrs(65002), false));
        assertThat(rib.lastPutAdded()).isFalse();
        assertThat(rib.paths(key)).hasSize(2);

        rib.remove(key, 3);
        assertThat(rib.lastRemoveFound()).isFalse();
        rib.remove(key, A.id());
        assertThat(rib.lastRemoveFound()).isTrue();
        rib.remove(key, A.id());
        assertThat(rib.lastRemoveFound()).isFalse();
        rib.remove(key, B.id());
        assertThat(rib.lastRemoveFound()).isTrue();
        assertThat(rib.size()).isZero();
        rib.remove(key, B.id());
        assertThat(rib.lastRemoveFound()).isFalse();
    }

    @Test
    void canonicalSharesOneRouteDistinguisherPerValue() {
        LocRib rib = new LocRib(AfiSafi.VPN_IPV4);
        VpnPrefix a = VpnPrefix.of(100, RouteDistinguisher.parse("65001:1"), ip("198.18.0.1"), 32);
        VpnPrefix b = VpnPrefix.of(101, RouteDistinguisher.parse("65001:1"), ip("198.18.0.2"), 32);
        VpnPrefix ca = (VpnPrefix) rib.canonical(a);
        VpnPrefix cb = (VpnPrefix) rib.canonical(b);
        assertThat(ca).isEqualTo(a);
        assertThat(cb).isEqualTo(b);
        assertThat(cb.rd()).isSameAs(ca.rd());
        assertThat(rib.canonical(ca)).isSameAs(ca);
    }
}
