package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE2;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.fake.Egress;
import io.nvo3.fib.fake.FakePipeline;
import io.nvo3.fib.fake.Packet;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibClass;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.RemoteMac;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** net-a in pull and hybrid mode: vm1 (port 1), vm2 (port 2) on nve1, vm3 (port 1) on nve2. */
class PullModeTest {
    private static final Egress VM1 = new Egress.Local(1);
    private static final Egress VM2 = new Egress.Local(2);
    private static final Egress TO_NVE2 = new Egress.Tunnel(100, NVE2.vtep());

    private static FakePipeline nve1(FibInput input, FlowEntry... pulled) {
        NveState s = Fib.compute(input).get("nve1");
        List<FlowEntry> flows = new ArrayList<>(s.flows().values());
        flows.addAll(List.of(pulled));
        return FakePipeline.load(NveState.of("nve1", flows, s.groups().values()), Topo.TUNNEL);
    }

    private static Topo.Builder pull() {
        return new Topo.Builder().mode(NET_A, FibMode.PULL);
    }

    private static RuleKind rule(FibInput input, Set<Egress> out) {
        assertThat(out).hasSize(1).first().isInstanceOf(Egress.Controller.class);
        long cookie = ((Egress.Controller) out.iterator().next()).cookie();
        assertThat(Pull.vnOfPacketIn(input, cookie).map(v -> v.id())).contains("net-a");
        return Fib.compute(input).get("nve1").trace(cookie).orElseThrow().rule();
    }

