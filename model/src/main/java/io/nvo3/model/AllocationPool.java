package io.nvo3.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** An inclusive address range of a subnet ({@code start}..{@code end}), canonical text. */
public record AllocationPool(String start, String end) {
    public AllocationPool {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        var s = IpAddresses.parse("allocation_pools", start);
        var e = IpAddresses.parse("allocation_pools", end);
        if (IpAddresses.version(s) != IpAddresses.version(e)) {
            throw new InvalidValueException("allocation_pools", "pool " + start + "-" + end + " mixes IP versions");
        }
        if (IpAddresses.toBigInteger(s).compareTo(IpAddresses.toBigInteger(e)) > 0) {
            throw new InvalidValueException("allocation_pools", "pool start " + start + " is after its end " + end);
        }
        start = IpAddresses.format(s);
        end = IpAddresses.format(e);
    }

    public BigInteger first() {
        return IpAddresses.toBigInteger(IpAddresses.parse("start", start));
    }

    public BigInteger last() {
        return IpAddresses.toBigInteger(IpAddresses.parse("end", end));
    }

    public int version() {
        return start.indexOf(':') >= 0 ? 6 : 4;
    }

    public boolean contains(BigInteger ip) {
        return ip.compareTo(first()) >= 0 && ip.compareTo(last()) <= 0;
    }

    /**
     * Neutron's default pools: the whole CIDR minus the network address (and, for IPv4, the
     * broadcast address), minus the gateway address when there is one.
     */
    public static List<AllocationPool> defaults(Cidr cidr, String gatewayIp) {
        BigInteger first = cidr.first();
        BigInteger last = cidr.last();
        if (cidr.version() == 4 && cidr.prefixLength() <= 30) {
            first = first.add(BigInteger.ONE);
            last = last.subtract(BigInteger.ONE);
        } else if (cidr.version() == 6 && cidr.prefixLength() < 127) {
            // Neutron keeps the subnet-router anycast address (the ::0 of the prefix) out of the pools
            first = first.add(BigInteger.ONE);
        }
        List<AllocationPool> out = new ArrayList<>();
        BigInteger gw = gatewayIp == null ? null : IpAddresses.toBigInteger(IpAddresses.parse("gateway_ip", gatewayIp));
        if (gw != null && gw.compareTo(first) >= 0 && gw.compareTo(last) <= 0) {
            if (gw.compareTo(first) > 0) {
                out.add(of(first, gw.subtract(BigInteger.ONE), cidr.version()));
            }
            if (gw.compareTo(last) < 0) {
                out.add(of(gw.add(BigInteger.ONE), last, cidr.version()));
            }
        } else if (first.compareTo(last) <= 0) {
            out.add(of(first, last, cidr.version()));
        }
        return out;
    }

    public static AllocationPool of(BigInteger first, BigInteger last, int version) {
        return new AllocationPool(IpAddresses.format(IpAddresses.fromBigInteger(first, version)),
                IpAddresses.format(IpAddresses.fromBigInteger(last, version)));
    }

    /** Checks that the pools lie inside the CIDR and do not overlap each other; names the field. */
    public static void validate(Cidr cidr, List<AllocationPool> pools) {
        for (AllocationPool p : pools) {
            if (p.version() != cidr.version() || p.first().compareTo(cidr.first()) < 0
                    || p.last().compareTo(cidr.last()) > 0) {
                throw new InvalidValueException("allocation_pools",
                        "The allocation pool " + p.start + "-" + p.end + " spans beyond the subnet cidr " + cidr + ".");
            }
        }
        List<AllocationPool> sorted = new ArrayList<>(pools);
        sorted.sort(Comparator.comparing(AllocationPool::first));
        for (int i = 1; i < sorted.size(); i++) {
            AllocationPool a = sorted.get(i - 1), b = sorted.get(i);
            if (b.first().compareTo(a.last()) <= 0) {
                throw new InvalidValueException("allocation_pools", "Found overlapping allocation pools: "
                        + a.start + "-" + a.end + " and " + b.start + "-" + b.end + ".");
            }
        }
    }
}
