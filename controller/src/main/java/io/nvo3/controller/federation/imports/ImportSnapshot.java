package io.nvo3.controller.federation.imports;

import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of {@link EvpnImport#compute}: what the FIB should hold ({@link #remoteMacs()},
 * {@link #floodMembers()}, both in a deterministic order) and the detail behind it.
 *
 * @param macRoutes      every accepted MAC/IP route per VN, selected or not
 * @param floodRoutes    every accepted IMET route per VN
 * @param ipPrefixRoutes type 5 routes kept for later
 * @param skipped        routes that gave nothing, with the reason
 */
public record ImportSnapshot(Set<RemoteMac> remoteMacs, Set<RemoteFloodMember> floodMembers, List<MacRoute> macRoutes,
                             List<FloodRoute> floodRoutes, List<KeptIpPrefix> ipPrefixRoutes,
                             List<SkippedRoute> skipped) {
    public static final ImportSnapshot EMPTY = new ImportSnapshot(Set.of(), Set.of(), List.of(), List.of(), List.of(),
            List.of());

    public ImportSnapshot {
        remoteMacs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(remoteMacs));
        floodMembers = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(floodMembers));
        macRoutes = List.copyOf(macRoutes);
        floodRoutes = List.copyOf(floodRoutes);
        ipPrefixRoutes = List.copyOf(ipPrefixRoutes);
        skipped = List.copyOf(skipped);
    }

    /** Only the skipped routes that were malformed or unusable ({@link SkipReason#error()}). */
    public List<SkippedRoute> errors() {
        return skipped.stream().filter(s -> s.reason().error()).toList();
    }
}
