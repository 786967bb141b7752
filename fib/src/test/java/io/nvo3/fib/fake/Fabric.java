package io.nvo3.fib.fake;

import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.Nve;
import java.net.Inet4Address;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every NVE of a domain as a strict fake pipeline, joined by an ideal underlay: a packet sent into the tunnel
 * towards a domain VTEP enters that NVE's tunnel port. Follows one overlay hop, which is all ingress replication
 * ever needs; a second hop (overlay traffic sent back into the overlay) is reported as {@link Delivery.Reflected}.
 */
public final class Fabric {
    private final Map<String, FakePipeline> pipelines = new HashMap<>();
    private final Map<Inet4Address, String> byVtep = new HashMap<>();

    public sealed interface Delivery {
        /** Left an NVE on a tenant-system port. */
        record AtPort(String systemId, int port) implements Delivery {
        }

        /** Sent to a VTEP outside the domain (a BGP peer's). */
        record External(Inet4Address vtep, long vni) implements Delivery {
        }

        /** A packet-in to the controller from NVE {@code systemId}, by the flow with {@code cookie}. */
        record ToController(String systemId, long cookie) implements Delivery {
        }

        /** An NVE sent tunnel traffic back into the overlay: split horizon broken, or a redirect. */
        record Reflected(String systemId, Inet4Address vtep, long vni) implements Delivery {
        }
    }

    public Fabric(FibInput input) {
        Map<String, NveState> states = Fib.compute(input);
        for (Nve nve : input.nves().values()) {
            pipelines.put(nve.systemId(), FakePipeline.load(states.get(nve.systemId()), nve.tunnelOfport()));
            byVtep.put(nve.vtep(), nve.systemId());
        }
    }

    public FakePipeline nve(String systemId) {
        return pipelines.get(systemId);
    }

    /** A packet a tenant system sends into port {@code inPort} of NVE {@code systemId}. */
    public Set<Delivery> send(String systemId, int inPort, Packet packet) {
        Set<Delivery> out = new LinkedHashSet<>();
        for (Egress e : pipelines.get(systemId).process(packet, inPort)) {
            switch (e) {
                case Egress.Local l -> out.add(new Delivery.AtPort(systemId, l.port()));
                case Egress.Controller c -> out.add(new Delivery.ToController(systemId, c.cookie()));
                case Egress.BackIntoTunnel t -> out.add(new Delivery.Reflected(systemId, t.remoteVtep(), t.vni()));
                case Egress.Tunnel t -> {
                    String remote = byVtep.get(t.remoteVtep());
                    if (remote == null) {
                        out.add(new Delivery.External(t.remoteVtep(), t.vni()));
                    } else {
                        out.addAll(fromOverlay(remote, t.vni(), packet));
                    }
                }
            }
        }
        return out;
    }

    /** A packet arriving on NVE {@code systemId}'s tunnel port with {@code vni}. */
    public Set<Delivery> fromOverlay(String systemId, long vni, Packet packet) {
        Set<Delivery> out = new LinkedHashSet<>();
        for (Egress e : pipelines.get(systemId).fromTunnel(packet, vni)) {
            switch (e) {
                case Egress.Local l -> out.add(new Delivery.AtPort(systemId, l.port()));
                case Egress.Controller c -> out.add(new Delivery.ToController(systemId, c.cookie()));
                case Egress.Tunnel t -> out.add(new Delivery.Reflected(systemId, t.remoteVtep(), t.vni()));
                case Egress.BackIntoTunnel t -> out.add(new Delivery.Reflected(systemId, t.remoteVtep(), t.vni()));
            }
        }
        return out;
    }
}
