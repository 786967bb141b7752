package io.nvo3.bgp.speaker;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A speaker's configuration.
 *
 * @param asn             our AS (4-octet)
 * @param routerId        our BGP Identifier (and CLUSTER_ID when reflecting)
 * @param listen          where to accept connections (port 0 picks one), or empty to only connect out
 * @param neighbors       neighbors to start with
 * @param restart         graceful-restart settings of the speaker itself (RFC 4724), for neighbors that enable it
 * @param clock           wall clock for uptimes and timers
 */
public record SpeakerConfig(long asn, Inet4Address routerId, Optional<InetSocketAddress> listen, List<NeighborConfig> neighbors,
        GracefulRestart restart, Clock clock) {

    public SpeakerConfig {
        if (asn <= 0 || asn > 0xffff_ffffL) {
            throw new IllegalArgumentException("asn: 1..4294967295, got " + asn);
        }
        Objects.requireNonNull(routerId, "routerId");
        if (routerId.isAnyLocalAddress()) {
            throw new IllegalArgumentException("routerId: must not be 0.0.0.0");
        }
        Objects.requireNonNull(listen, "listen");
        neighbors = List.copyOf(neighbors);
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(clock, "clock");
    }

    public static SpeakerConfig of(long asn, Inet4Address routerId, Optional<InetSocketAddress> listen, List<NeighborConfig> neighbors) {
        return new SpeakerConfig(asn, routerId, listen, neighbors, GracefulRestart.DEFAULT, Clock.systemUTC());
    }

    public SpeakerConfig withRestart(GracefulRestart r) {
        return new SpeakerConfig(asn, routerId, listen, neighbors, r, clock);
    }

    /**
     * RFC 4724 settings.
     *
     * @param restartTime      announced Restart Time: how long neighbors keep our routes after we go away
     * @param restarting       we just restarted: set the R bit, keep forwarding state (F bit), and defer
     *                         advertising until every GR neighbor sent End-of-RIB or {@code selectionDeferral} passed
     * @param selectionDeferral upper bound of that deferral
     * @param staleRoutesTime  how long we keep a restarted neighbor's stale routes waiting for its End-of-RIB
     */
    public record GracefulRestart(Duration restartTime, boolean restarting, Duration selectionDeferral, Duration staleRoutesTime) {
        public static final GracefulRestart DEFAULT = new GracefulRestart(Duration.ofSeconds(120), false, Duration.ofSeconds(60),
                Duration.ofSeconds(360));

        public GracefulRestart {
            if (restartTime.isNegative() || restartTime.toSeconds() > 0xfff) {
                throw new IllegalArgumentException("restartTime: 0..4095 s");
            }
            Objects.requireNonNull(selectionDeferral);
            Objects.requireNonNull(staleRoutesTime);
        }

        public GracefulRestart asRestarting() {
            return new GracefulRestart(restartTime, true, selectionDeferral, staleRoutesTime);
        }
    }
}
