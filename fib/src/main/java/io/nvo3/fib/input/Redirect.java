package io.nvo3.fib.input;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * Mobility grace state: MAC {@code mac} of VN {@code vnId} has left NVE {@code fromSystemId}; until the controller
 * removes this entry, frames for it that still reach the old NVE (from its local ports or from the overlay, sent by
 * peers that have not yet heard of the move) are tunnelled on to {@code toVtep} with {@code vni}. At most one
 * redirect per (VN, MAC, old NVE).
 */
public record Redirect(String vnId, MacAddress mac, String fromSystemId, Inet4Address toVtep, int vni) {
    public Redirect {
        Ids.requireId("redirect.vnId", vnId);
        Objects.requireNonNull(mac, "mac");
        if (mac.isMulticast() || mac.bits() == 0) {
            throw new FibInputException("redirect.mac", "not a unicast MAC: " + mac);
        }
        Ids.requireId("redirect.fromSystemId", fromSystemId);
        Objects.requireNonNull(toVtep, "toVtep");
        Ids.requireVni("redirect.vni", vni);
    }

    /** What may be redirected only once. */
    public record Key(String vnId, MacAddress mac, String fromSystemId) {
    }

    public Key key() {
        return new Key(vnId, mac, fromSystemId);
    }
}
