package io.nvo3.api.bgp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.controller.bgp.BgpConfigParser;
import io.nvo3.controller.bgp.BgpFamily;
import io.nvo3.controller.bgp.BgpService;
import io.nvo3.controller.bgp.BgpSettings;
import io.nvo3.controller.bgp.NeighborSpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Two in-process BGP services on loopback: "local" (AS 65001 on 127.0.0.1, the one under test) and a
 * passive eBGP "peer" (AS 65002 on 127.0.0.2) that originates routes.
 */
final class BgpTestPeers implements AutoCloseable {
    final BgpService peer;
    final BgpService local;

    static InetAddress ip(String s) {
        return BgpConfigParser.ipLiteral(s).orElseThrow();
    }

    BgpTestPeers(MeterRegistry meters) {
        NeighborSpec toLocal = spec(ip("127.0.0.1"), 179, 65001, true, Optional.of(ip("127.0.0.2")));
        peer = BgpService.start(new BgpSettings(65002, (Inet4Address) ip("198.19.0.2"),
                Optional.of(new InetSocketAddress(ip("127.0.0.2"), 0)), List.of(toLocal), Duration.ofSeconds(120)),
                new SimpleMeterRegistry(), Clock.systemUTC());
        try {
            int peerPort = peer.listenAddress().orElseThrow().getPort();
            local = BgpService.start(new BgpSettings(65001, (Inet4Address) ip("198.19.0.254"),
                    Optional.of(new InetSocketAddress(ip("127.0.0.1"), 0)),
                    List.of(spec(ip("127.0.0.2"), peerPort, 65002, false, Optional.of(ip("127.0.0.1")))), Duration.ofSeconds(120)),
                    meters, Clock.systemUTC());
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    static NeighborSpec spec(InetAddress address, int port, long as, boolean passive, Optional<InetAddress> local) {
        return new NeighborSpec(address, port, as, List.of(BgpFamily.L2VPN_EVPN, BgpFamily.IPV4_VPN), passive, 9, true, local,
                false, false, 0, Optional.of("test peer"), Optional.empty(), Duration.ofMillis(200));
    }

    static Nlri macIp(String rd, String mac, String ip, int vni) {
        return new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RouteDistinguisher.parse(rd), Esi.ZERO, 0, MacAddress.parse(mac),
                Optional.of(ip(ip)), Labels.vni(vni), OptionalInt.empty());
    }

    /** The peer announces a MAC/IP route with RT, VXLAN encapsulation and MAC mobility sequence 5. */
    void peerAnnouncesMac() {
        peer.speaker().orElseThrow().originate(AfiSafi.L2VPN_EVPN, macIp("65002:10", "aa:bb:cc:00:00:01", "203.0.113.1", 10010),
                List.of(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65002:10"),
                        ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN), new ExtendedCommunity.MacMobility(false, 5)))),
                ip("198.18.0.2"));
    }

    @Override
    public void close() {
        try {
            local.close();
        } finally {
            peer.close();
        }
    }
}
