package io.nvo3.bgp.speaker;

import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One destination of a Loc-RIB dump.
 *
 * @param best   the best path's attributes
 * @param peer   who sent it; empty when it is ours
 * @param stale  kept for a restarting neighbor or during an enhanced route refresh
 * @param paths  how many paths the RIB holds for the destination
 */
public record RibEntry(Nlri nlri, RouteAttributes best, Optional<InetAddress> peer, boolean stale, int paths) {}
