package io.nvo3.bgp.rib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decision process of RFC 4271 §9.1.2.2 with the route-reflection tie-breakers of RFC 4456 §9.
 * Steps that narrow the candidate set are applied in order, as the RFC describes them; IGP cost
 * to the next hop (step e) is not considered (every next hop is taken as equally near).
 */
public final class BestPath {
    private BestPath() {}

    /** The index of the best of {@code paths} (non-empty), or -1 for an empty array. */
    public static int select(Path[] paths) {
        if (paths.length == 0) {
            return -1;
        }
        if (paths.length == 1) {
            return 0;
        }
        List<Integer> c = new ArrayList<>(paths.length);
        for (int i = 0; i < paths.length; i++) {
            c.add(i);
        }
        // RFC 4271 §9.1.1: the degree of preference is LOCAL_PREF for internal routes (and policy for
        // external ones, where our import sets the default); highest wins.
        keepMax(c, i -> paths[i].attributes().localPref());
        // Locally originated routes win over learned ones (a common implementation rule, like FRR's weight).
        keepMax(c, i -> paths[i].peer().local() ? 1 : 0);
        // a) "Remove from consideration all routes that are not tied for having the smallest number of AS numbers present in their AS_PATH"
        keepMin(c, i -> paths[i].attributes().asPathLength());
        // b) "Remove from consideration all routes that are not tied for having the lowest Origin number"
        keepMin(c, i -> paths[i].attributes().origin());
        // c) "Remove from consideration routes with less-preferred MULTI_EXIT_DISC attributes. MULTI_EXIT_DISC is
        // only comparable between routes learned from the same neighboring AS".
        List<Integer> afterMed = new ArrayList<>();
        for (int i : c) {
            long as = paths[i].attributes().neighborAs();
            long med = paths[i].attributes().med();
            boolean beaten = false;
            for (int j : c) {
                if (paths[j].attributes().neighborAs() == as && paths[j].attributes().med() < med) {
                    beaten = true;
                    break;
                }
            }
            if (!beaten) {
                afterMed.add(i);
            }
        }
        c = afterMed;
        // d) "If at least one of the candidate routes was received via EBGP, remove from consideration all
        // routes that were received via IBGP."
        keepMax(c, i -> paths[i].peer().external() ? 1 : 0);
        // e) interior cost: not considered.
        // f) "Remove from consideration all routes other than the route that was advertised by the BGP speaker
        // with the lowest BGP Identifier value" — RFC 4456 §9: "the ORIGINATOR_ID SHOULD be treated as the BGP
        // Identifier of the BGP speaker that has advertised the route".
        keepMin(c, i -> paths[i].attributes().originatorId() >= 0 ? paths[i].attributes().originatorId()
                : paths[i].peer().bgpIdentifier());
        // RFC 4456 §9: "a BGP Speaker SHOULD prefer a route with the shorter CLUSTER_LIST length".
        keepMin(c, i -> paths[i].attributes().clusterListLength());
        // g) "Prefer the route received from the lowest peer address."
        if (c.size() > 1) {
            int best = c.getFirst();
            for (int i : c) {
                if (compareAddress(paths[i].peer(), paths[best].peer()) < 0) {
                    best = i;
                }
            }
            return best;
        }
        return c.getFirst();
    }

    private interface Key {
        long of(int i);
    }

    private static void keepMax(List<Integer> c, Key k) {
        if (c.size() < 2) {
            return;
        }
        long max = Long.MIN_VALUE;
        for (int i : c) {
            max = Math.max(max, k.of(i));
        }
        final long m = max;
        c.removeIf(i -> k.of(i) != m);
    }

    private static void keepMin(List<Integer> c, Key k) {
        if (c.size() < 2) {
            return;
        }
        long min = Long.MAX_VALUE;
        for (int i : c) {
            min = Math.min(min, k.of(i));
        }
        final long m = min;
        c.removeIf(i -> k.of(i) != m);
    }

    private static int compareAddress(PeerRef a, PeerRef b) {
        if (a.local() || b.local()) {
            return Boolean.compare(!a.local(), !b.local());
        }
        return Arrays.compareUnsigned(a.address().getAddress(), b.address().getAddress());
    }
}
