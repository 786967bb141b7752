package io.nvo3.controller.bgp;

import io.nvo3.bgp.speaker.SpeakerConfig;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated {@code bgp:} section.
 *
 * @param listen      where to accept BGP connections, empty for {@code listen: none}
 * @param restartTime graceful-restart Restart Time we announce (RFC 4724 §3)
 * @param restarting  this start follows a restart with forwarding kept (the NVEs hold their flows): announce the
 *                    Restart State bit and per-family Forwarding State bits, so that helpers keep our routes and
 *                    defer their sweep to our End-of-RIB (RFC 4724 §3, §4.1)
 */
public record BgpSettings(long asn, Inet4Address routerId, Optional<InetSocketAddress> listen, List<NeighborSpec> neighbors,
        Duration restartTime, boolean restarting) {

    public BgpSettings(long asn, Inet4Address routerId, Optional<InetSocketAddress> listen, List<NeighborSpec> neighbors,
            Duration restartTime) {
        this(asn, routerId, listen, neighbors, restartTime, false);
    }

    /** The same settings for a start after a restart with forwarding state kept. */
    public BgpSettings asRestarting() {
        return new BgpSettings(asn, routerId, listen, neighbors, restartTime, true);
    }

    public static final int DEFAULT_LISTEN_PORT = 179;

    public BgpSettings {
        if (asn < 1 || asn > 0xffff_ffffL) {
            throw new BgpConfigException("asn", "must be 1..4294967295, got " + asn);
        }
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(listen, "listen");
        neighbors = List.copyOf(neighbors);
        Objects.requireNonNull(restartTime, "restartTime");
    }

    public SpeakerConfig toSpeakerConfig(Clock clock) {
        SpeakerConfig.GracefulRestart d = SpeakerConfig.GracefulRestart.DEFAULT;
        return new SpeakerConfig(asn, routerId, listen, neighbors.stream().map(NeighborSpec::toSpeakerConfig).toList(),
                new SpeakerConfig.GracefulRestart(restartTime, restarting, d.selectionDeferral(), d.staleRoutesTime()), clock);
    }
}
