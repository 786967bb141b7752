package io.nvo3.controller.federation.export;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.model.TenantSystemState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant system of a VN as export needs it: its MAC, fixed IPs, state, the VTEP of the NVE hosting
 * it (empty when unbound or its NVE has no VTEP), its MAC mobility sequence number (0 = never
 * moved) and whether its MAC/IP routes are withdrawn because another domain's route for the MAC won
 * (RFC 7432 §15; {@link MacMobility} decides both).
 */
public record LocalTenantSystem(String portId, MacAddress mac, List<InetAddress> fixedIps, TenantSystemState state,
                                Optional<Inet4Address> vtep, long mobilitySequence, boolean macRoutesWithdrawn) {
    public LocalTenantSystem {
        Objects.requireNonNull(portId, "portId");
        Objects.requireNonNull(mac, "mac");
        fixedIps = List.copyOf(fixedIps);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(vtep, "vtep");
        if (mobilitySequence < 0 || mobilitySequence > 0xffff_ffffL) {
            throw new IllegalArgumentException("MAC mobility sequence out of range: " + mobilitySequence);
        }
    }

    /** Advertised (not withdrawn). */
    public LocalTenantSystem(String portId, MacAddress mac, List<InetAddress> fixedIps, TenantSystemState state,
                             Optional<Inet4Address> vtep, long mobilitySequence) {
        this(portId, mac, fixedIps, state, vtep, mobilitySequence, false);
    }

    /** The same tenant system with the sequence and withdrawal {@link MacMobility} decided. */
    public LocalTenantSystem withMobility(long sequence, boolean withdrawn) {
        return new LocalTenantSystem(portId, mac, fixedIps, state, vtep, sequence, withdrawn);
    }

    /** Exported only while RUNNING on an NVE with a VTEP. */
    public boolean exported() {
        return state == TenantSystemState.RUNNING && vtep.isPresent();
    }
}
