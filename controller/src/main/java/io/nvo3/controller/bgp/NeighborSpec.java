package io.nvo3.controller.bgp;

import io.nvo3.bgp.speaker.NeighborConfig;
import io.nvo3.bgp.wire.AfiSafi;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One neighbor as the operator configures it (YAML {@code bgp.neighbors[]} or
 * {@code POST /api/v1/bgp/neighbors}); {@link BgpConfigParser} documents every key.
 *
 * @param families     in the order given, without duplicates
 * @param description  free text shown by the API and CLI
 * @param selfNextHop  the next hop we announce as ourselves toward this neighbor (key {@code self-next-hop})
 */
public record NeighborSpec(InetAddress address, int port, long remoteAs, List<BgpFamily> families, boolean passive,
        int holdTime, boolean gracefulRestart, Optional<InetAddress> localAddress, boolean routeReflectorClient,
        boolean nextHopSelf, int maxPrefixes, Optional<String> description, Optional<InetAddress> selfNextHop,
        Duration connectRetry) {

    public static final int DEFAULT_PORT = 179;
    public static final int DEFAULT_HOLD_TIME = 90;
    public static final Duration DEFAULT_CONNECT_RETRY = Duration.ofSeconds(1);
    public static final List<BgpFamily> DEFAULT_FAMILIES = List.of(BgpFamily.L2VPN_EVPN);

    public NeighborSpec {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new BgpConfigException("port", "must be 1..65535, got " + port);
        }
        if (remoteAs < 1 || remoteAs > 0xffff_ffffL) {
            throw new BgpConfigException("remote-as", "must be 1..4294967295, got " + remoteAs);
        }
        families = List.copyOf(new LinkedHashSet<>(families));
        if (families.isEmpty()) {
            throw new BgpConfigException("families", "at least one family (known: " + BgpFamily.known() + ")");
        }
        if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) {
            throw new BgpConfigException("hold-time", "must be 0 or 3..65535 seconds, got " + holdTime);
        }
        Objects.requireNonNull(localAddress, "localAddress");
        if (maxPrefixes < 0) {
            throw new BgpConfigException("max-prefixes", "must be >= 0 (0 = no limit), got " + maxPrefixes);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(selfNextHop, "selfNextHop");
        Objects.requireNonNull(connectRetry, "connectRetry");
    }

    /** A neighbor with every default: port 179, l2vpn-evpn, active, hold time 90 s, graceful restart on. */
    public static NeighborSpec of(InetAddress address, long remoteAs) {
        return new NeighborSpec(address, DEFAULT_PORT, remoteAs, DEFAULT_FAMILIES, false, DEFAULT_HOLD_TIME, true,
                Optional.empty(), false, false, 0, Optional.empty(), Optional.empty(), DEFAULT_CONNECT_RETRY);
    }

    public Set<AfiSafi> afiSafis() {
        return families.stream().map(BgpFamily::afiSafi).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** What the speaker runs with. */
    public NeighborConfig toSpeakerConfig() {
        return new NeighborConfig(address, port, remoteAs, afiSafis(), passive, holdTime, gracefulRestart, localAddress,
                routeReflectorClient, nextHopSelf, maxPrefixes, connectRetry, selfNextHop);
    }
}
