package io.nvo3.bgp.speaker;

import static io.nvo3.bgp.speaker.TestRoutes.ip;
import static io.nvo3.bgp.speaker.TestRoutes.ipv4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.bgp.fsm.SessionState;
import io.nvo3.bgp.peers.ExaBgpPeer;
import io.nvo3.bgp.peers.Loopback;
import io.nvo3.bgp.peers.PeerFamily;
import io.nvo3.bgp.peers.PeerNeighbor;
import io.nvo3.bgp.wire.AfiSafi;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ExaBGP 4.2 feeds routes and malformed UPDATEs (built with its generic "attribute [code flags value]"). */
class SpeakerExaBgpIT {
    static final Duration UP = Duration.ofSeconds(40);

    @Test
    void takesAFeedAndAppliesRfc7606ToMalformedUpdates() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (ExaBgpPeer exa = ExaBgpPeer.create(65005, o -> {})) {
            exa.start(PeerNeighbor.of(us, port, SpeakerGoBgpIT.OUR_AS, PeerFamily.IPV4_UNICAST));
            try (BgpSpeaker s = SpeakerGoBgpIT.speaker(us, port, NeighborConfig.of(ip(exa.address()), exa.port(), 65005,
                    Set.of(AfiSafi.IPV4_UNICAST)).withLocalAddress(ip(us)).withHoldTime(9).withPassive(true))) {
                await().atMost(UP).untilAsserted(() ->
                        assertThat(s.neighbors().getFirst().state()).as(exa.log()).isEqualTo(SessionState.ESTABLISHED));

                // A feed of 2000 /30s from the underlay range.
                exa.send(IntStream.range(0, 2000).mapToObj(i -> "announce route 198.18." + (128 + i / 64) + "." + (i % 64 * 4)
                        + "/30 next-hop 198.18.0.5 med " + (i % 7)).toList());
                exa.announce("198.51.100.0/26", "198.18.0.5", "");
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.IPV4_UNICAST)).hasSize(2001));
                Instant up = s.neighbors().getFirst().establishedSince().orElseThrow();
                assertThat(s.neighbors().getFirst().accepted()).isEqualTo(2001);

                // RFC 7606 §7.4: a MULTI_EXIT_DISC whose length is not 4 -> treat-as-withdraw; the session stays up.
                exa.announce("198.51.100.0/26", "198.18.0.5", "attribute [0x04 0x80 0x0001]");
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.IPV4_UNICAST)).hasSize(2000)
                        .noneSatisfy(e -> assertThat(e.nlri()).isEqualTo(ipv4("198.51.100.0", 26))));
                assertThat(s.neighbors().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
                assertThat(s.neighbors().getFirst().establishedSince()).contains(up);

                // RFC 7606 §7.11 / §5.3: an MP_REACH_NLRI too short to name its AFI/SAFI -> session reset with an
                // UPDATE Message Error NOTIFICATION.
                exa.announce("198.51.100.64/26", "198.18.0.5", "attribute [0x0e 0x80 0x0001]");
                await().atMost(UP).untilAsserted(() -> {
                    NeighborStatus st = s.neighbors().getFirst();
                    assertThat(st.lastError()).hasValueSatisfying(e -> assertThat(e).contains("malformed UPDATE")
                            .contains("sent UPDATE_MESSAGE_ERROR/OPTIONAL_ATTRIBUTE_ERROR"));
                    assertThat(exa.log()).contains("closing connection");
                });
                // The neighbor's routes went with the session (no graceful restart configured).
                await().atMost(UP).untilAsserted(() -> assertThat(s.neighbors().getFirst().establishedSince())
                        .satisfiesAnyOf(o -> assertThat(o).isEmpty(), o -> assertThat(o.get()).isAfter(up)));
            }
        }
    }

    @Test
    void neighborExceedingItsPrefixLimitIsStoppedWithCeaseMaximumPrefixes() {
        String us = Loopback.address();
        int port = Loopback.freePort(us);
        try (ExaBgpPeer exa = ExaBgpPeer.create(65005, o -> {})) {
            exa.start(PeerNeighbor.of(us, port, SpeakerGoBgpIT.OUR_AS, PeerFamily.IPV4_UNICAST));
            try (BgpSpeaker s = SpeakerGoBgpIT.speaker(us, port, NeighborConfig.of(ip(exa.address()), exa.port(), 65005,
                    Set.of(AfiSafi.IPV4_UNICAST)).withLocalAddress(ip(us)).withHoldTime(9).withPassive(true).withMaxPrefixes(10))) {
                await().atMost(UP).untilAsserted(() ->
                        assertThat(s.neighbors().getFirst().state()).as(exa.log()).isEqualTo(SessionState.ESTABLISHED));
                exa.send(IntStream.range(0, 10).mapToObj(i -> "announce route 198.51.100." + (i * 4) + "/30 next-hop 198.18.0.5").toList());
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.IPV4_UNICAST)).hasSize(10));
                assertThat(s.neighbors().getFirst().state()).isEqualTo(SessionState.ESTABLISHED);
                exa.announce("198.51.100.128/30", "198.18.0.5", "");
                // RFC 4486 §4: Cease, subcode 1 "Maximum Number of Prefixes Reached".
                await().atMost(UP).untilAsserted(() -> assertThat(s.neighbors().getFirst().lastError())
                        .hasValueSatisfying(e -> assertThat(e).contains("sent CEASE/MAXIMUM_NUMBER_OF_PREFIXES_REACHED")));
                await().atMost(UP).untilAsserted(() -> assertThat(s.rib(AfiSafi.IPV4_UNICAST)).hasSizeLessThan(11));
            }
        }
    }
}
