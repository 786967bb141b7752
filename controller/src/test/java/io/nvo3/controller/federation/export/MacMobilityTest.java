package io.nvo3.controller.federation.export;

import static io.nvo3.controller.federation.Fixtures.DOMAIN_A;
import static io.nvo3.controller.federation.Fixtures.inState;
import static io.nvo3.controller.federation.Fixtures.running;
import static io.nvo3.controller.federation.Fixtures.v4;
import static io.nvo3.controller.federation.Fixtures.vn;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.controller.federation.VnRouting;
import io.nvo3.model.TenantSystemState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** RFC 7432 §15 across domains: the sequence rule, withdraw-on-higher, ties, duplicate MAC detection. */
class MacMobilityTest {
    static final String VN = "net-blue";
    static final VnRouting BLUE = vn(VN, 1000, DOMAIN_A, 1);
    static final String MAC = "fa:16:3e:00:00:01";
    static final MacAddress M = MacAddress.parse(MAC);
    static final MobilityMemory.Key KEY = new MobilityMemory.Key(VN, M);
    static final String HV1 = "198.18.0.11";
    static final String HV2 = "198.18.0.12";
    /** Another domain's VTEPs: one below ours, one above. */
    static final String LOW = "198.18.0.5";
    static final String HIGH = "198.18.0.50";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Runs decide and keeps the memory between calls, as the wiring does. */
    static final class Domain {
        Map<MobilityMemory.Key, MobilityMemory> memory = new HashMap<>();
        MacMobility.Settings settings = MacMobility.Settings.defaults();
        Instant now = T0;
        boolean importReady = true;
        final List<MobilityEvent> events = new ArrayList<>();

        MacMobility.Outcome step(List<LocalTenantSystem> local, Map<MacAddress, RemoteClaim> remote) {
            MacMobility.Outcome o = MacMobility.decide(VN, local, remote, memory, settings, now, importReady);
            memory = new HashMap<>(o.memory());
            events.addAll(o.events());
            return o;
        }

        /** The sequence the MAC's MAC/IP routes carry, empty when they are withdrawn or not exported. */
        Optional<Long> advertised(List<LocalTenantSystem> local, Map<MacAddress, RemoteClaim> remote) {
            return sequenceOf(EvpnExport.routes(BLUE, step(local, remote).tenantSystems()));
        }
    }

    static Optional<Long> sequenceOf(Set<ExportedRoute> routes) {
        return routes.stream().filter(r -> r.nlri() instanceof EvpnRoute.MacIpAdvertisement)
                .map(r -> r.extendedCommunities().stream()
                        .filter(c -> c instanceof ExtendedCommunity.MacMobility)
                        .map(c -> ((ExtendedCommunity.MacMobility) c).sequence()).findFirst().orElse(0L))
                .findFirst();
    }

    static Map<MacAddress, RemoteClaim> claim(long sequence, String vtep) {
        return Map.of(M, new RemoteClaim(sequence, v4(vtep)));
    }

    static List<LocalTenantSystem> at(String vtep, long localMoves) {
        return List.of(running("p1", MAC, vtep, localMoves));
    }

    @Test
    void aMacLearntHereWhileAnotherDomainAdvertisesItGetsTheHighestReceivedSequencePlusOne() {
        Domain b = new Domain();
        assertThat(b.advertised(at(HV1, 0), claim(2, LOW))).contains(3L);
        assertThat(b.events).singleElement().isInstanceOf(MobilityEvent.TakenOver.class);
    }

    @Test
    void theLocalMoveCountWinsWhenItIsHigherThanTheReceivedSequencePlusOne() {
        Domain b = new Domain();
        assertThat(b.advertised(at(HV1, 7), claim(2, LOW))).contains(7L);
    }

    @Test
    void theIncrementIsDecidedOnceAndStaysAcrossRecomputes() {
        Domain b = new Domain();
        assertThat(b.advertised(at(HV1, 0), claim(2, LOW))).contains(3L);
        // The other domain still advertises sequence 2 until it sees ours: no +1 per recompute.
        for (int i = 0; i < 10; i++) {
            assertThat(b.advertised(at(HV1, 0), claim(2, LOW))).contains(3L);
        }
        assertThat(b.advertised(at(HV1, 0), Map.of())).contains(3L);
        assertThat(b.events).hasSize(1);
    }

