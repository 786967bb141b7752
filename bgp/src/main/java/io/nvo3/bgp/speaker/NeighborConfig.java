package io.nvo3.bgp.speaker;

import io.nvo3.bgp.wire.AfiSafi;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured neighbor.
 *
 * @param address              the neighbor's address (also the key for {@link BgpSpeaker#removeNeighbor})
 * @param port                 the neighbor's BGP port (179 normally)
 * @param remoteAs             its AS
 * @param families             AFI/SAFIs to announce in our OPEN
 * @param passive              never connect out, only accept
 * @param holdTime             proposed hold time (0, or 3..65535 s)
 * @param gracefulRestart      announce the graceful-restart capability (RFC 4724) and act as helper
 * @param localAddress         source address for outbound connections and next-hop-self (else the socket's)
 * @param routeReflectorClient the neighbor is our route-reflector client (RFC 4456)
 * @param nextHopSelf          rewrite next hops to our address toward this neighbor
 * @param maxPrefixes          accepted-prefix limit; exceeding it sends Cease/1 (RFC 4486); 0 = none
 * @param connectRetry         first ConnectRetry interval (doubles after each failure up to 120 s)
 * @param selfNextHop          the next hop we announce as "ourselves" (next-hop-self, RT-constraint routes, routes
 *                             originated without next hop); default: the session's local address. Set it when that
 *                             address is one peers refuse as next hop (GoBGP drops 127/8 next hops).
 */
public record NeighborConfig(InetAddress address, int port, long remoteAs, Set<AfiSafi> families, boolean passive,
        int holdTime, boolean gracefulRestart, Optional<InetAddress> localAddress, boolean routeReflectorClient,
        boolean nextHopSelf, int maxPrefixes, Duration connectRetry, Optional<InetAddress> selfNextHop) {

    public NeighborConfig {
        Objects.requireNonNull(address, "address");
        if (port <= 0 || port > 0xffff) {
            throw new IllegalArgumentException("port: 1..65535, got " + port);
        }
        if (remoteAs <= 0 || remoteAs > 0xffff_ffffL) {
            throw new IllegalArgumentException("remoteAs: 1..4294967295, got " + remoteAs);
        }
        families = Set.copyOf(families);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families: at least one");
        }
        if (holdTime != 0 && (holdTime < 3 || holdTime > 0xffff)) {
            throw new IllegalArgumentException("holdTime: 0 or 3..65535, got " + holdTime);
        }
        Objects.requireNonNull(localAddress, "localAddress");
        if (maxPrefixes < 0) {
            throw new IllegalArgumentException("maxPrefixes: >= 0");
        }
        Objects.requireNonNull(connectRetry, "connectRetry");
        Objects.requireNonNull(selfNextHop, "selfNextHop");
    }

    /** A neighbor with defaults: active, hold time 90 s, no graceful restart, no limit, connect retry 1 s. */
    public static NeighborConfig of(InetAddress address, int port, long remoteAs, Set<AfiSafi> families) {
        return new NeighborConfig(address, port, remoteAs, families, false, 90, false, Optional.empty(), false, false, 0,
                Duration.ofSeconds(1), Optional.empty());
    }

    public NeighborConfig withPassive(boolean v) {
        return new NeighborConfig(address, port, remoteAs, families, v, holdTime, gracefulRestart, localAddress,
                routeReflectorClient, nextHopSelf, maxPrefixes, connectRetry, selfNextHop);
    }

    public NeighborConfig withHoldTime(int v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, v, gracefulRestart, localAddress,
                routeReflectorClient, nextHopSelf, maxPrefixes, connectRetry, selfNextHop);
    }

    public NeighborConfig withGracefulRestart(boolean v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, v, localAddress,
                routeReflectorClient, nextHopSelf, maxPrefixes, connectRetry, selfNextHop);
    }

    public NeighborConfig withLocalAddress(InetAddress v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, gracefulRestart, Optional.of(v),
                routeReflectorClient, nextHopSelf, maxPrefixes, connectRetry, selfNextHop);
    }

    public NeighborConfig withRouteReflectorClient(boolean v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, gracefulRestart, localAddress, v,
                nextHopSelf, maxPrefixes, connectRetry, selfNextHop);
    }

    public NeighborConfig withNextHopSelf(boolean v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, gracefulRestart, localAddress,
                routeReflectorClient, v, maxPrefixes, connectRetry, selfNextHop);
    }

    public NeighborConfig withMaxPrefixes(int v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, gracefulRestart, localAddress,
                routeReflectorClient, nextHopSelf, v, connectRetry, selfNextHop);
    }

    public NeighborConfig withConnectRetry(Duration v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, gracefulRestart, localAddress,
                routeReflectorClient, nextHopSelf, maxPrefixes, v, selfNextHop);
    }

    public NeighborConfig withSelfNextHop(InetAddress v) {
        return new NeighborConfig(address, port, remoteAs, families, passive, holdTime, gracefulRestart, localAddress,
                routeReflectorClient, nextHopSelf, maxPrefixes, connectRetry, Optional.of(v));
    }
}
