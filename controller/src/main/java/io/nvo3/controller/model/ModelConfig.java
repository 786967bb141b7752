package io.nvo3.controller.model;

import java.time.Clock;
import java.util.Objects;

/**
 * Settings of the model service.
 *
 * @param vniMin          lowest VNI handed out when a network is created without one (default 1000)
 * @param vniMax          highest such VNI (default 16777215, RFC 7348's 24-bit maximum)
 * @param maxMtu          the MTU of new networks and the largest accepted: 1500 minus the 50 bytes of
 *                        VXLAN over IPv4 (outer Ethernet 14 + IPv4 20 + UDP 8 + VXLAN 8), as Neutron computes
 * @param macPrefix       the 24 high bits of allocated MACs; must be a locally administered unicast OUI
 *                        (default fa:16:3e, Neutron's base_mac)
 * @param clock           the clock of created_at/updated_at
 */
public record ModelConfig(long vniMin, long vniMax, int maxMtu, int macPrefix, Clock clock) {
    public ModelConfig {
        if (vniMin < 1 || vniMax > 0xFF_FFFFL || vniMin > vniMax) {
            throw new IllegalArgumentException("VNI range " + vniMin + ".." + vniMax + " must lie within 1..16777215");
        }
        if (maxMtu < 68 || maxMtu > 65535) {
            throw new IllegalArgumentException("max MTU " + maxMtu + " out of range 68..65535");
        }
        // IEEE 802: bit 0x02 of the first octet = locally administered, bit 0x01 = group.
        if (((macPrefix >>> 16) & 0x03) != 0x02 || macPrefix > 0xFF_FFFF || macPrefix < 0) {
            throw new IllegalArgumentException(String.format("MAC prefix %06x must be a locally administered unicast OUI",
                    macPrefix));
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static ModelConfig defaults() {
        return new ModelConfig(1000, 0xFF_FFFFL, 1450, 0xfa163e, Clock.systemUTC());
    }

    public ModelConfig withVniRange(long min, long max) {
        return new ModelConfig(min, max, maxMtu, macPrefix, clock);
    }

    public ModelConfig withClock(Clock c) {
        return new ModelConfig(vniMin, vniMax, maxMtu, macPrefix, c);
    }
}
