package io.nvo3.controller.federation.wiring;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Optional;

/**
 * What federation does now, for {@code GET /api/v1/bgp/vns}: per VN its RD and RTs, the routes it exports and the
 * remote MACs / flood members it imported, each with the peer and next hop it came from.
 *
 * @param bgpConfigured  false without a {@code bgp:} section (nothing is exported or imported)
 * @param importReady    false while a restarted controller still keeps the remote entries it had before
 * @param held           remote entries kept although import no longer has them (hold-down, restart deferral)
 * @param importTargets  the route targets announced for RT constraint (RFC 4684)
 * @param skipped        received routes that were malformed or unusable (own and foreign routes are not listed)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FederationView(boolean bgpConfigured, boolean importReady, int held, List<String> importTargets,
                             List<Vn> vns, List<String> conflicts, List<Skipped> skipped) {
    public static final FederationView EMPTY = new FederationView(false, true, 0, List.of(), List.of(), List.of(),
            List.of());

    public FederationView {
        importTargets = List.copyOf(importTargets);
        vns = List.copyOf(vns);
        conflicts = List.copyOf(conflicts);
        skipped = List.copyOf(skipped);
    }

    public Optional<Vn> vn(String networkId) {
        return vns.stream().filter(v -> v.networkId().equals(networkId)).findFirst();
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Vn(String networkId, int localVni, int advertisedVni, String rd, List<String> importTargets,
                     List<String> exportTargets, List<String> warnings, List<Exported> exported,
                     List<RemoteMacRoute> remoteMacs, List<RemoteFlood> floodMembers, List<LocalMac> mobility) {
        public Vn {
            mobility = List.copyOf(mobility);
            importTargets = List.copyOf(importTargets);
            exportTargets = List.copyOf(exportTargets);
            warnings = List.copyOf(warnings);
            exported = List.copyOf(exported);
            remoteMacs = List.copyOf(remoteMacs);
            floodMembers = List.copyOf(floodMembers);
        }
    }

    /**
     * One route this domain originates for the VN; {@code sequence} is the MAC Mobility sequence number of a MAC/IP
     * route (0 when it carries no community), null for other route types.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Exported(String route, String nextHop, Long sequence) {}

    /**
     * RFC 7432 §15 state of one local MAC of the VN: the sequence chosen, whether its MAC/IP routes are withdrawn
     * because another domain's route won ({@code winner_vtep}, {@code winner_sequence}), and whether it was found to
     * be a duplicate MAC.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LocalMac(String mac, String vtep, long sequence, boolean withdrawn, String winnerVtep,
                           Long winnerSequence, boolean duplicate) {}

    /**
     * One received MAC/IP route imported into the VN; {@code selected} = it won the RFC 7432 §15 choice and is in the
     * FIB.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RemoteMacRoute(String mac, String ip, String vtep, int vni, String rd, String nextHop, String peer,
                                 long sequence, boolean selected) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RemoteFlood(String vtep, int vni, String rd, String nextHop, String peer) {}

    /** A received route that gave nothing, with why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Skipped(String route, String peer, String reason, String detail) {}
}
