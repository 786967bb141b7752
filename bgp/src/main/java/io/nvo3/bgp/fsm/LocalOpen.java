package io.nvo3.bgp.fsm;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.capabilities.Capability;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What we put in our OPEN toward one neighbor and what we expect of theirs.
 *
 * @param localAs              our AS (4-octet capable)
 * @param bgpIdentifier        our BGP Identifier, unsigned 32 bits, non-zero
 * @param remoteAs             the AS the neighbor must announce
 * @param holdTime             our proposed hold time: 0 or at least 3 seconds
 * @param families             the AFI/SAFIs we announce with Multiprotocol capabilities
 * @param routeRefresh         announce route refresh (RFC 2918)
 * @param enhancedRouteRefresh announce enhanced route refresh (RFC 7313)
 * @param extendedMessage      announce extended messages (RFC 8654)
 * @param gracefulRestart      our graceful-restart capability, if any (RFC 4724)
 */
public record LocalOpen(long localAs, long bgpIdentifier, long remoteAs, int holdTime, Set<AfiSafi> families,
        boolean routeRefresh, boolean enhancedRouteRefresh, boolean extendedMessage,
        Optional<GracefulRestartConfig> gracefulRestart) {

    /** RFC 6793 §9: "AS_TRANS ... 23456". */
    public static final int AS_TRANS = 23456;

    public LocalOpen {
        if (localAs <= 0 || localAs > 0xffff_ffffL) {
            throw new IllegalArgumentException("localAs out of range: " + localAs);
        }
        if (remoteAs <= 0 || remoteAs > 0xffff_ffffL) {
            throw new IllegalArgumentException("remoteAs out of range: " + remoteAs);
        }
        if (bgpIdentifier <= 0 || bgpIdentifier > 0xffff_ffffL) {
            throw new IllegalArgumentException("bgpIdentifier must be a non-zero 32-bit value");
        }
        // RFC 4271 §4.2: "The Hold Time MUST be either zero or at least three seconds."
        if (holdTime != 0 && (holdTime < 3 || holdTime > 0xffff)) {
            throw new IllegalArgumentException("holdTime must be 0 or 3..65535: " + holdTime);
        }
        families = Set.copyOf(new LinkedHashSet<>(families));
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families: at least one");
        }
        Objects.requireNonNull(gracefulRestart);
    }

    /**
     * Graceful-restart settings (RFC 4724 §3).
     *
     * @param restartTimeSeconds   "the estimated time (in seconds) it will take for the BGP session to be re-established after a restart"
     * @param restarting           the Restart State (R) bit: set when we just restarted
     * @param forwardingPreserved  families for which we set "Forwarding State" (F)
     */
    public record GracefulRestartConfig(int restartTimeSeconds, boolean restarting, Set<AfiSafi> forwardingPreserved) {
        public GracefulRestartConfig {
            if (restartTimeSeconds < 0 || restartTimeSeconds > 0xfff) {
                throw new IllegalArgumentException("restart time must fit 12 bits");
            }
            forwardingPreserved = Set.copyOf(forwardingPreserved);
        }
    }

    public boolean external() {
        return localAs != remoteAs;
    }

    /** The 2-octet My Autonomous System field: RFC 6793 §4.1 puts AS_TRANS there for a 4-octet AS. */
    public int myAsField() {
        return localAs > 0xffff ? AS_TRANS : (int) localAs;
    }

    /** The capabilities of our OPEN, in a stable order. */
    public List<Capability> capabilities() {
        var caps = new ArrayList<Capability>();
        families.stream().sorted((a, b) -> a.afi() != b.afi() ? Integer.compare(a.afi(), b.afi()) : Integer.compare(a.safi(), b.safi()))
                .forEach(f -> caps.add(new Capability.Multiprotocol(f)));
        if (routeRefresh) {
            caps.add(new Capability.RouteRefresh());
        }
        if (enhancedRouteRefresh) {
            caps.add(new Capability.EnhancedRouteRefresh());
        }
        if (extendedMessage) {
            caps.add(new Capability.ExtendedMessage());
        }
        gracefulRestart.ifPresent(gr -> caps.add(new Capability.GracefulRestart(gr.restarting(), false,
                gr.restartTimeSeconds(), families.stream().sorted((a, b) -> a.afi() != b.afi() ? Integer.compare(a.afi(), b.afi())
                        : Integer.compare(a.safi(), b.safi()))
                        .map(f -> new Capability.GracefulRestartFamily(f, gr.forwardingPreserved().contains(f))).toList())));
        caps.add(new Capability.FourOctetAs(localAs));
        return caps;
    }

    public LocalOpen withGracefulRestart(Optional<GracefulRestartConfig> gr) {
        return new LocalOpen(localAs, bgpIdentifier, remoteAs, holdTime, families, routeRefresh, enhancedRouteRefresh,
                extendedMessage, gr);
    }
}
