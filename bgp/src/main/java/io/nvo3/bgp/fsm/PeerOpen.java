package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.capabilities.Capability;
import java.util.List;

/**
 * The fields of a received OPEN that the FSM validates (RFC 4271 §4.2).
 *
 * @param version       BGP version, 4
 * @param myAs          the 2-octet "My Autonomous System" field (AS_TRANS 23456 for 4-octet ASes)
 * @param holdTime      proposed hold time in seconds
 * @param bgpIdentifier the sender's BGP Identifier as an unsigned 32-bit value
 * @param capabilities  all capabilities of all Capabilities optional parameters, in order
 */
public record PeerOpen(int version, int myAs, int holdTime, long bgpIdentifier, List<Capability> capabilities) {
    public PeerOpen {
        capabilities = List.copyOf(capabilities);
    }
}
