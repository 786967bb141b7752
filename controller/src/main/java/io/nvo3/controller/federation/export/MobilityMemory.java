package io.nvo3.controller.federation.export;

import io.nvo3.bgp.wire.MacAddress;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What export remembers about one MAC of one VN between two recomputes (RFC 7432 §15): the sequence number it chose,
 * where the MAC was last attached locally, whether its MAC/IP routes are advertised or withdrawn because another
 * domain's route won, and the recent mobility events for duplicate detection (§15.3). Kept by the wiring, fed back
 * to {@link MacMobility#decide} unchanged, so the same inputs give the same sequence on every recompute.
 *
 * @param sequence   the MAC Mobility sequence number last chosen (advertised, or held while withdrawn)
 * @param attachment the local attachment the decision was taken for; empty when the MAC is not local now
 * @param lastVtep   the VTEP of the last local attachment (kept while the MAC is away: a return elsewhere is a move)
 * @param withdrawn  true when a remote route with a higher sequence (or equal and a lower VTEP) won
 * @param events     instants of recent mobility events, oldest first, within the §15.3 window
 * @param duplicate  §15.3: N events within M seconds were seen; the sequence is no longer incremented
 */
public record MobilityMemory(long sequence, Optional<Attachment> attachment, Optional<Inet4Address> lastVtep,
                             boolean withdrawn, List<Instant> events, boolean duplicate) {
    public MobilityMemory {
        if (sequence < 0 || sequence > MacMobility.MAX_SEQUENCE) {
            throw new IllegalArgumentException("MAC mobility sequence out of range: " + sequence);
        }
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(lastVtep, "lastVtep");
        events = List.copyOf(events);
    }

    /** The (VN, MAC) a memory is about. */
    public record Key(String vnId, MacAddress mac) {
        public Key {
            Objects.requireNonNull(vnId, "vnId");
            Objects.requireNonNull(mac, "mac");
        }
    }

    /**
     * One local attachment of a MAC: the port, the VTEP of its NVE and the port's own move count. A different value
     * is a new local learning of the MAC (plug, re-plug, move between this domain's NVEs).
     */
    public record Attachment(String portId, Inet4Address vtep, long localMoves) {
        public Attachment {
            Objects.requireNonNull(portId, "portId");
            Objects.requireNonNull(vtep, "vtep");
        }
    }
}