    @Test
    void aReceivedRouteWithAHigherSequenceWithdrawsOurMacIpRoutesButKeepsTheImet() {
        Domain a = new Domain();
        assertThat(a.advertised(at(HV1, 2), Map.of())).contains(2L);
        MacMobility.Outcome o = a.step(at(HV1, 2), claim(3, HIGH));
        Set<ExportedRoute> routes = EvpnExport.routes(BLUE, o.tenantSystems());
        assertThat(sequenceOf(routes)).isEmpty();
        assertThat(routes).singleElement().satisfies(r -> {
            assertThat(r.nlri()).isInstanceOf(EvpnRoute.InclusiveMulticast.class);
            assertThat(r.nextHop()).isEqualTo(v4(HV1));
        });
        assertThat(o.memory().get(KEY).withdrawn()).isTrue();
        assertThat(a.events).last().isInstanceOf(MobilityEvent.Withdrawn.class);
        // Stays withdrawn on later recomputes.
        assertThat(a.advertised(at(HV1, 2), claim(3, HIGH))).isEmpty();
    }

    @Test
    void aLowerReceivedSequenceDoesNotWithdrawOurRoute() {
        Domain a = new Domain();
        assertThat(a.advertised(at(HV1, 4), Map.of())).contains(4L);
        assertThat(a.advertised(at(HV1, 4), claim(3, LOW))).contains(4L);
    }

    @Test
    void onEqualSequencesTheLowerVtepWins() {
        Domain a = new Domain();
        assertThat(a.advertised(at(HV1, 2), Map.of())).contains(2L);
        // RFC 7432 §15: same sequence: the lowest IP address is selected.
        assertThat(a.advertised(at(HV1, 2), claim(2, HIGH))).contains(2L);
        assertThat(a.advertised(at(HV1, 2), claim(2, LOW))).isEmpty();
    }

    @Test
    void aWithdrawnMacIsAdvertisedAgainWhenTheWinnerGoesAwayButNotBeforeThePeersResentAfterARestart() {
        Domain a = new Domain();
        a.advertised(at(HV1, 2), Map.of());
        assertThat(a.advertised(at(HV1, 2), claim(3, HIGH))).isEmpty();
        a.importReady = false;
        assertThat(a.advertised(at(HV1, 2), Map.of())).isEmpty();
        a.importReady = true;
        assertThat(a.advertised(at(HV1, 2), Map.of())).contains(2L);
        assertThat(a.events).last().isInstanceOf(MobilityEvent.Readvertised.class);
    }

