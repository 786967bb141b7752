package io.nvo3.controller.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.bgp.speaker.BgpSpeaker;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The controller's BGP: the speaker started from the {@code bgp:} configuration section, runtime
 * neighbor changes, status and RIB views for the API and CLI, and metrics.
 *
 * <p>When the configuration has no {@code bgp:} section the service is "not configured": every call
 * but {@link #configured()} and {@link #close()} throws {@link BgpServiceException.NotConfigured}.
 * Neighbors added at runtime live until the controller stops (the YAML file stays the source of truth).
 */
public interface BgpService extends AutoCloseable {

    /**
     * Validates {@code bgpSection} (null = BGP off) and starts the speaker.
     *
     * @throws BgpConfigException (an IllegalArgumentException) naming the key path at fault, also when the
     *                            listen address cannot be bound
     */
    static BgpService start(JsonNode bgpSection, MeterRegistry meters) {
        if (bgpSection == null || bgpSection.isNull() || bgpSection.isMissingNode()) {
            return notConfigured();
        }
        return start(BgpConfigParser.parse(bgpSection), meters, Clock.systemUTC());
    }

    static BgpService start(BgpSettings settings, MeterRegistry meters, Clock clock) {
        return SpeakerBgpService.start(settings, meters, clock);
    }

    static BgpService notConfigured() {
        return new DisabledBgpService();
    }

    boolean configured();

    BgpSettings settings();

    /** Where the speaker accepts connections (the real port when 0 was configured). */
    Optional<InetSocketAddress> listenAddress();

    /** Every neighbor in configuration order (YAML first, then API additions). */
    List<NeighborView> neighbors();

    Optional<NeighborView> neighbor(InetAddress address);

    /** Adds and starts a neighbor. @throws BgpServiceException.Conflict when its address is taken */
    NeighborView addNeighbor(NeighborSpec spec);

    /** Stops (Cease / Peer De-configured) and forgets a neighbor. @throws BgpServiceException.NotFound */
    void removeNeighbor(InetAddress address);

    /** The Loc-RIB of a family, best paths only, in the speaker's order. */
    List<RibRoute> rib(BgpFamily family);

    /**
     * The route targets this controller imports (RFC 4684 RT constraint), replacing the previous set. While the set is
     * empty we announce the default RT membership (prefix length 0, "send me every route"), so that a peer that
     * negotiated {@code rtc} still sends its VPN and EVPN routes; a non-empty set replaces that wildcard by one
     * membership route per target. Use this rather than {@code speaker().setImportTargets}.
     */
    void setImportTargets(Set<ExtendedCommunity.RouteTarget> routeTargets);

    /** The running speaker, for route export/import (federation). */
    Optional<BgpSpeaker> speaker();

    @Override
    void close();
}
