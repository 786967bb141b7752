package io.nvo3.controller.federation;

import io.nvo3.model.Network;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The routing of every VN from the live services: the glue wiring needs between the model, the BGPVPN
 * resources and the RD allocations. Not pure: a VN without an RD number gets one (a store write).
 */
public final class VnRoutingTable {
    private VnRoutingTable() {}

    /** One {@link VnRouting} per network, by network id. */
    public static List<VnRouting> compute(Collection<Network> networks, BgpVpnService bgpvpns, RdAllocator rds,
                                          LocalDomain domain) {
        List<VnRouting> out = new ArrayList<>(networks.size());
        for (Network n : networks) {
            out.add(VnRoutings.compute(n.id(), n.vni(), rds.allocate(n.id()), domain, bgpvpns.bgpvpnsOfNetwork(n.id())));
        }
        out.sort(Comparator.comparing(VnRouting::networkId));
        return List.copyOf(out);
    }
}
