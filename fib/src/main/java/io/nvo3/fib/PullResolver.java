package io.nvo3.fib;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Redirect;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Pull#resolve} for one (input, NVE, VN), with the VN's view from that NVE, its applicable redirects and its
 * neighbour table built once ({@link Pull#resolver}): each {@link #resolve} is then a few map lookups, whatever the
 * size of the network. Immutable and safe to share between threads; valid for the {@link FibInput} it was built
 * from only — build a new one when the input changes.
 */
public final class PullResolver {
    private final FibInput input;
    private final String systemId;
    private final String vnId;
    private final VnView view;
    /** Present when the VN has no forwarding port on the NVE: every query is dropped with this answer. */
    private final Optional<PullResult.Drop> noPort;
    /** {@link RedirectRules#applicable} by MAC, the first in its (MAC-sorted) order winning as in a linear scan. */
    private final Map<MacAddress, Redirect> redirects;
    /** {@link Neighbors#claims}; a TreeMap ordered by address, as the per-call computation uses. */
    private final Map<Inet4Address, Set<MacAddress>> claims;
    private final PullResult.Flood flood;

    PullResolver(FibInput input, String systemId, String vnId, VnView view) {
        this.input = input;
        this.systemId = systemId;
        this.vnId = vnId;
        this.view = view;
        this.noPort = view.localForwarding().isEmpty()
                ? Optional.of(new PullResult.Drop("VN " + vnId + " has no forwarding port on " + systemId))
                : Optional.empty();
        Map<MacAddress, Redirect> byMac = new HashMap<>();
        for (Redirect r : RedirectRules.applicable(view)) {
            byMac.putIfAbsent(r.mac(), r);
        }
        this.redirects = Map.copyOf(byMac);
        this.claims = Neighbors.claims(view.ctx());
        this.flood = Pull.flood(view);
    }

    /** The input this resolver answers for (compare by identity to know whether it is still current). */
    public FibInput input() {
        return input;
    }

    public String systemId() {
        return systemId;
    }

    public String vnId() {
        return vnId;
    }

    /** {@link #resolve(PullQuery, PullPolicy)} with {@link PullPolicy#DEFAULT}. */
    public PullResult resolve(PullQuery query) {
        return resolve(query, PullPolicy.DEFAULT);
    }

    /** Exactly what {@link Pull#resolve(FibInput, String, String, PullQuery, PullPolicy)} answers on the same input. */
    public PullResult resolve(PullQuery query, PullPolicy policy) {
        if (noPort.isPresent()) {
            return noPort.get();
        }
        return switch (query) {
            case PullQuery.UnicastMiss m -> unicast(m.dstMac(), policy);
            case PullQuery.ArpRequest a -> arp(a, policy);
        };
    }

    private PullResult unicast(MacAddress mac, PullPolicy policy) {
        if (mac.isMulticast()) {
            return flood;
        }
        Redirect r = redirects.get(mac);
        if (r != null) {
            return new PullResult.Forward(List.of(), Pull.tunnel(r.vni(), r.toVtep(), view.self()));
        }
        VnView.L2Target target = view.targets().get(mac);
        if (target == null) {
            return unknown(policy, "no destination " + mac);
        }
        return Pull.forward(view, mac, target, policy);
    }

    private PullResult arp(PullQuery.ArpRequest a, PullPolicy policy) {
        // RFC 5227 section 2.1.1: an ARP Probe has "the 'sender IP address' field ... set to all zeroes"; an
        // announcement (section 2.3) has sender IP = target IP. Both must reach the other hosts, not the controller.
        if (a.senderIp().isAnyLocalAddress() || a.senderIp().equals(a.targetIp())) {
            return flood;
        }
        Set<MacAddress> owners = claims.get(a.targetIp());
        if (owners == null) {
            return unknown(policy, "no owner of " + a.targetIp().getHostAddress());
        }
        // Claimed by several MACs (a duplicate address, or an address being moved): only the owners can answer.
        MacAddress owner = owners.iterator().next();
        if (owners.size() > 1 || owner.equals(a.senderMac())) {
            return flood;
        }
        return new PullResult.ArpReply(owner, a.targetIp(), a.senderMac(), a.senderIp(),
                List.of(new Action.OutputInPort()));
    }

    private PullResult unknown(PullPolicy policy, String what) {
        return switch (policy.unknown()) {
            case FLOOD -> flood;
            case DROP -> new PullResult.Drop(what + " in VN " + view.ctx().vn().id());
        };
    }
}
