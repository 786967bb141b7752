package io.nvo3.fib.flow;

import io.nvo3.fib.flow.MatchField.EthType;
import io.nvo3.fib.flow.MatchField.Icmpv6Type;
import io.nvo3.fib.flow.MatchField.IpProto;
import io.nvo3.fib.flow.MatchField.Kind;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A flow match: at most one field per kind, kept sorted by kind, with the OpenFlow 1.3 prerequisites checked
 * (section 7.2.3.6: "The presence of an OXM TLV with a given oxm_field may be restricted based on the presence or
 * values of other OXM TLVs" — OVS refuses such flows with OFPBMC_BAD_PREREQ).
 */
public record Match(List<MatchField> fields) {
    public static final Match ALL = new Match(List.of());

    public Match {
        List<MatchField> sorted = fields;
        if (!sortedByKind(fields)) {
            sorted = new ArrayList<>(fields);
            sorted.sort(Comparator.comparing(MatchField::kind));
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).kind() == sorted.get(i - 1).kind()) {
                throw new IllegalArgumentException("duplicate match field " + sorted.get(i).kind());
            }
        }
        fields = List.copyOf(sorted);
        checkPrerequisites(fields);
    }

    private static boolean sortedByKind(List<MatchField> fields) {
        for (int i = 1; i < fields.size(); i++) {
            if (fields.get(i - 1).kind().compareTo(fields.get(i).kind()) > 0) {
                return false;
            }
        }
        return true;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<MatchField> get(Kind kind) {
        return fields.stream().filter(f -> f.kind() == kind).findFirst();
    }

    /** Some packet matches both: every kind present in both overlaps; a kind present in one only is a wildcard. */
    public boolean overlaps(Match other) {
        Map<Kind, MatchField> mine = byKind();
        for (MatchField f : other.fields) {
            MatchField g = mine.get(f.kind());
            if (g != null && !MatchField.overlap(f, g)) {
                return false;
            }
        }
        return true;
    }

    private Map<Kind, MatchField> byKind() {
        Map<Kind, MatchField> m = new EnumMap<>(Kind.class);
        fields.forEach(f -> m.put(f.kind(), f));
        return m;
    }

    private static void checkPrerequisites(List<MatchField> fields) {
        // Scanned, not mapped: a map per match was most of the allocation of computing 100k flows.
        int ethType = -1;
        int proto = -1;
        int icmp = -1;
        for (int i = 0; i < fields.size(); i++) {
            switch (fields.get(i)) {
                case EthType t -> ethType = t.type();
                case IpProto p -> proto = p.proto();
                case Icmpv6Type t -> icmp = t.type();
                default -> { }
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            Kind k = fields.get(i).kind();
            boolean ok = switch (k) {
                case IN_PORT, METADATA, TUN_ID, REG0, REG1, REG2, REG3, REG4, REG5, REG6, REG7, ETH_DST, ETH_SRC,
                     ETH_TYPE -> true;
                case ARP_OP, ARP_SPA, ARP_SHA, ARP_TPA, ARP_THA -> ethType == EthType.ARP;
                case IPV4_SRC -> ethType == EthType.IPV4;
                case IPV6_SRC -> ethType == EthType.IPV6;
                case IP_PROTO -> ethType == EthType.IPV4 || ethType == EthType.IPV6;
                case UDP_SRC, UDP_DST -> proto == IpProto.UDP;
                case ICMPV6_TYPE -> proto == IpProto.ICMPV6 && ethType == EthType.IPV6;
                case ND_TARGET -> icmp == Icmpv6Type.NEIGHBOR_SOLICITATION || icmp == Icmpv6Type.NEIGHBOR_ADVERTISEMENT;
            };
            if (!ok) {
                throw new IllegalArgumentException("match field " + k + " lacks its prerequisite in " + fields);
            }
        }
    }

    /** Equal to list equality's contract, but spread: see {@link Hashing}. */
    @Override
    public int hashCode() {
        int h = fields.size();
        for (int i = 0; i < fields.size(); i++) {
            h = Hashing.combine(h, fields.get(i).hashCode());
        }
        return h;
    }

    @Override
    public String toString() {
        return fields.isEmpty() ? "*" : fields.stream().map(Object::toString).collect(Collectors.joining(","));
    }

    /** Fluent construction; {@link #build()} validates. */
    public static final class Builder {
        private final List<MatchField> fields = new ArrayList<>();

        public Builder add(MatchField f) {
            fields.add(f);
            return this;
        }

        public Builder inPort(int port) {
            return add(new MatchField.InPort(port));
        }

        public Builder metadata(long value, long mask) {
            return add(new MatchField.Metadata(value, mask));
        }

        public Builder tunId(long id) {
            return add(new MatchField.TunId(id));
        }

        public Builder reg(int index, int value) {
            return add(MatchField.Reg.exact(index, value));
        }

        public Builder ethDst(MacAddress mac) {
            return add(MatchField.EthDst.exact(mac));
        }

        public Builder ethDst(MacAddress mac, MacAddress mask) {
            return add(new MatchField.EthDst(mac, mask));
        }

        public Builder ethSrc(MacAddress mac) {
            return add(new MatchField.EthSrc(mac));
        }

        public Builder ethType(int type) {
            return add(new EthType(type));
        }

        public Builder arpOp(int op) {
            return add(new MatchField.ArpOp(op));
        }

        public Builder arpSpa(IpPrefix p) {
            return add(new MatchField.ArpSpa(p));
        }

        public Builder arpSha(MacAddress mac) {
            return add(new MatchField.ArpSha(mac));
        }

        public Builder arpTpa(IpPrefix p) {
            return add(new MatchField.ArpTpa(p));
        }

        public Builder arpTha(MacAddress mac) {
            return add(new MatchField.ArpTha(mac));
        }

        public Builder ipv4Src(IpPrefix p) {
            return add(new MatchField.Ipv4Src(p));
        }

        public Builder ipv6Src(IpPrefix p) {
            return add(new MatchField.Ipv6Src(p));
        }

        public Builder ipProto(int proto) {
            return add(new IpProto(proto));
        }

        public Builder udpSrc(int port) {
            return add(new MatchField.UdpSrc(port));
        }

        public Builder udpDst(int port) {
            return add(new MatchField.UdpDst(port));
        }

        public Builder icmpv6Type(int type) {
            return add(new Icmpv6Type(type));
        }

        public Builder ndTarget(IpPrefix p) {
            return add(new MatchField.NdTarget(p));
        }

        public Builder ndTarget(Inet6Address a) {
            return add(MatchField.NdTarget.host(a));
        }

        public Match build() {
            return new Match(fields);
        }
    }
}
