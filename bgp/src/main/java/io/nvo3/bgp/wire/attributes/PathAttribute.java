package io.nvo3.bgp.wire.attributes;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A path attribute of an UPDATE (RFC 4271 §4.3, §5). Known kinds are typed; any other type is an
 * {@link UnknownAttribute} holding its flags and value.
 */
public sealed interface PathAttribute {
    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int PMSI_TUNNEL = 22;
    int LARGE_COMMUNITIES = 32;

    /** RFC 4271 §4.3 attribute flag bits. */
    int FLAG_OPTIONAL = 0x80;
    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    int typeCode();

    private static void u32(long v, String what) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    /** RFC 4271 §5.1.1: 0 IGP, 1 EGP, 2 INCOMPLETE. */
    record Origin(OriginType origin) implements PathAttribute {
        public enum OriginType { IGP, EGP, INCOMPLETE }

        public Origin {
            Objects.requireNonNull(origin);
        }

        public int typeCode() {
            return ORIGIN;
        }
    }

    record AsPath(List<AsPathSegment> segments) implements PathAttribute {
        public static final AsPath EMPTY = new AsPath(List.of());

        public AsPath {
            segments = List.copyOf(segments);
        }

        public int typeCode() {
            return AS_PATH;
        }

        /** The ASes of all AS_SEQUENCE segments in order, e.g. for loop detection. */
        public List<Long> sequenceAsns() {
            List<Long> out = new ArrayList<>();
            segments.stream().filter(s -> s.type() == AsPathSegment.Type.AS_SEQUENCE).forEach(s -> out.addAll(s.asns()));
            return out;
        }
    }

    /** RFC 6793 §3: AS4_PATH, optional transitive, always 4-octet ASes. */
    record As4Path(List<AsPathSegment> segments) implements PathAttribute {
        public As4Path {
            segments = List.copyOf(segments);
        }

        public int typeCode() {
            return AS4_PATH;
        }
    }

    record NextHop(Inet4Address address) implements PathAttribute {
        public NextHop {
            Objects.requireNonNull(address);
        }

        public int typeCode() {
            return NEXT_HOP;
        }
    }

    record MultiExitDisc(long value) implements PathAttribute {
        public MultiExitDisc {
            u32(value, "MED");
        }

        public int typeCode() {
            return MULTI_EXIT_DISC;
        }
    }

    record LocalPref(long value) implements PathAttribute {
        public LocalPref {
            u32(value, "LOCAL_PREF");
        }

        public int typeCode() {
            return LOCAL_PREF;
        }
    }

    record AtomicAggregate() implements PathAttribute {
        public int typeCode() {
            return ATOMIC_AGGREGATE;
        }
    }

    /** AGGREGATOR: 2-octet AS on old sessions (RFC 4271), 4-octet AS once negotiated (RFC 6793 §3). */
    record Aggregator(long asNumber, Inet4Address address) implements PathAttribute {
        public Aggregator {
            u32(asNumber, "aggregator AS");
            Objects.requireNonNull(address);
        }

        public int typeCode() {
            return AGGREGATOR;
        }
    }

    record As4Aggregator(long asNumber, Inet4Address address) implements PathAttribute {
        public As4Aggregator {
            u32(asNumber, "AS4 aggregator AS");
            Objects.requireNonNull(address);
        }

        public int typeCode() {
            return AS4_AGGREGATOR;
        }
    }

    /** RFC 1997: 4-octet communities, shown as "65001:7". */
    record Communities(List<Long> communities) implements PathAttribute {
        public Communities {
            communities = List.copyOf(communities);
            communities.forEach(c -> u32(c, "community"));
        }

        public int typeCode() {
            return COMMUNITIES;
        }
    }

    /** RFC 8092 §3: each "Global Administrator: ... Local Data Part 1 ... Local Data Part 2", 4 octets each. */
    record LargeCommunity(long global, long local1, long local2) {
        public LargeCommunity {
            u32(global, "global administrator");
            u32(local1, "local data part 1");
            u32(local2, "local data part 2");
        }

        @Override
        public String toString() {
            return global + ":" + local1 + ":" + local2;
        }
    }

    record LargeCommunities(List<LargeCommunity> communities) implements PathAttribute {
        public LargeCommunities {
            communities = List.copyOf(communities);
        }

        public int typeCode() {
            return LARGE_COMMUNITIES;
        }
    }

    record ExtendedCommunities(List<ExtendedCommunity> communities) implements PathAttribute {
        public ExtendedCommunities {
            communities = List.copyOf(communities);
        }

        public int typeCode() {
            return EXTENDED_COMMUNITIES;
        }
    }

    /** RFC 4456 §8. */
    record OriginatorId(Inet4Address id) implements PathAttribute {
        public OriginatorId {
            Objects.requireNonNull(id);
        }

        public int typeCode() {
            return ORIGINATOR_ID;
        }
    }

    record ClusterList(List<Inet4Address> clusterIds) implements PathAttribute {
        public ClusterList {
            clusterIds = List.copyOf(clusterIds);
        }

        public int typeCode() {
            return CLUSTER_LIST;
        }
    }

