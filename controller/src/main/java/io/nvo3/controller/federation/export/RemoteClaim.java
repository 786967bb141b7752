package io.nvo3.controller.federation.export;

import java.net.Inet4Address;
import java.util.Comparator;
import java.util.Objects;

/**
 * The strongest received MAC/IP route for a MAC in a VN (another domain's claim): its MAC Mobility sequence number (0
 * without the community) and its VTEP.
 */
public record RemoteClaim(long sequence, Inet4Address vtep) {
    /** RFC 7432 §15.1: the highest sequence first, then the lowest VTEP. */
    public static final Comparator<RemoteClaim> STRONGEST_FIRST = Comparator.comparingLong(RemoteClaim::sequence)
            .reversed().thenComparing(RemoteClaim::vtep, EvpnOrder.ADDRESS);

    public RemoteClaim {
        Objects.requireNonNull(vtep, "vtep");
        if (sequence < 0 || sequence > MacMobility.MAX_SEQUENCE) {
            throw new IllegalArgumentException("MAC mobility sequence out of range: " + sequence);
        }
    }

    /**
     * True when this claim beats a local route with {@code sequence} from {@code localVtep}. RFC 7432 §15.1: "A PE
     * receiving a MAC/IP Advertisement route for a MAC address with a different Ethernet segment identifier and a
     * higher sequence number than that which it had previously advertised withdraws its MAC/IP Advertisement route.
     * ... If the PE is the originator of the MAC route and it receives the same MAC address with the same sequence
     * number that it generated, it will compare its own IP address with the IP address of the remote PE and will
     * select the lowest IP."
     */
    public boolean beats(long localSequence, Inet4Address localVtep) {
        return sequence > localSequence
                || (sequence == localSequence && EvpnOrder.ADDRESS.compare(vtep, localVtep) < 0);
    }
}
