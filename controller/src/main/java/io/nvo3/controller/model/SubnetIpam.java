package io.nvo3.controller.model;

import io.nvo3.model.AllocationPool;
import io.nvo3.model.Cidr;
import io.nvo3.model.IpAddresses;
import io.nvo3.model.IpRangeSet;
import io.nvo3.model.Subnet;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The addresses of one subnet: a range set of free pool addresses (so finding a free one
 * never scans the ports) plus every address in use, inside the pools or not.
 * Guarded by the model's lock.
 */
final class SubnetIpam {
    final Cidr cidr;
    private List<AllocationPool> pools;
    private final IpRangeSet free = new IpRangeSet();
    private final Set<BigInteger> used = new HashSet<>();

    SubnetIpam(Subnet s) {
        this.cidr = s.parsedCidr();
        this.pools = s.allocationPools();
        rebuild();
    }

    private void rebuild() {
        for (AllocationPool p : pools) {
            free.add(p.first(), p.last());
        }
        for (BigInteger u : used) {
            free.remove(u);
        }
    }

    void setPools(List<AllocationPool> newPools) {
        // drain and rebuild: pool changes are rare
        while (free.takeLowest().isPresent()) {
            // empty
        }
        this.pools = newPools;
        rebuild();
    }

    Optional<String> allocateAny() {
        return free.takeLowest().map(v -> {
            used.add(v);
            return IpAddresses.format(IpAddresses.fromBigInteger(v, cidr.version()));
        });
    }

    /** Marks {@code ip} used; false when it already is. */
    boolean allocate(String ip) {
        BigInteger v = IpAddresses.toBigInteger(IpAddresses.parse("ip_address", ip));
        if (!used.add(v)) {
            return false;
        }
        free.remove(v);
        return true;
    }

    void release(String ip) {
        BigInteger v = IpAddresses.toBigInteger(IpAddresses.parse("ip_address", ip));
        if (used.remove(v)) {
            for (AllocationPool p : pools) {
                if (p.contains(v)) {
                    free.add(v);
                    break;
                }
            }
        }
    }

    boolean isUsed(String ip) {
        return used.contains(IpAddresses.toBigInteger(IpAddresses.parse("ip_address", ip)));
    }

    int usedCount() {
        return used.size();
    }
}
