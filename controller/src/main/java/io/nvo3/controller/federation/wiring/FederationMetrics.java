package io.nvo3.controller.federation.wiring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nvo3.controller.federation.imports.SkipReason;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Federation meters: {@code nvo3.federation.exported.routes}, {@code nvo3.federation.remote.macs},
 * {@code nvo3.federation.remote.flood.members}, {@code nvo3.federation.remote.held} (gauges),
 * {@code nvo3.federation.fib.changes}, {@code nvo3.federation.import.skipped{reason}} and
 * {@code nvo3.federation.route.events{peer}} (best-path changes per peer: a flapping peer shows here),
 * {@code nvo3.federation.mac.mobility{event}} (cross-domain MAC moves, withdrawals and duplicate MACs),
 * {@code nvo3.federation.recompute} (time per recompute).
 */
final class FederationMetrics {
    private final MeterRegistry meters;
    private final AtomicInteger exported = new AtomicInteger();
    private final AtomicInteger macs = new AtomicInteger();
    private final AtomicInteger floods = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final Counter fibChanges;
    private final Timer recompute;

    FederationMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("nvo3.federation.exported.routes", exported, AtomicInteger::get)
                .description("EVPN routes this domain originates").register(meters);
        Gauge.builder("nvo3.federation.remote.macs", macs, AtomicInteger::get)
                .description("remote MACs in the FIB").register(meters);
        Gauge.builder("nvo3.federation.remote.flood.members", floods, AtomicInteger::get)
                .description("remote flood replication members in the FIB").register(meters);
        Gauge.builder("nvo3.federation.remote.held", held, AtomicInteger::get)
                .description("remote entries kept by hold-down or restart deferral").register(meters);
        fibChanges = Counter.builder("nvo3.federation.fib.changes").description("remote FIB changes applied")
                .register(meters);
        recompute = Timer.builder("nvo3.federation.recompute")
                .description("one recompute of export and import from the whole picture").register(meters);
    }

    void recomputed(long nanos) {
        recompute.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void exported(int n) {
        exported.set(n);
    }

    void applied(int remoteMacs, int floodMembers, int heldEntries) {
        macs.set(remoteMacs);
        floods.set(floodMembers);
        held.set(heldEntries);
    }

    void fibChanges(int n) {
        fibChanges.increment(n);
    }

    /**
     * {@code nvo3.federation.mac.mobility{event}}: taken_over (learnt here while another domain advertised it),
     * withdrawn (another domain's route won), readvertised, duplicate (RFC 7432 duplicate MAC detection).
     */
    void mobility(String event) {
        Counter.builder("nvo3.federation.mac.mobility").tag("event", event)
                .description("cross-domain MAC mobility decisions").register(meters).increment();
    }

    void skipped(SkipReason reason) {
        Counter.builder("nvo3.federation.import.skipped").tag("reason", reason.name().toLowerCase())
                .description("received EVPN routes that gave no FIB entry").register(meters).increment();
    }

    void routeEvent(InetAddress peer) {
        Counter.builder("nvo3.federation.route.events").tag("peer", peer.getHostAddress())
                .description("EVPN best-path changes by peer").register(meters).increment();
    }
}
