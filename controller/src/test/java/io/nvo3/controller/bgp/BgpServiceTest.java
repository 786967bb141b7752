package io.nvo3.controller.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service around a real in-process speaker, peering with a second one over loopback. */
class BgpServiceTest {
    static final Duration UP = Duration.ofSeconds(20);

    static InetAddress ip(String s) {
        return BgpConfigParser.ipLiteral(s).orElseThrow();
    }

    static BgpSettings settings(long asn, String address, List<NeighborSpec> neighbors) {
        return new BgpSettings(asn, (Inet4Address) ip("198.19.0." + address.substring(address.lastIndexOf('.') + 1)),
                Optional.of(new InetSocketAddress(ip(address), 0)), neighbors, Duration.ofSeconds(120));
    }

    static NeighborSpec neighbor(String address, int port, long as, boolean passive, String local) {
        return new NeighborSpec(ip(address), port, as, List.of(BgpFamily.L2VPN_EVPN, BgpFamily.RTC), passive, 9, true,
                Optional.of(ip(local)), false, false, 0, Optional.empty(), Optional.empty(), Duration.ofMillis(200));
    }

    static List<String> rtc(BgpService s) {
        return s.rib(BgpFamily.RTC).stream().filter(r -> r.peer().isEmpty()).map(RibRoute::prefix).toList();
    }

    @Test
    void announcesTheDefaultRtMembershipUntilImportTargetsAreKnown() {
        try (BgpService peer = BgpService.start(settings(65002, "127.0.0.2", List.of(neighbor("127.0.0.1", 179, 65001, true, "127.0.0.2"))),
                new SimpleMeterRegistry(), Clock.systemUTC());
             BgpService local = BgpService.start(settings(65001, "127.0.0.1", List.of(neighbor("127.0.0.2",
                     peer.listenAddress().orElseThrow().getPort(), 65002, false, "127.0.0.1"))), new SimpleMeterRegistry(), Clock.systemUTC())) {
            await().atMost(UP).untilAsserted(() -> {
                assertThat(local.neighbors()).singleElement().extracting(NeighborView::state).isEqualTo(SessionState.ESTABLISHED);
                assertThat(peer.rib(BgpFamily.RTC)).extracting(RibRoute::prefix).contains("default");
            });
            assertThat(rtc(local)).containsExactly("default");

            local.setImportTargets(Set.of(ExtendedCommunity.RouteTarget.parse("65002:10")));
            assertThat(rtc(local)).containsExactly("65001:rt:65002:10");
            await().atMost(UP).untilAsserted(() -> assertThat(peer.rib(BgpFamily.RTC)).filteredOn(r -> r.peer().isPresent())
                    .extracting(RibRoute::prefix).containsExactly("65001:rt:65002:10"));

            local.setImportTargets(Set.of());
            assertThat(rtc(local)).containsExactly("default");
        }
    }

    @Test
    void refusesDuplicateAndUnknownNeighbors() {
        try (BgpService s = BgpService.start(settings(65001, "127.0.0.1", List.of()), new SimpleMeterRegistry(), Clock.systemUTC())) {
            NeighborView added = s.addNeighbor(neighbor("127.0.0.9", 1790, 65009, true, "127.0.0.1"));
            assertThat(added.spec().port()).isEqualTo(1790);
            assertThat(s.neighbor(ip("127.0.0.9"))).isPresent();
            assertThatThrownBy(() -> s.addNeighbor(neighbor("127.0.0.9", 179, 65009, true, "127.0.0.1")))
                    .isInstanceOf(BgpServiceException.Conflict.class).hasMessage("BGP neighbor 127.0.0.9 already exists.");
            s.removeNeighbor(ip("127.0.0.9"));
            assertThat(s.neighbors()).isEmpty();
            assertThatThrownBy(() -> s.removeNeighbor(ip("127.0.0.9")))
                    .isInstanceOf(BgpServiceException.NotFound.class).hasMessage("BGP neighbor 127.0.0.9 could not be found.");
        }
    }

    @Test
    void aTakenListenAddressIsAConfigErrorOnBgpListen() {
        try (BgpService first = BgpService.start(settings(65001, "127.0.0.1", List.of()), new SimpleMeterRegistry(), Clock.systemUTC())) {
            InetSocketAddress taken = first.listenAddress().orElseThrow();
            BgpSettings same = new BgpSettings(65001, (Inet4Address) ip("198.19.0.1"), Optional.of(taken), List.of(), Duration.ofSeconds(120));
            assertThatThrownBy(() -> BgpService.start(same, new SimpleMeterRegistry(), Clock.systemUTC()))
                    .isInstanceOfSatisfying(BgpConfigException.class, e -> {
                        assertThat(e.path()).isEqualTo("bgp.listen");
                        assertThat(e.getMessage()).startsWith("bgp.listen: cannot listen on 127.0.0.1:" + taken.getPort() + ": ");
                    });
        }
    }

    @Test
    void withoutASectionEveryCallSaysBgpIsNotConfigured() {
        try (BgpService off = BgpService.start(null, new SimpleMeterRegistry())) {
            assertThat(off.configured()).isFalse();
            assertThat(off.speaker()).isEmpty();
            assertThatThrownBy(off::neighbors).isInstanceOf(BgpServiceException.NotConfigured.class)
                    .hasMessageStartingWith("BGP is not configured");
            assertThatThrownBy(() -> off.rib(BgpFamily.L2VPN_EVPN)).isInstanceOf(BgpServiceException.NotConfigured.class);
        }
    }
}
