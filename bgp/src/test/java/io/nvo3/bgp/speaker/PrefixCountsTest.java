package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.macIp;
import static io.nvo3.bgp.speaker.TestRoutes.vxlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-family received / accepted / advertised counters of a neighbor (gobgp's "Route statistics") between two of
 * our speakers on loopback: under withdraws, implicit replace, import-policy rejection, max-prefix, session reset and
 * graceful-restart stale marking, each family's counters match what the RIBs hold and the totals are their sums.
 */
class PrefixCountsTest {
    static final Duration UP = Duration.ofSeconds(20);
    static final AfiSafi V4 = AfiSafi.IPV4_UNICAST;
    static final AfiSafi VPN = AfiSafi.VPN_IPV4;
    static final AfiSafi EVPN = AfiSafi.L2VPN_EVPN;
    static final Set<AfiSafi> FAMILIES = Set.of(V4, VPN, EVPN);

    record Routes(List<Nlri> v4, List<Nlri> vpn, List<Nlri> evpn) {
        static Routes of(int n4, int nVpn, int nEvpn) {
            List<Nlri> v4 = new ArrayList<>();
            List<Nlri> vpn = new ArrayList<>();
            List<Nlri> evpn = new ArrayList<>();
            for (int i = 0; i < Math.max(n4, Math.max(nVpn, nEvpn)); i++) {
                String host = "198.18.9." + (i + 1);
                if (i < n4) v4.add(TestRoutes.ipv4(host, 32));
                if (i < nVpn) vpn.add(TestRoutes.vpnv4("65001:1", host, 32, 1000 + i));
                if (i < nEvpn) evpn.add(macIp("65001:10", String.format("02:00:00:00:09:%02x", i), host, 10000 + i));
            }
            return new Routes(v4, vpn, evpn);
        }

        void originate(BgpSpeaker s) {
            v4.forEach(n -> s.originate(V4, n, List.of(), ip("198.18.0.1")));
            vpn.forEach(n -> s.originate(VPN, n, TestRoutes.rt("65001:1"), ip("198.18.0.1")));
            evpn.forEach(n -> s.originate(EVPN, n, vxlan("65001:10"), ip("198.18.0.1")));
        }
    }

    static void assertFamily(NeighborStatus st, AfiSafi f, long received, long accepted, long advertised) {
        assertThat(st.family(f)).as("%s counters", f).isEqualTo(new NeighborStatus.FamilyCounts(received, accepted, advertised));
    }

    static void assertTotalsAreSums(NeighborStatus st) {
        assertThat(st.families().keySet()).containsExactlyInAnyOrderElementsOf(FAMILIES);
        assertThat(st.received()).isEqualTo(st.families().values().stream().mapToLong(NeighborStatus.FamilyCounts::received).sum());
        assertThat(st.accepted()).isEqualTo(st.families().values().stream().mapToLong(NeighborStatus.FamilyCounts::accepted).sum());
        assertThat(st.advertised()).isEqualTo(st.families().values().stream().mapToLong(NeighborStatus.FamilyCounts::advertised).sum());
    }

    @Test
    void countsFollowWithdrawsReplacesRejectionsAndSessionResets() throws Exception {
        try (SpeakerPair p = SpeakerPair.start(65001, 65002)) {
            BgpSpeaker sa = p.sa;
            BgpSpeaker sb = p.sb;
            Routes r = Routes.of(10, 6, 4);
            r.originate(sa);
            p.peer(FAMILIES, c -> c.withHoldTime(30), c -> c.withHoldTime(30));
            await().atMost(UP).untilAsserted(() -> {
                NeighborStatus rcv = sb.neighbors().getFirst();
                assertFamily(rcv, V4, 10, 10, 0);
                assertFamily(rcv, VPN, 6, 6, 0);
                assertFamily(rcv, EVPN, 4, 4, 0);
                assertTotalsAreSums(rcv);
                NeighborStatus snd = sa.neighbors().getFirst();
                assertFamily(snd, V4, 0, 0, 10);
                assertFamily(snd, VPN, 0, 0, 6);
                assertFamily(snd, EVPN, 0, 0, 4);
                assertTotalsAreSums(snd);
            });

            // Implicit replace: the same NLRI with other attributes count once.
            r.v4().forEach(n -> sa.originate(V4, n, List.of(new PathAttribute.MultiExitDisc(7)), ip("198.18.0.1")));
            await().atMost(UP).until(() -> sb.rib(V4).stream().allMatch(e -> e.best().med() == 7));
            assertFamily(sb.neighbors().getFirst(), V4, 10, 10, 0);
            assertFamily(sa.neighbors().getFirst(), V4, 0, 0, 10);

            // Withdraws in two families.
            for (int i = 0; i < 3; i++) sa.withdraw(V4, r.v4().get(i));
            for (int i = 0; i < 2; i++) sa.withdraw(EVPN, r.evpn().get(i));
            await().atMost(UP).untilAsserted(() -> {
                assertFamily(sb.neighbors().getFirst(), V4, 7, 7, 0);
                assertFamily(sb.neighbors().getFirst(), EVPN, 2, 2, 0);
                assertFamily(sa.neighbors().getFirst(), V4, 0, 0, 7);
                assertFamily(sa.neighbors().getFirst(), EVPN, 0, 0, 2);
                assertTotalsAreSums(sb.neighbors().getFirst());
            });

            // Import policy: an AS path holding the receiver's AS is a loop: received, not accepted.
            var looped = TestRoutes.vpnv4("65001:1", "198.18.8.1", 32, 2000);
            sa.originate(VPN, looped, List.of(new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65002))),
                    TestRoutes.rt("65001:1").getFirst()), ip("198.18.0.1"));
            await().atMost(UP).untilAsserted(() -> assertFamily(sb.neighbors().getFirst(), VPN, 7, 6, 0));
            assertTotalsAreSums(sb.neighbors().getFirst());
            // ... and the rejected one withdrawn leaves the Adj-RIB-In.
            sa.withdraw(VPN, looped);
            await().atMost(UP).untilAsserted(() -> assertFamily(sb.neighbors().getFirst(), VPN, 6, 6, 0));

            // Session reset: the receiver drops the neighbor and takes it back; everything is counted again once.
            sb.removeNeighbor(ip(p.a));
            await().atMost(UP).untilAsserted(() -> assertThat(sa.neighbors().getFirst().state()).isNotEqualTo(SessionState.ESTABLISHED));
            assertThat(sa.neighbors().getFirst().advertised()).isZero();
            sb.addNeighbor(NeighborConfig.of(ip(p.a), p.pa, 65001, FAMILIES).withLocalAddress(ip(p.b)).withHoldTime(30).withPassive(true));
            await().atMost(UP).untilAsserted(() -> {
                NeighborStatus rcv = sb.neighbors().getFirst();
                assertFamily(rcv, V4, 7, 7, 0);
                assertFamily(rcv, VPN, 6, 6, 0);
                assertFamily(rcv, EVPN, 2, 2, 0);
                assertFamily(sa.neighbors().getFirst(), VPN, 0, 0, 6);
                assertTotalsAreSums(sa.neighbors().getFirst());
            });

            // A route refresh re-sends the family without counting it twice.
            sb.requestRefresh(ip(p.a), VPN);
            await().during(Duration.ofMillis(500)).atMost(UP)
                    .untilAsserted(() -> assertFamily(sa.neighbors().getFirst(), VPN, 0, 0, 6));
        }
    }

    @Test
    void maxPrefixResetsTheSessionAndTheCounts() throws Exception {
        try (SpeakerPair p = SpeakerPair.start(65001, 65002)) {
            BgpSpeaker sa = p.sa;
            BgpSpeaker sb = p.sb;
            Routes.of(3, 3, 0).originate(sa);
            p.peer(FAMILIES, c -> c.withHoldTime(30).withConnectRetry(Duration.ofSeconds(60)),
                    c -> c.withHoldTime(30).withMaxPrefixes(8));
            await().atMost(UP).untilAsserted(() -> assertFamily(sb.neighbors().getFirst(), VPN, 3, 3, 0));
            Routes more = Routes.of(0, 0, 3);
            more.originate(sa);
            await().atMost(UP).untilAsserted(() -> assertThat(sb.neighbors().getFirst().lastError())
                    .hasValueSatisfying(e -> assertThat(e).contains("prefixes")));
            NeighborStatus rcv = sb.neighbors().getFirst();
            for (AfiSafi f : FAMILIES) {
                assertFamily(rcv, f, 0, 0, 0);
            }
            assertTotalsAreSums(rcv);
        }
    }

    @Test
    void gracefulRestartStaleRoutesStayCountedUntilSwept() throws Exception {
        String a = Loopback.address();
        String b = Loopback.address();
        int pa = Loopback.freePort(a);
        int pb = Loopback.freePort(b);
        try (BgpSpeaker sb = BgpSpeaker.start(SpeakerPair.config(65002, "198.19.1.2", b, pb))) {
            sb.addNeighbor(NeighborConfig.of(ip(a), pa, 65001, FAMILIES).withLocalAddress(ip(b)).withHoldTime(30).withPassive(true)
                    .withGracefulRestart(true));
            BgpSpeaker sa = BgpSpeaker.start(SpeakerPair.config(65001, "198.19.1.1", a, pa));
            Routes.of(5, 4, 3).originate(sa);
            sa.addNeighbor(NeighborConfig.of(ip(b), pb, 65002, FAMILIES).withLocalAddress(ip(a)).withHoldTime(30)
                    .withGracefulRestart(true));
            await().atMost(UP).untilAsserted(() -> assertFamily(sb.neighbors().getFirst(), EVPN, 3, 3, 0));
            sa.abort();
            // RFC 4724 §4.2: the helper keeps the routes, marked stale; they are still held, so still counted.
            await().atMost(UP).untilAsserted(() -> assertThat(sb.neighbors().getFirst().state()).isNotEqualTo(SessionState.ESTABLISHED));
            assertThat(sb.rib(V4)).hasSize(5).allMatch(RibEntry::stale);
            NeighborStatus held = sb.neighbors().getFirst();
            assertFamily(held, V4, 5, 5, 0);
            assertFamily(held, VPN, 4, 4, 0);
            assertFamily(held, EVPN, 3, 3, 0);
            // The neighbor comes back with fewer routes; End-of-RIB sweeps the stale rest.
            try (BgpSpeaker again = BgpSpeaker.start(SpeakerPair.config(65001, "198.19.1.1", a, pa))) {
                Routes.of(2, 4, 1).originate(again);
                again.addNeighbor(NeighborConfig.of(ip(b), pb, 65002, FAMILIES).withLocalAddress(ip(a)).withHoldTime(30)
                        .withGracefulRestart(true));
                await().atMost(UP).untilAsserted(() -> {
                    NeighborStatus rcv = sb.neighbors().getFirst();
                    assertFamily(rcv, V4, 2, 2, 0);
                    assertFamily(rcv, VPN, 4, 4, 0);
                    assertFamily(rcv, EVPN, 1, 1, 0);
                    assertTotalsAreSums(rcv);
                });
                assertThat(sb.rib(V4)).hasSize(2);
            }
        }
    }
}
