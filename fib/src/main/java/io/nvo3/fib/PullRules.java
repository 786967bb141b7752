package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.MatchField;
import io.nvo3.fib.flow.MatchField.EthType;
import io.nvo3.fib.flow.MatchField.Kind;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.TenantSystem;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The datapath side of pull and hybrid VNs: what goes to the controller ({@link Pull} answers it) and the ARP
 * responder of hybrid VNs. Only frames from local ports are concerned; frames from the overlay keep the push path.
 */
final class PullRules {
    static final int ARP_REQUEST = 1;
    static final int ARP_REPLY = 2;
    private static final List<Instruction> TO_CONTROLLER = List.of(new Instruction.ApplyActions(
            List.of(new Action.OutputController(Action.OutputController.NO_BUFFER))));

    private PullRules() {
    }

    static void add(SliceBuilder b, VnView view) {
        int vni = view.ctx().vn().vni();
        switch (view.ctx().vn().mode()) {
            case PUSH -> {
                return;
            }
            case PULL -> b.flow(Tables.ARP, Priorities.ARP_ANSWER, localArpRequests(vni).build(), TO_CONTROLLER,
                    b.cookie(RuleKind.PULL_MISS, "ARP request"));
            case HYBRID -> responder(b, view);
        }
        // A unicast frame from a local port whose destination is not installed: the controller resolves it and
        // installs the entry (Pull.resolve). Group addresses still flood (priority 110 in the pipeline skeleton).
        b.flow(Tables.L2, Priorities.L2_PULL_MISS, Match.builder().metadata(vni, Tables.CLASSIFY_WRITE_MASK).build(),
                TO_CONTROLLER, b.cookie(RuleKind.PULL_MISS, "L2 miss"));
    }

    private static Match.Builder localArpRequests(int vni) {
        return Match.builder().metadata(vni, Tables.CLASSIFY_WRITE_MASK).ethType(EthType.ARP).arpOp(ARP_REQUEST);
    }

    /**
     * RFC 826, "Packet Reception": "Swap hardware and protocol fields, putting the local hardware and protocol
     * addresses in the sender fields. Set the ar$op field to ares_op$REPLY. Send the packet to the (new) target
     * hardware address on the same hardware on which the request was received." Here the "local" addresses are the
     * target's, known from the FIB.
     */
    private static void responder(SliceBuilder b, VnView view) {
        int vni = view.ctx().vn().vni();
        Map<Inet4Address, MacAddress> neighbors = Neighbors.ipv4(view.ctx());
        long cookie = b.cookie(RuleKind.ARP_RESPONDER, "ARP responder");
        for (Map.Entry<Inet4Address, MacAddress> e : neighbors.entrySet()) {
            IpPrefix ip = IpPrefix.host(e.getKey());
            MacAddress mac = e.getValue();
            b.flow(Tables.ARP, Priorities.ARP_ANSWER, localArpRequests(vni).arpTpa(ip).build(),
                    List.of(new Instruction.ApplyActions(List.of(
                            Action.MoveField.whole(Kind.ETH_SRC, Kind.ETH_DST),
                            new Action.SetField(new MatchField.EthSrc(mac)),
                            new Action.SetField(new MatchField.ArpOp(ARP_REPLY)),
                            Action.MoveField.whole(Kind.ARP_SHA, Kind.ARP_THA),
                            Action.MoveField.whole(Kind.ARP_SPA, Kind.ARP_TPA),
                            new Action.SetField(new MatchField.ArpSha(mac)),
                            new Action.SetField(new MatchField.ArpSpa(ip)),
                            new Action.OutputInPort()))), cookie);
        }
        // The owner asking for its own address (RFC 5227 probe, gratuitous ARP request) must reach the others, not
        // be told its own MAC: it floods as usual.
        long pass = b.cookie(RuleKind.ARP_RESPONDER, "owner passes");
        for (TenantSystem ts : view.localForwarding()) {
            for (InetAddress a : ts.fixedIps().stream().distinct().toList()) {
                if (a instanceof Inet4Address v4 && ts.mac().equals(neighbors.get(v4))) {
                    b.flow(Tables.ARP, Priorities.ARP_OWNER_PASS, Match.builder().inPort(Placement.ofport(ts))
                                    .ethType(EthType.ARP).arpTpa(IpPrefix.host(v4)).build(),
                            PipelineRules.gotoTable(Tables.L3), pass);
                }
            }
        }
    }
}
