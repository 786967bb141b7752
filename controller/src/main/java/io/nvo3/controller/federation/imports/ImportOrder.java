package io.nvo3.controller.federation.imports;

import io.nvo3.controller.federation.export.EvpnOrder;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.Optional;

/** Deterministic orders of import output. */
final class ImportOrder {
    static final Comparator<Optional<InetAddress>> OPTIONAL_IP = (a, b) -> a.isEmpty() || b.isEmpty()
            ? Boolean.compare(a.isPresent(), b.isPresent()) : EvpnOrder.ADDRESS.compare(a.get(), b.get());

    static final Comparator<RemoteMac> REMOTE_MAC = Comparator.comparing(RemoteMac::vnId)
            .thenComparing(RemoteMac::mac)
            .thenComparing(RemoteMac::ip, OPTIONAL_IP)
            .thenComparing(RemoteMac::vtep, EvpnOrder.ADDRESS)
            .thenComparingInt(RemoteMac::vni);

    static final Comparator<RemoteFloodMember> FLOOD_MEMBER = Comparator.comparing(RemoteFloodMember::vnId)
            .thenComparing(RemoteFloodMember::vtep, EvpnOrder.ADDRESS)
            .thenComparingInt(RemoteFloodMember::vni);

    static final Comparator<MacRoute> MAC_ROUTE = Comparator.comparing(MacRoute::vnId)
            .thenComparing(MacRoute::mac)
            .thenComparing(MacRoute::ip, OPTIONAL_IP)
            .thenComparing(MacRoute::vtep, EvpnOrder.ADDRESS)
            .thenComparingInt(MacRoute::vni)
            .thenComparing(r -> r.rd().bytes())
            .thenComparing(MacRoute::peer, OPTIONAL_IP);

    static final Comparator<FloodRoute> FLOOD_ROUTE = Comparator.comparing(FloodRoute::vnId)
            .thenComparing(FloodRoute::vtep, EvpnOrder.ADDRESS)
            .thenComparingInt(FloodRoute::vni)
            .thenComparing(r -> r.rd().bytes())
            .thenComparing(FloodRoute::peer, OPTIONAL_IP);

    static final Comparator<ReceivedEvpnRoute> RECEIVED = Comparator.comparing(ReceivedEvpnRoute::nlri, EvpnOrder.NLRI)
            .thenComparing(ReceivedEvpnRoute::nextHop, EvpnOrder.ADDRESS)
            .thenComparing(ReceivedEvpnRoute::peer, OPTIONAL_IP)
            .thenComparing(r -> r.attributes().toString());

    private ImportOrder() {}
}
