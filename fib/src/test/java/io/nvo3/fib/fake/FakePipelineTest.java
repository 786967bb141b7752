package io.nvo3.fib.fake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.MatchField;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake must be strict, or behaviour tests prove nothing. */
class FakePipelineTest {
    private static final MacAddress M = MacAddress.parse("02:00:00:00:00:01");

    private static NveState state(FlowEntry... flows) {
        return NveState.of("x", List.of(flows), List.of());
    }

    @Test
    void rejectsOverlappingFlowsAtOnePriority() {
        FlowEntry byPort = FlowEntry.of(0, 10, Match.builder().inPort(1).build(), List.of(), 0);
        FlowEntry byMac = FlowEntry.of(0, 10, Match.builder().ethSrc(M).build(), List.of(), 0);

        assertThatThrownBy(() -> FakePipeline.load(state(byPort, byMac), 99))
                .isInstanceOf(FakePipeline.Rejected.class).hasMessageContaining("overlapping");
    }

    @Test
    void acceptsDisjointFlowsAtOnePriorityAndOverlappingOnesAtDifferentPriorities() {
        FlowEntry port1 = FlowEntry.of(0, 10, Match.builder().inPort(1).build(), List.of(), 0);
        FlowEntry port2 = FlowEntry.of(0, 10, Match.builder().inPort(2).build(), List.of(), 0);
        FlowEntry all = FlowEntry.of(0, 0, Match.ALL, List.of(), 0);

        assertThat(FakePipeline.load(state(port1, port2, all), 99).tables().get(0)).hasSize(3);
    }

    @Test
    void rejectsAMaskedMatchThatOverlapsAnExactOne() {
        FlowEntry multicast = FlowEntry.of(40, 5, Match.builder()
                .ethDst(MacAddress.MULTICAST_BIT, MacAddress.MULTICAST_BIT).build(), List.of(), 0);
        FlowEntry broadcast = FlowEntry.of(40, 5, Match.builder().ethDst(MacAddress.BROADCAST).build(), List.of(), 0);

        assertThatThrownBy(() -> FakePipeline.load(state(multicast, broadcast), 99))
                .isInstanceOf(FakePipeline.Rejected.class);
    }

    @Test
    void rejectsAReferenceToAMissingGroup() {
        FlowEntry toGroup = FlowEntry.of(50, 1, Match.ALL,
                List.of(new Instruction.ApplyActions(List.of(new Action.Group(7)))), 0);

        assertThatThrownBy(() -> FakePipeline.load(state(toGroup), 99)).hasMessageContaining("missing group 7");
    }

    @Test
    void rejectsAGotoToAnUnknownTable() {
        FlowEntry toNowhere = FlowEntry.of(0, 1, Match.ALL, List.of(new Instruction.GotoTable(15)), 0);

        assertThatThrownBy(() -> FakePipeline.load(state(toNowhere), 99)).hasMessageContaining("bad goto");
    }

