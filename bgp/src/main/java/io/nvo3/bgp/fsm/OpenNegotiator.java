package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.errors.BgpNotificationException;
import io.nvo3.bgp.wire.errors.OpenSubcode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Validates a received OPEN against our settings (RFC 4271 §6.2) and works out what the session uses. */
public final class OpenNegotiator {
    private OpenNegotiator() {}

    public static Negotiated negotiate(LocalOpen local, PeerOpen peer) throws BgpNotificationException {
        // RFC 4271 §6.2: "If the version number in the Version field of the received OPEN message is
        // not supported, then the Error Subcode MUST be set to Unsupported Version Number. The Data
        // field is a 2-octet unsigned integer, which indicates ... the largest, locally-supported version".
        if (peer.version() != 4) {
            throw new BgpNotificationException(OpenSubcode.UNSUPPORTED_VERSION_NUMBER, Bytes.of((byte) 0, (byte) 4),
                    "peer speaks BGP version " + peer.version());
        }
        long fourOctet = -1;
        boolean routeRefresh = false;
        boolean enhanced = false;
        boolean extended = false;
        Capability.GracefulRestart gr = null;
        Set<AfiSafi> peerFamilies = new LinkedHashSet<>();
        for (Capability c : peer.capabilities()) {
            switch (c) {
                case Capability.Multiprotocol mp -> peerFamilies.add(mp.family());
                case Capability.RouteRefresh rr -> routeRefresh = true;
                case Capability.EnhancedRouteRefresh err -> enhanced = true;
                case Capability.ExtendedMessage em -> extended = true;
                case Capability.FourOctetAs f -> fourOctet = f.asNumber();
                case Capability.GracefulRestart g -> gr = g;
                case Capability.AddPath ap -> { } // not announced by us, so not used (RFC 7911 §4)
                case Capability.Fqdn fq -> { }
                case Capability.UnknownCapability u -> { }
            }
        }
        // RFC 6793 §4.1: a NEW speaker "MUST use the AS number in the capability" when present.
        long peerAs = fourOctet >= 0 ? fourOctet : peer.myAs();
        // RFC 4271 §6.2: "If the Autonomous System field of the OPEN message is unacceptable, then the
        // Error Subcode MUST be set to Bad Peer AS."
        if (peerAs != local.remoteAs()) {
            throw new BgpNotificationException(OpenSubcode.BAD_PEER_AS, Bytes.of((byte) (peer.myAs() >>> 8), (byte) peer.myAs()),
                    "peer announced AS " + peerAs + ", configured " + local.remoteAs());
        }
        // RFC 4271 §6.2: "An implementation MUST reject Hold Time values of one or two seconds."
        if (peer.holdTime() == 1 || peer.holdTime() == 2) {
            throw new BgpNotificationException(OpenSubcode.UNACCEPTABLE_HOLD_TIME, "hold time " + peer.holdTime());
        }
        // RFC 6286 §2.2: the BGP Identifier is "a 4-octet, unsigned, non-zero integer"; and §2.1: it
        // "SHOULD be unique within the AS" — for iBGP the same identifier as ours is an error.
        if (peer.bgpIdentifier() == 0 || (!local.external() && peer.bgpIdentifier() == local.bgpIdentifier())) {
            throw new BgpNotificationException(OpenSubcode.BAD_BGP_IDENTIFIER, "BGP identifier " + peer.bgpIdentifier());
        }
        // RFC 4760 §8: a speaker that announces no Multiprotocol capability does IPv4 unicast only.
        if (peerFamilies.isEmpty()) {
            peerFamilies.add(AfiSafi.IPV4_UNICAST);
        }
        Set<AfiSafi> families = new LinkedHashSet<>(local.families());
        families.retainAll(peerFamilies);
        if (families.isEmpty()) {
            // RFC 5492 §5: Unsupported Capability, "the Data field ... contains the capability ... that is
            // not supported" — here our Multiprotocol capabilities, none of which the peer shares.
            io.nvo3.bgp.wire.WireWriter w = new io.nvo3.bgp.wire.WireWriter();
            local.capabilities().stream().filter(c -> c instanceof Capability.Multiprotocol)
                    .forEach(c -> io.nvo3.bgp.wire.capabilities.CapabilityCodec.encode(c, w));
            throw new BgpNotificationException(OpenSubcode.UNSUPPORTED_CAPABILITY, Bytes.of(w.toByteArray()),
                    "no common address family: ours " + local.families() + ", peer's " + peerFamilies);
        }
        int hold = Math.min(local.holdTime(), peer.holdTime());
        Optional<Capability.GracefulRestart> peerGr = local.gracefulRestart().isPresent()
                ? Optional.ofNullable(gr) : Optional.empty();
        return new Negotiated(peerAs, peer.bgpIdentifier(), hold, families, fourOctet >= 0, routeRefresh && local.routeRefresh(),
                enhanced && local.enhancedRouteRefresh(), extended && local.extendedMessage(), peerGr, local.external(),
                peer.capabilities());
    }
}
