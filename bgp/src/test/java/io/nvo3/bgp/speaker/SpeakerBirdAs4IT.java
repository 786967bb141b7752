package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.ipv4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.peers.BirdPeer;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.peers.PeerFamily;
import io.nvo3.bgp.peers.PeerNeighbor;
import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 6793 with an OLD speaker: BIRD 2 with {@code enable as4 off} between two of our speakers. A path holding a
 * 4-octet AS crosses BIRD (AS_TRANS in AS_PATH, the true path in AS4_PATH, both ways) and arrives whole at the
 * other speaker; BIRD's own route, from its 2-octet AS, arrives with its plain path.
 *
 * <p>Our speakers are in 2-octet ASes: BIRD 2.0 with {@code enable as4 off} still reads the AS of capability 65 in
 * the OPEN and rejects any above 65535 ("Bad peer AS: 4200000010"), while its config refuses a neighbor AS above
 * 65535 ("Neighbor AS number out of range (AS4 not available)"), so it cannot peer with a 4-octet-AS speaker at all.
 * The 4-octet AS is the origin of the path instead, as for a route learned from a 4-octet neighbor.
 */
class SpeakerBirdAs4IT {
    static final Duration UP = Duration.ofSeconds(40);
    static final long AS_A = 65010;
    static final long AS_B = 65020;
    static final long FOUR = 4_200_000_010L;
    static final long BIRD_AS = 65003;

    static BgpSpeaker speaker(long asn, String routerId, String addr, int port, BirdPeer bird) {
        return BgpSpeaker.start(SpeakerConfig.of(asn, (Inet4Address) ip(routerId), Optional.of(new InetSocketAddress(ip(addr), port)),
                List.of(NeighborConfig.of(ip(bird.address()), bird.port(), BIRD_AS, Set.of(AfiSafi.IPV4_UNICAST))
                        .withLocalAddress(ip(addr)).withHoldTime(9))));
    }

    static List<AsPathSegment> pathOf(BgpSpeaker s, String prefix, int len) {
        return s.rib(AfiSafi.IPV4_UNICAST).stream().filter(e -> e.nlri().equals(ipv4(prefix, len))).findFirst()
                .flatMap(e -> e.best().attribute(PathAttribute.AsPath.class)).map(PathAttribute.AsPath::segments).orElse(List.of());
    }

    @Test
    void fourOctetPathCrossesAnOldSpeakerIntact() {
        String a = Loopback.address();
        String b = Loopback.address();
        int pa = Loopback.freePort(a);
        int pb = Loopback.freePort(b);
        try (BirdPeer bird = BirdPeer.create(BIRD_AS, o -> o.as4(false).route4("198.51.100.128/25"))) {
            bird.start(PeerNeighbor.of(a, pa, AS_A, PeerFamily.IPV4_UNICAST), PeerNeighbor.of(b, pb, AS_B, PeerFamily.IPV4_UNICAST));
            try (BgpSpeaker sa = speaker(AS_A, "198.19.10.1", a, pa, bird);
                    BgpSpeaker sb = speaker(AS_B, "198.19.10.2", b, pb, bird)) {
                await().atMost(UP).untilAsserted(() -> {
                    assertThat(sa.neighbors().getFirst().state()).as(bird.log()).isEqualTo(SessionState.ESTABLISHED);
                    assertThat(sb.neighbors().getFirst().state()).as(bird.log()).isEqualTo(SessionState.ESTABLISHED);
                });
                // BIRD did not announce capability 65: both sessions are OLD ones.
                assertThat(sa.neighbors().getFirst().negotiated().orElseThrow().fourOctetAs()).isFalse();
                assertThat(sa.neighbors().getFirst().negotiated().orElseThrow().peerAs()).isEqualTo(BIRD_AS);

                // BIRD's route from its 2-octet AS: the plain path, no AS_TRANS, no AS4 attribute kept.
                await().atMost(UP).untilAsserted(() -> assertThat(pathOf(sa, "198.51.100.128", 25))
                        .containsExactly(AsPathSegment.sequence(BIRD_AS)));
                assertThat(sa.rib(AfiSafi.IPV4_UNICAST).getFirst().best().attribute(PathAttribute.As4Path.class)).isEmpty();

                // Ours, with 4-octet AS FOUR at its origin: BIRD reads the true path from AS4_PATH ...
                sa.originate(AfiSafi.IPV4_UNICAST, ipv4("203.0.113.0", 25), List.of(new PathAttribute.AsPath(
                        List.of(AsPathSegment.sequence(FOUR)))), ip("198.18.0.10"));
                await().atMost(UP).untilAsserted(() -> assertThat(bird.routes("master4")).as(bird.log())
                        .containsPattern("203\\.0\\.113\\.0/25[^/]*BGP\\.as_path: " + AS_A + " " + FOUR));
                // ... and speaker B, behind BIRD, rebuilds [65003 65010 4200000010] from AS_PATH [65003 65010 23456]
                // and the AS4_PATH BIRD passed on.
                await().atMost(UP).untilAsserted(() -> assertThat(pathOf(sb, "203.0.113.0", 25))
                        .containsExactly(AsPathSegment.sequence(BIRD_AS, AS_A, FOUR)));
                var atB = sb.rib(AfiSafi.IPV4_UNICAST).stream().filter(e -> e.nlri().equals(ipv4("203.0.113.0", 25))).findFirst()
                        .orElseThrow().best();
                assertThat(atB.asPathLength()).isEqualTo(3);
                assertThat(atB.neighborAs()).isEqualTo(BIRD_AS);
                assertThat(atB.attribute(PathAttribute.As4Path.class)).isEmpty();
                assertThat(sb.neighbors().getFirst().accepted()).isEqualTo(2);
            }
        }
    }
}
