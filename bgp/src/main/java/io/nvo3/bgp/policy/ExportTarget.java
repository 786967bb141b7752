package io.nvo3.bgp.policy;

import java.net.InetAddress;

/**
 * The neighbor a route is being exported to.
 *
 * @param peerId       its {@link io.nvo3.bgp.rib.PeerRef#id()}
 * @param external     eBGP
 * @param rrClient     it is our route-reflector client
 * @param localAddress our address on the session, used for next-hop-self
 * @param nextHopSelf  always rewrite the next hop to {@code localAddress}
 */
public record ExportTarget(int peerId, boolean external, boolean rrClient, InetAddress localAddress, boolean nextHopSelf) {}