    @Test
    void flowEntriesRefuseAGotoToAnEarlierTable() {
        assertThatThrownBy(() -> FlowEntry.of(40, 1, Match.ALL, List.of(new Instruction.GotoTable(10)), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesRefuseFieldsWithoutTheirPrerequisite() {
        assertThatThrownBy(() -> Match.builder().arpSha(M).build()).hasMessageContaining("prerequisite");
        assertThatThrownBy(() -> Match.builder().ethType(0x0800).udpSrc(68).build())
                .hasMessageContaining("prerequisite");
    }

    @Test
    void aTableMissDropsAndOutputToTheInPortIsSuppressed() {
        FlowEntry flood = FlowEntry.of(0, 1, Match.builder().inPort(1).build(), List.of(new Instruction.ApplyActions(
                List.of(new Action.Output(1), new Action.Output(2)))), 0);
        FakePipeline p = FakePipeline.load(state(flood), 99);

        assertThat(p.process(Packet.dhcpDiscover(M), 1)).containsExactly(new Egress.Local(2));
        assertThat(p.process(Packet.dhcpDiscover(M), 3)).isEmpty();
    }

    @Test
    void outputInPortSendsBackOutOfTheIngressPortAndThroughTheTunnelWithItsTunDst() {
        FlowEntry back = FlowEntry.of(0, 1, Match.ALL, List.of(new Instruction.ApplyActions(List.of(
                new Action.SetTunnelId(7), new Action.SetTunnelIpv4Dst(IpAddresses.parseV4("198.18.0.7")),
                new Action.OutputInPort()))), 0);
        FakePipeline p = FakePipeline.load(state(back), 99);

        assertThat(p.process(Packet.dhcpDiscover(M), 3)).containsExactly(new Egress.Local(3));
        assertThat(p.fromTunnel(Packet.dhcpDiscover(M), 5))
                .containsExactly(new Egress.Tunnel(7, IpAddresses.parseV4("198.18.0.7")));
    }

    @Test
    void outputToTheControllerReportsTheCookieOfTheFlow() {
        FlowEntry punt = FlowEntry.of(0, 1, Match.ALL, List.of(new Instruction.ApplyActions(List.of(
                new Action.OutputController(Action.OutputController.NO_BUFFER)))), 0x4242L);

        assertThat(FakePipeline.load(state(punt), 99).process(Packet.dhcpDiscover(M), 1))
                .containsExactly(new Egress.Controller(0x4242L));
    }

    @Test
    void moveAndSetFieldRewriteTheEmittedPacketInOrder() {
        MacAddress other = MacAddress.parse("02:00:00:00:00:09");
        FlowEntry swap = FlowEntry.of(0, 1, Match.builder().ethType(0x0806).build(), List.of(
                new Instruction.ApplyActions(List.of(
                        Action.MoveField.whole(MatchField.Kind.ETH_SRC, MatchField.Kind.ETH_DST),
                        new Action.SetField(new MatchField.EthSrc(other)),
                        Action.MoveField.whole(MatchField.Kind.ARP_SPA, MatchField.Kind.ARP_TPA),
                        new Action.MoveField(MatchField.Kind.ARP_SHA, MatchField.Kind.ARP_THA, 8),
                        new Action.Output(2)))), 0);
        FakePipeline p = FakePipeline.load(state(swap), 99);

        p.process(Packet.arpRequest(M, "203.0.113.1", "203.0.113.2"), 1);

        Packet out = p.emitted(new Egress.Local(2));
        assertThat(out.ethDst()).isEqualTo(M);
        assertThat(out.ethSrc()).isEqualTo(other);
        assertThat(out.arpTpa()).isEqualTo(IpAddresses.parseV4("203.0.113.1"));
        // only the low 8 bits (the last octet) moved
        assertThat(out.arpTha()).isEqualTo(MacAddress.parse("00:00:00:00:00:01"));
    }

    @Test
    void rewritingAFieldThePacketDoesNotHaveIsRejected() {
        FlowEntry bad = FlowEntry.of(0, 1, Match.ALL, List.of(new Instruction.ApplyActions(List.of(
                new Action.SetField(new MatchField.ArpOp(2)), new Action.Output(2)))), 0);

        assertThatThrownBy(() -> FakePipeline.load(state(bad), 99).process(Packet.dhcpDiscover(M), 1))
                .isInstanceOf(FakePipeline.Rejected.class);
    }

    @Test
    void actionsRefuseWhatOvsWouldRefuse() {
        assertThatThrownBy(() -> new Action.SetField(new MatchField.ArpSpa(IpPrefix.parse("203.0.113.0/24"))))
                .hasMessageContaining("exact");
        assertThatThrownBy(() -> new Action.MoveField(MatchField.Kind.ETH_SRC, MatchField.Kind.ARP_SPA, 48))
                .hasMessageContaining("do not fit");
        assertThatThrownBy(() -> new Action.SetField(new MatchField.InPort(3))).hasMessageContaining("not supported");
    }
}