    @Test
    void unicastToAVmOnAnotherNveGoesToTheControllerAsAPullMiss() {
        FibInput input = pull().build();

        Set<Egress> out = nve1(input).process(Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3"), 1);

        assertThat(rule(input, out)).isEqualTo(RuleKind.PULL_MISS);
    }

    @Test
    void localDestinationsStayPushedInPullMode() {
        assertThat(nve1(pull().build()).process(Packet.ipv4(mac(1), mac(2), "203.0.113.1", "203.0.113.2"), 1))
                .containsExactly(VM2);
    }

    @Test
    void arpRequestsFromLocalPortsArePuntedButOtherBroadcastStillFloods() {
        FibInput input = pull().build();
        FakePipeline nve1 = nve1(input);

        assertThat(rule(input, nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.2"), 1)))
                .isEqualTo(RuleKind.PULL_MISS);
        assertThat(nve1.process(Packet.dhcpDiscover(mac(1)), 1)).containsExactlyInAnyOrder(VM2, TO_NVE2);
    }

    @Test
    void framesFromTheOverlayAreNeverPunted() {
        FakePipeline nve1 = nve1(pull().build());

        assertThat(nve1.fromTunnel(Packet.ipv4(mac(3), mac(1), "203.0.113.3", "203.0.113.1"), 100))
                .containsExactly(VM1);
        assertThat(nve1.fromTunnel(Packet.arpRequest(mac(3), "203.0.113.3", "203.0.113.1"), 100))
                .containsExactlyInAnyOrder(VM1, VM2);
        assertThat(nve1.fromTunnel(Packet.ipv4(mac(3), mac(9), "203.0.113.3", "203.0.113.9"), 100))
                .containsExactlyInAnyOrder(VM1, VM2);
    }

    @Test
    void theResolvedEntryCarriesTheNextFrameStraightIntoTheTunnelAndExpiresWhenIdle() {
        FibInput input = pull().build();

        PullResult.Forward fwd = (PullResult.Forward) Pull.resolve(input, "nve1", "net-a",
                new PullQuery.UnicastMiss(mac(3)));

        assertThat(fwd.install()).singleElement().satisfies(f -> {
            assertThat(f.idleTimeout()).isEqualTo(60);
            assertThat(f.hardTimeout()).isZero();
            assertThat(Fib.compute(input).get("nve1").trace(f.cookie()).orElseThrow().rule()).isEqualTo(RuleKind.PULL_L2);
        });
        assertThat(nve1(input, fwd.install().getFirst())
                .process(Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3"), 1)).containsExactly(TO_NVE2);
    }

    @Test
    void hybridPushesLatencySensitiveDestinationsAndPullsTheRest() {
        Topo.Builder b = new Topo.Builder().mode(NET_A, FibMode.HYBRID);
        b.macs.add(Topo.bgpMac(NET_A, 77, "198.18.9.9", 100));
        FibInput standard = b.build();
        FibInput sensitive = b.fibClass("vm3", FibClass.LATENCY_SENSITIVE).build();
        Packet toVm3 = Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3");
        Packet toBgp = Packet.ipv4(mac(1), mac(77), "203.0.113.1", "203.0.113.77");

        assertThat(rule(standard, nve1(standard).process(toVm3, 1))).isEqualTo(RuleKind.PULL_MISS);
        assertThat(nve1(sensitive).process(toVm3, 1)).containsExactly(TO_NVE2);
        assertThat(rule(sensitive, nve1(sensitive).process(toBgp, 1))).isEqualTo(RuleKind.PULL_MISS);
        assertThat(Pull.resolve(sensitive, "nve1", "net-a", new PullQuery.UnicastMiss(mac(3))))
                .isEqualTo(new PullResult.Forward(List.of(), List.of(new io.nvo3.fib.flow.Action.SetTunnelId(100),
                        new io.nvo3.fib.flow.Action.SetTunnelIpv4Dst(NVE2.vtep()),
                        new io.nvo3.fib.flow.Action.Output(Topo.TUNNEL))));
    }

    @Test
    void hybridAnswersArpForAKnownAddressInTheDatapath() {
        FakePipeline nve1 = nve1(new Topo.Builder().mode(NET_A, FibMode.HYBRID).build());

        Set<Egress> out = nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.3"), 1);

        // RFC 826: the reply goes back out of the port the request came in on, sender and target swapped.
        assertThat(out).containsExactly(VM1);
        Packet reply = nve1.emitted(VM1);
        assertThat(reply.ethSrc()).isEqualTo(mac(3));
        assertThat(reply.ethDst()).isEqualTo(mac(1));
        assertThat(reply.arpOp()).isEqualTo(2);
        assertThat(reply.arpSha()).isEqualTo(mac(3));
        assertThat(reply.arpSpa()).isEqualTo(IpAddresses.parseV4("203.0.113.3"));
        assertThat(reply.arpTha()).isEqualTo(mac(1));
        assertThat(reply.arpTpa()).isEqualTo(IpAddresses.parseV4("203.0.113.1"));
    }

    @Test
    void hybridAnswersForBgpMacIpRoutesAndFloodsUnknownOrAmbiguousAddresses() {
        Topo.Builder b = new Topo.Builder().mode(NET_A, FibMode.HYBRID);
        b.macs.add(new RemoteMac("net-a", mac(77), Optional.of(IpAddresses.parse("203.0.113.77")),
                IpAddresses.parseV4("198.18.9.9"), 100));
        b.macs.add(new RemoteMac("net-a", mac(78), Optional.of(IpAddresses.parse("203.0.113.3")),
                IpAddresses.parseV4("198.18.9.9"), 100));
        FakePipeline nve1 = nve1(b.build());

        assertThat(nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.77"), 1)).containsExactly(VM1);
        assertThat(nve1.emitted(VM1).arpSha()).isEqualTo(mac(77));
        // 203.0.113.3 is claimed by vm3 and by a BGP route: only the owners can tell
        assertThat(nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.3"), 1))
                .containsExactlyInAnyOrder(VM2, TO_NVE2);
        assertThat(nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.9"), 1))
                .contains(VM2, TO_NVE2).doesNotContain(VM1);
    }

    @Test
    void hybridNeverAnswersAnOwnerAskingForItsOwnAddress() {
        FakePipeline nve1 = nve1(new Topo.Builder().mode(NET_A, FibMode.HYBRID).build());

        // RFC 5227 probe and announcement from vm1 for 203.0.113.1 flood to the others
        assertThat(nve1.process(Packet.arpRequest(mac(1), "0.0.0.0", "203.0.113.1"), 1))
                .containsExactlyInAnyOrder(VM2, TO_NVE2);
        assertThat(nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.1"), 1))
                .containsExactlyInAnyOrder(VM2, TO_NVE2);
        // while vm2 asking for it is answered
        assertThat(nve1.process(Packet.arpRequest(mac(2), "203.0.113.2", "203.0.113.1"), 2)).containsExactly(VM2);
        assertThat(nve1.emitted(VM2).arpSha()).isEqualTo(mac(1));
    }

    @Test
    void pushModeHasNoPullOrResponderRules() {
        NveState s = Fib.compute(new Topo.Builder().build()).get("nve1");

        assertThat(s.cookies().values()).noneMatch(t -> t.rule() == RuleKind.PULL_MISS
                || t.rule() == RuleKind.ARP_RESPONDER || t.rule() == RuleKind.PULL_L2);
    }

}
