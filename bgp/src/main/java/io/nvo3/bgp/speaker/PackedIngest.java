package io.nvo3.bgp.speaker;

import io.nvo3.bgp.rib.BestChange;
import io.nvo3.bgp.rib.LocRib;
import io.nvo3.bgp.rib.NlriKeys;
import io.nvo3.bgp.rib.Path;
import io.nvo3.bgp.rib.PeerRef;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.PackedEvpnMacIp;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
import io.nvo3.bgp.wire.nlri.PackedMpNlri;
import io.nvo3.bgp.wire.nlri.PackedVpn4Prefixes;
import java.util.Set;

/**
 * A neighbor's routes that came packed ({@link io.nvo3.bgp.wire.message.UpdateDecodeResult#packedNlri},
 * {@link io.nvo3.bgp.wire.message.UpdateDecodeResult#packedMpReach}) put straight into the RIB: the
 * attribute set the UPDATE's routes share was imported once, all of them share one {@link Path}, the RIB
 * is keyed by the values read from the octets, and best-path change objects are built only when a
 * listener or another neighbor wants them ({@link SpeakerImpl#neighborsWant}, {@link SpeakerImpl#hasListeners}).
 * Runs on the speaker's event loop, for {@link NeighborSession} once its import policy accepted the attributes.
 */
final class PackedIngest {
    private PackedIngest() {}

    /** The IPv4 NLRI field; returns how many paths were added (not replaced). */
    static int ipv4(SpeakerImpl sp, LocRib rib, int neighborId, PeerRef peer, RouteAttributes attrs, PackedIpv4Prefixes nlri, Set<Nlri> rejected) {
        boolean want = sp.neighborsWant(rib.family(), neighborId) || sp.hasListeners();
        Path shared = new Path(null, peer, attrs, false);
        if (!want && rejected.isEmpty()) {
            // The usual case while a table comes in: no change objects, no rejected route to forget.
            return rib.putIpv4All(nlri, shared);
        }
        byte[] b = nlri.buf();
        int added = 0;
        for (int p = nlri.start(); p < nlri.end(); p = PackedIpv4Prefixes.next(b, p)) {
            if (!rejected.isEmpty()) {
                rejected.remove(PackedIpv4Prefixes.prefix(b, p));
            }
            BestChange change = rib.putIpv4(PackedIpv4Prefixes.address(b, p), PackedIpv4Prefixes.bits(b, p), shared, want);
            if (rib.lastPutAdded()) {
                added++;
            }
            if (change != null) {
                sp.propagate(change);
            }
        }
        return added;
    }

    /** The NLRI of an MP_REACH_NLRI (VPN-IPv4 or EVPN MAC/IP); returns how many paths were added (not replaced). */
    static int mpReach(SpeakerImpl sp, LocRib rib, int neighborId, PeerRef peer, RouteAttributes attrs, PackedMpNlri nlri, Set<Nlri> rejected) {
        boolean neighborsWant = sp.neighborsWant(rib.family(), neighborId);
        Path shared = new Path(null, peer, attrs, false);
        byte[] b = nlri.buf();
        boolean vpn = nlri instanceof PackedVpn4Prefixes;
        int added = 0;
        for (int p = nlri.start(); p < nlri.end(); p = vpn ? PackedVpn4Prefixes.next(b, p) : PackedEvpnMacIp.next(b, p)) {
            if (!rejected.isEmpty()) {
                rejected.remove(NlriKeys.key(vpn ? PackedVpn4Prefixes.prefix(b, p) : PackedEvpnMacIp.route(b, p)));
            }
            boolean want = neighborsWant || sp.hasListeners();
            BestChange change = switch (nlri) {
                case PackedVpn4Prefixes v -> rib.putVpn4(PackedVpn4Prefixes.rd(b, p), PackedVpn4Prefixes.address(b, p),
                        PackedVpn4Prefixes.bits(b, p), PackedVpn4Prefixes.label(b, p), shared, want);
                case PackedEvpnMacIp e -> rib.putEvpnMac(PackedEvpnMacIp.rd(b, p), PackedEvpnMacIp.ethernetTag(b, p), PackedEvpnMacIp.mac(b, p),
                        PackedEvpnMacIp.hasIp(b, p), PackedEvpnMacIp.ipv4(b, p), PackedEvpnMacIp.label1(b, p), shared, want);
            };
            if (rib.lastPutAdded()) {
                added++;
            }
            if (change != null) {
                sp.propagate(change);
            }
        }
        return added;
    }
}
