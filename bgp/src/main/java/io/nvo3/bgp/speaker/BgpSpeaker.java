package io.nvo3.bgp.speaker;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An embeddable BGP speaker: sessions, RIBs, best path, route reflection, graceful restart, RT
 * constraint. All work happens on one event loop; every method here is thread-safe and may be
 * called from any thread except a {@link RouteListener} callback (which runs on that loop).
 */
public interface BgpSpeaker extends AutoCloseable {

    /** Binds the listener (if any) and starts every configured neighbor. */
    static BgpSpeaker start(SpeakerConfig config) {
        return SpeakerImpl.start(config);
    }

    /** The address actually listened on (with the port chosen when 0 was configured). */
    Optional<InetSocketAddress> listenAddress();

    /** Adds and starts a neighbor; replaces one with the same address (Cease / Other Configuration Change). */
    void addNeighbor(NeighborConfig neighbor);

    /** Stops (Cease / Peer De-configured) and forgets a neighbor, withdrawing its routes. */
    void removeNeighbor(InetAddress address);

    /**
     * Originates (or replaces) our route to {@code nlri}. {@code attributes} must not hold NEXT_HOP
     * or MP_REACH/MP_UNREACH; ORIGIN and AS_PATH default to IGP and empty. A null next hop means "our
     * address on each session".
     */
    void originate(AfiSafi family, Nlri nlri, List<PathAttribute> attributes, InetAddress nextHop);

    /** Withdraws our route to {@code nlri}. */
    void withdraw(AfiSafi family, Nlri nlri);

    /**
     * Withdraws and originates our routes in one step, in the given order: each neighbor gets them in as few UPDATEs
     * as their families and attributes allow (a MAC/IP route and the MAC-only route of one VM share one), where
     * {@link #originate} and {@link #withdraw} one by one send one UPDATE each.
     */
    void update(List<LocalRouteChange> changes);

    /** Listens to best-path changes of every family; returns a handle that unsubscribes on close. */
    AutoCloseable subscribe(RouteListener listener);

    List<NeighborStatus> neighbors();

    /** The Loc-RIB of a family: every destination with its best path. */
    List<RibEntry> rib(AfiSafi family);

    /**
     * The route targets we import (RFC 4684): advertised as RT-constraint routes to neighbors that
     * negotiated the family, replacing the previous set.
     */
    void setImportTargets(Set<ExtendedCommunity.RouteTarget> routeTargets);

    /** Asks a neighbor to send a family again (ROUTE-REFRESH, RFC 2918). */
    void requestRefresh(InetAddress neighbor, AfiSafi family);

    /** Stops every session with Cease / Administrative Shutdown and releases the event loop. */
    @Override
    void close();

    /**
     * Drops every session without NOTIFICATION and releases the event loop, as a crash would (the
     * neighbors' graceful-restart helpers keep our routes). For tests and controlled failover.
     */
    void abort();
}