    @Test
    void aMacThatComesBackAfterMovingAwayOutbidsTheOtherDomainAgain() {
        Domain a = new Domain();
        assertThat(a.advertised(at(HV1, 2), Map.of())).contains(2L);
        assertThat(a.advertised(at(HV1, 2), claim(3, HIGH))).isEmpty();
        // The source stops (unplugged), then the VM comes back on the same hypervisor.
        assertThat(a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.SHUT_OFF)), claim(3, HIGH)))
                .isEmpty();
        assertThat(a.advertised(at(HV1, 2), claim(3, HIGH))).contains(4L);
        // The other domain, seeing 4 over its 3 with an unchanged attachment, withdraws (the other test); we keep 4.
        assertThat(a.advertised(at(HV1, 2), Map.of())).contains(4L);
    }

    @Test
    void aRebootAtTheSamePlaceWithoutAnyOtherClaimKeepsTheSequence() {
        Domain a = new Domain();
        assertThat(a.advertised(at(HV1, 0), claim(2, LOW))).contains(3L);
        assertThat(a.advertised(at(HV1, 0), Map.of())).contains(3L);
        a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.SHUT_OFF)), Map.of());
        assertThat(a.advertised(at(HV1, 0), Map.of())).contains(3L);
    }

    @Test
    void aMoveBetweenThisDomainsNvesCountsOneMoreThanTheRememberedSequence() {
        Domain a = new Domain();
        assertThat(a.advertised(at(HV1, 0), claim(2, LOW))).contains(3L);
        a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.MOVING)), Map.of());
        // The port's own count says 1; the remembered sequence 3 + 1 wins.
        assertThat(a.advertised(at(HV2, 1), Map.of())).contains(4L);
    }

    @Test
    void theFifthMoveWithinThreeMinutesMakesADuplicateMacThatIsNoLongerIncremented() {
        Domain a = new Domain();
        long remote = 0;
        // Ping-pong with another domain: each time we learn it back (re-plug), then lose it to a higher route.
        for (int i = 0; i < 3; i++) {
            a.now = T0.plusSeconds(10L * i);
            a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.SHUT_OFF)), claim(remote, HIGH));
            long ours = a.advertised(at(HV1, 0), claim(remote, HIGH)).orElseThrow();
            assertThat(ours).isEqualTo(remote + 1);
            remote = ours + 1;
            assertThat(a.advertised(at(HV1, 0), claim(remote, HIGH))).isEmpty();
        }
        assertThat(a.memory.get(KEY).duplicate()).isTrue(); // 3 take-overs + 2 withdrawals = 5 moves
        assertThat(a.events).filteredOn(e -> e instanceof MobilityEvent.Duplicate).singleElement()
                .satisfies(e -> {
                    MobilityEvent.Duplicate d = (MobilityEvent.Duplicate) e;
                    assertThat(d.moves()).isEqualTo(5);
                    assertThat(d.localVtep()).contains(v4(HV1));
                    assertThat(d.remoteVtep()).contains(v4(HIGH));
                });
        // Learnt again: no +1 any more, so the other domain's higher route stays the winner.
        a.now = T0.plusSeconds(40);
        a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.SHUT_OFF)), claim(remote, HIGH));
        assertThat(a.advertised(at(HV1, 0), claim(remote, HIGH))).isEmpty();
        // Three quiet minutes later the duplicate state ends and the next local learning outbids again.
        a.now = a.now.plus(Duration.ofSeconds(181));
        a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.SHUT_OFF)), claim(remote, HIGH));
        assertThat(a.advertised(at(HV1, 0), claim(remote, HIGH))).contains(remote + 1);
        assertThat(a.memory.get(KEY).duplicate()).isFalse();
    }

    @Test
    void movesSpreadOverMoreThanTheWindowAreNotADuplicate() {
        Domain a = new Domain();
        long remote = 0;
        for (int i = 0; i < 6; i++) {
            a.now = T0.plus(Duration.ofSeconds(100L * i));
            a.advertised(List.of(inState("p1", MAC, HV1, TenantSystemState.SHUT_OFF)), claim(remote, HIGH));
            remote = a.advertised(at(HV1, 0), claim(remote, HIGH)).orElseThrow() + 1;
            assertThat(a.advertised(at(HV1, 0), claim(remote, HIGH))).isEmpty();
        }
        assertThat(a.events).noneMatch(e -> e instanceof MobilityEvent.Duplicate);
    }

    @Test
    void theMemoryOfAMacNoPortClaimsAnyMoreIsForgotten() {
        Domain a = new Domain();
        a.advertised(at(HV1, 0), Map.of());
        assertThat(a.memory).containsKey(KEY);
        a.step(List.of(), Map.of());
        assertThat(a.memory).isEmpty();
    }

    // ------------------------------------------------------------------ property

    record Input(boolean local, String vtep, long localMoves, Optional<RemoteClaim> remote, boolean importReady) {}

    @Provide
    Arbitrary<List<Input>> histories() {
        Arbitrary<Input> one = net.jqwik.api.Combinators.combine(Arbitraries.of(true, true, false),
                Arbitraries.of(HV1, HV2), Arbitraries.longs().between(0, 5),
                Arbitraries.longs().between(0, 12).optional(0.6), Arbitraries.of(HIGH, LOW),
                Arbitraries.of(true, true, false))
                .as((local, vtep, moves, seq, rv, ready) -> new Input(local, vtep, moves,
                        seq.map(s -> new RemoteClaim(s, v4(rv))), ready));
        return one.list().ofMinSize(1).ofMaxSize(25);
    }

    /**
     * Whatever happened before, a recompute with unchanged inputs changes nothing (no flapping), and an advertised
     * MAC is never beaten by the remote route it was decided against.
     */
    @Property(tries = 300)
    void aRecomputeWithUnchangedInputsIsStableAndAnAdvertisedMacIsNeverBeaten(
            @ForAll("histories") List<Input> history) {
        Domain d = new Domain();
        int i = 0;
        for (Input in : history) {
            d.now = T0.plusSeconds(i++);
            d.importReady = in.importReady();
            List<LocalTenantSystem> local = in.local() ? at(in.vtep(), in.localMoves())
                    : List.of(inState("p1", MAC, in.vtep(), TenantSystemState.SHUT_OFF));
            Map<MacAddress, RemoteClaim> remote = in.remote().map(r -> Map.of(M, r)).orElse(Map.of());
            Optional<Long> first = d.advertised(local, remote);
            Map<MobilityMemory.Key, MobilityMemory> memory = d.memory;
            int events = d.events.size();
            assertThat(d.advertised(local, remote)).isEqualTo(first);
            assertThat(d.memory).isEqualTo(memory);
            assertThat(d.events).hasSize(events);
            first.ifPresent(seq -> in.remote().ifPresent(r -> {
                if (!d.memory.get(KEY).duplicate()) {
                    assertThat(r.beats(seq, v4(in.vtep()))).as("%s beats %d", r, seq).isFalse();
                }
            }));
        }
    }
}
