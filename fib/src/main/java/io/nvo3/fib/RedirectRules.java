package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.Instruction;
import io.nvo3.fib.flow.Match;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.Redirect;
import java.util.Comparator;
import java.util.List;

/** Mobility: on the old NVE of a moved MAC, frames for it are tunnelled on to its new VTEP for a grace time. */
final class RedirectRules {
    private RedirectRules() {
    }

    /**
     * The redirects {@code view}'s NVE applies: its own, not pointing at itself, and not for a MAC that is (again)
     * local there — a MAC that moved back is delivered locally whatever a late redirect says.
     */
    static List<Redirect> applicable(VnView view) {
        return view.ctx().redirects().stream()
                .filter(r -> r.fromSystemId().equals(view.self().systemId()))
                .filter(r -> !r.toVtep().equals(view.self().vtep()))
                .filter(r -> !(view.targets().get(r.mac()) instanceof VnView.L2Target.Local)
                        && !(view.targets().get(r.mac()) instanceof VnView.L2Target.Suspended))
                .sorted(Comparator.comparing(Redirect::mac))
                .toList();
    }

    static void add(SliceBuilder b, VnView view, List<Redirect> redirects) {
        int vni = view.ctx().vn().vni();
        int tunnel = view.self().tunnelOfport();
        for (Redirect r : redirects) {
            long cookie = b.cookie(RuleKind.REDIRECT, "moved MAC " + r.mac() + " to " + r.toVtep().getHostAddress()
                    + " VNI " + r.vni());
            // From local ports: like a remote entry, through the egress table.
            b.flow(Tables.L2, Priorities.L2_REDIRECT, Match.builder().metadata(vni, Tables.CLASSIFY_WRITE_MASK)
                            .ethDst(r.mac()).build(),
                    List.of(new Instruction.ApplyActions(List.of(new Action.SetTunnelId(r.vni()),
                                    new Action.SetTunnelIpv4Dst(r.toVtep()),
                                    new Action.SetRegister(Tables.OUTPUT_REG, tunnel))),
                            new Instruction.GotoTable(Tables.EGRESS)), cookie);
            // From the overlay: the one exception to split horizon. A peer that has not yet learnt of the move still
            // sends here; the frame goes back out of the tunnel port it came in on, which OpenFlow 1.3 section 4.5
            // allows only through OFPP_IN_PORT ("This reserved port must be explicitly used in order to send back
            // out of the input port"), and so bypasses the egress table's split-horizon drop.
            b.flow(Tables.L2, Priorities.L2_REDIRECT, Match.builder()
                            .metadata(vni | Tables.FROM_TUNNEL, Tables.CLASSIFY_WRITE_MASK).ethDst(r.mac()).build(),
                    List.of(new Instruction.ApplyActions(List.of(new Action.SetTunnelId(r.vni()),
                            new Action.SetTunnelIpv4Dst(r.toVtep()), new Action.OutputInPort()))), cookie);
        }
    }
}
