package io.nvo3.controller.federation.export;

import java.net.Inet4Address;
import java.util.Optional;

/** What {@link MacMobility#decide} changed for one MAC, for the log and the meters. */
public sealed interface MobilityEvent {
    MobilityMemory.Key key();

    /** The MAC was learnt locally while another domain advertised it: re-originated with the next sequence. */
    record TakenOver(MobilityMemory.Key key, long sequence, Inet4Address localVtep, RemoteClaim from)
            implements MobilityEvent {}

    /** Another domain's route won: this domain's MAC/IP routes for the MAC are withdrawn. */
    record Withdrawn(MobilityMemory.Key key, long sequence, Inet4Address localVtep, RemoteClaim winner)
            implements MobilityEvent {}

    /** The winning remote route went away (or lost) while the MAC is still local: advertised again. */
    record Readvertised(MobilityMemory.Key key, long sequence, Inet4Address localVtep) implements MobilityEvent {}

    /**
     * RFC 7432 §15.3: N moves within M seconds. {@code remoteVtep} is the other domain's VTEP when one claims the MAC.
     */
    record Duplicate(MobilityMemory.Key key, int moves, Optional<Inet4Address> localVtep,
                     Optional<Inet4Address> remoteVtep) implements MobilityEvent {}
}