    /**
     * RFC 6514 §5: "Flags (1 octet), Tunnel Type (1 octet), MPLS Label (3 octets), Tunnel Identifier
     * (variable)". For EVPN ingress replication (type 6) over VXLAN the label field carries the VNI
     * (RFC 8365 §5.1.3) and the identifier is the unicast tunnel endpoint address.
     */
    record PmsiTunnel(int flags, int tunnelType, int label, Bytes tunnelIdentifier) implements PathAttribute {
        public static final int INGRESS_REPLICATION = 6;

        public PmsiTunnel {
            if (flags < 0 || flags > 255 || tunnelType < 0 || tunnelType > 255 || label < 0 || label > 0xffffff) {
                throw new IllegalArgumentException("PMSI tunnel field out of range");
            }
            Objects.requireNonNull(tunnelIdentifier);
        }

        public static PmsiTunnel ingressReplication(int labelField, InetAddress endpoint) {
            return new PmsiTunnel(0, INGRESS_REPLICATION, labelField, Bytes.of(endpoint.getAddress()));
        }

        /** The tunnel endpoint of an ingress replication tunnel. */
        public Optional<InetAddress> endpoint() {
            if (tunnelType != INGRESS_REPLICATION || (tunnelIdentifier.length() != 4 && tunnelIdentifier.length() != 16)) {
                return Optional.empty();
            }
            return Optional.of(WireReader.address(tunnelIdentifier.toArray()));
        }

        public int typeCode() {
            return PMSI_TUNNEL;
        }
    }

    /**
     * RFC 4760 §3. {@code nextHop} keeps the Network Address of Next Hop octets as sent (for the
     * VPN families it starts with an 8-octet zero RD, RFC 4364 §4.3.2 / RFC 4659 §3.2.1);
     * {@link #nextHops()} reads the addresses out of it.
     */
    record MpReachNlri(AfiSafi family, Bytes nextHop, List<Nlri> nlri) implements PathAttribute {
        public MpReachNlri {
            Objects.requireNonNull(family);
            Objects.requireNonNull(nextHop);
            if (nextHop.length() > 255) {
                throw new IllegalArgumentException("next hop longer than 255 octets");
            }
            nlri = List.copyOf(nlri);
        }

        /** Builds the next-hop field for {@code family}: VPN families get the zero RD in front. */
        public static MpReachNlri of(AfiSafi family, InetAddress nextHop, List<? extends Nlri> nlri) {
            byte[] a = nextHop.getAddress();
            boolean vpn = family.safi() == AfiSafi.SAFI_MPLS_VPN;
            byte[] nh = new byte[(vpn ? 8 : 0) + a.length];
            System.arraycopy(a, 0, nh, vpn ? 8 : 0, a.length);
            return new MpReachNlri(family, Bytes.of(nh), List.copyOf(nlri));
        }

        /** The next-hop addresses (one, or global and link-local for IPv6), RDs skipped. */
        public List<InetAddress> nextHops() {
            byte[] nh = nextHop.toArray();
            List<InetAddress> out = new ArrayList<>();
            int step = switch (nh.length) {
                case 4, 16, 32 -> 0;
                case 12, 24, 48 -> 8;
                default -> -1;
            };
            if (step < 0) {
                return out;
            }
            int width = nh.length == 4 || nh.length == 12 ? 4 : 16;
            for (int off = 0; off < nh.length; off += step + width) {
                byte[] a = new byte[width];
                System.arraycopy(nh, off + step, a, 0, width);
                out.add(WireReader.address(a));
            }
            return out;
        }

        public int typeCode() {
            return MP_REACH_NLRI;
        }
    }

    record MpUnreachNlri(AfiSafi family, List<Nlri> withdrawn) implements PathAttribute {
        public MpUnreachNlri {
            Objects.requireNonNull(family);
            withdrawn = List.copyOf(withdrawn);
        }

        /** RFC 4724 §2: "an UPDATE message with ... MP_UNREACH_NLRI ... with no withdrawn routes" is End-of-RIB. */
        public boolean isEndOfRib() {
            return withdrawn.isEmpty();
        }

        public int typeCode() {
            return MP_UNREACH_NLRI;
        }
    }

    /** Any attribute type this codec does not interpret, with the flags it arrived with. */
    record UnknownAttribute(int flags, int typeCode, Bytes value) implements PathAttribute {
        public UnknownAttribute {
            if (flags < 0 || flags > 255 || typeCode < 0 || typeCode > 255 || value.length() > 0xffff) {
                throw new IllegalArgumentException("attribute flags, type or length out of range");
            }
        }

        public boolean optional() {
            return (flags & FLAG_OPTIONAL) != 0;
        }

        public boolean transitive() {
            return (flags & FLAG_TRANSITIVE) != 0;
        }

        /**
         * RFC 4271 §5: "If an optional transitive attribute is unrecognized, the Partial bit in the
         * attribute flags octet is set to 1, and the attribute is retained for propagation"; and
         * "Unrecognized non-transitive optional attributes MUST be quietly ignored and not passed along".
         */
        public Optional<UnknownAttribute> forPropagation() {
            if (!optional() || !transitive()) {
                return Optional.empty();
            }
            return Optional.of(new UnknownAttribute(flags | FLAG_PARTIAL, typeCode, value));
        }
    }

    static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
