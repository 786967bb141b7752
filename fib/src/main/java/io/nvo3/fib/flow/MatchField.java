package io.nvo3.fib.flow;

import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import java.net.Inet6Address;
import java.util.Objects;

/**
 * One OXM match field (OpenFlow 1.3 section 7.2.3.7) or OVS extension field, as value and mask bytes in network
 * order. A {@link Match} holds at most one field per {@link Kind}.
 */
public sealed interface MatchField {
    /** Field kinds in the order a {@link Match} keeps them. */
    enum Kind {
        IN_PORT(32), METADATA(64), TUN_ID(64), REG0(32), REG1(32), REG2(32), REG3(32), REG4(32), REG5(32), REG6(32),
        REG7(32), ETH_DST(48), ETH_SRC(48), ETH_TYPE(16), ARP_OP(16), ARP_SPA(32), ARP_SHA(48), IPV4_SRC(32),
        IPV6_SRC(128), IP_PROTO(8), UDP_SRC(16), UDP_DST(16), ICMPV6_TYPE(8), ND_TARGET(128),
        /** OXM_OF_ARP_TPA (added in round 2, after the others so existing ordinals stay). */
        ARP_TPA(32),
        /** OXM_OF_ARP_THA. */
        ARP_THA(48);

        private final int bits;

        Kind(int bits) {
            this.bits = bits;
        }

        /** The field's width in bits. */
        public int bits() {
            return bits;
        }
    }

    Kind kind();

    byte[] value();

    /** All ones for an exact match. */
    byte[] mask();

    /** OpenFlow 1.3 "OXM_OF_IN_PORT": ingress port. */
    record InPort(int port) implements MatchField {
        public Kind kind() {
            return Kind.IN_PORT;
        }

        public byte[] value() {
            return Bytes.ofInt(port);
        }

        public byte[] mask() {
            return Bytes.ones(4);
        }

        @Override
        public String toString() {
            return "in_port=" + Integer.toUnsignedString(port);
        }
    }

    /** OXM_OF_METADATA, maskable: "Table metadata. Used to pass information between tables." */
    record Metadata(long value64, long mask64) implements MatchField {
        public Metadata {
            value64 &= mask64;
        }

        public Kind kind() {
            return Kind.METADATA;
        }

        public byte[] value() {
            return Bytes.ofLong(value64);
        }

        public byte[] mask() {
            return Bytes.ofLong(mask64);
        }

        @Override
        public String toString() {
            return "metadata=0x" + Long.toHexString(value64) + "/0x" + Long.toHexString(mask64);
        }
    }

    /** OXM_OF_TUNNEL_ID: for VXLAN OVS carries the 24-bit VNI here. */
    record TunId(long id) implements MatchField {
        public Kind kind() {
            return Kind.TUN_ID;
        }

        public byte[] value() {
            return Bytes.ofLong(id);
        }

        public byte[] mask() {
            return Bytes.ones(8);
        }

        @Override
        public String toString() {
            return "tun_id=" + id;
        }
    }

    /** Nicira NXM_NX_REG0..7 (OVS registers, 32 bits), maskable. */
    record Reg(int index, int value32, int mask32) implements MatchField {
        public Reg {
            if (index < 0 || index > 7) {
                throw new IllegalArgumentException("register index " + index + " outside 0..7");
            }
            value32 &= mask32;
        }

        public static Reg exact(int index, int value) {
            return new Reg(index, value, -1);
        }

        public Kind kind() {
            return Kind.values()[Kind.REG0.ordinal() + index];
        }

        public byte[] value() {
            return Bytes.ofInt(value32);
        }

        public byte[] mask() {
            return Bytes.ofInt(mask32);
        }

        @Override
        public String toString() {
            return "reg" + index + "=" + Integer.toUnsignedString(value32)
                    + (mask32 == -1 ? "" : "/0x" + Integer.toHexString(mask32));
        }
    }

    /** OXM_OF_ETH_DST, maskable (the multicast bit alone selects all group addresses). */
    record EthDst(MacAddress mac, MacAddress maskMac) implements MatchField {
        public EthDst {
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(maskMac, "maskMac");
            mac = new MacAddress(mac.bits() & maskMac.bits());
        }

        public static EthDst exact(MacAddress mac) {
            return new EthDst(mac, MacAddress.BROADCAST);
        }

        public Kind kind() {
            return Kind.ETH_DST;
        }

        public byte[] value() {
            return mac.bytes();
        }

        public byte[] mask() {
            return maskMac.bytes();
        }

        @Override
        public String toString() {
            return "eth_dst=" + mac + (maskMac.equals(MacAddress.BROADCAST) ? "" : "/" + maskMac);
        }
    }

    record EthSrc(MacAddress mac) implements MatchField {
        public EthSrc {
            Objects.requireNonNull(mac, "mac");
        }

        public Kind kind() {
            return Kind.ETH_SRC;
        }

        public byte[] value() {
            return mac.bytes();
        }

        public byte[] mask() {
            return Bytes.ones(6);
        }

        @Override
        public String toString() {
            return "eth_src=" + mac;
        }
    }

    record EthType(int type) implements MatchField {
        public static final int IPV4 = 0x0800;
        public static final int ARP = 0x0806;
        public static final int IPV6 = 0x86dd;

        public Kind kind() {
            return Kind.ETH_TYPE;
        }

        public byte[] value() {
            return Bytes.ofShort(type);
        }

        public byte[] mask() {
            return Bytes.ones(2);
        }

        @Override
        public String toString() {
            return "eth_type=0x" + Integer.toHexString(type);
        }
    }

    /** OXM_OF_ARP_OP; prerequisite ETH_TYPE=0x0806. */
    record ArpOp(int op) implements MatchField {
        public Kind kind() {
            return Kind.ARP_OP;
        }

        public byte[] value() {
            return Bytes.ofShort(op);
        }

        public byte[] mask() {
            return Bytes.ones(2);
        }

        @Override
        public String toString() {
            return "arp_op=" + op;
        }
    }

    /** OXM_OF_ARP_SPA, maskable; prerequisite ETH_TYPE=0x0806. */
    record ArpSpa(IpPrefix prefix) implements MatchField {
        public ArpSpa {
            if (!prefix.isIpv4()) {
                throw new IllegalArgumentException("arp_spa must be IPv4: " + prefix);
            }
        }

        public Kind kind() {
            return Kind.ARP_SPA;
        }

        public byte[] value() {
            return prefix.address().getAddress();
        }

        public byte[] mask() {
            return prefix.maskBytes();
        }

        @Override
        public String toString() {
            return "arp_spa=" + prefix;
        }
    }

    /** OXM_OF_ARP_SHA; prerequisite ETH_TYPE=0x0806. */
    record ArpSha(MacAddress mac) implements MatchField {
        public ArpSha {
            Objects.requireNonNull(mac, "mac");
        }

        public Kind kind() {
            return Kind.ARP_SHA;
        }

        public byte[] value() {
            return mac.bytes();
        }

        public byte[] mask() {
            return Bytes.ones(6);
        }

        @Override
        public String toString() {
            return "arp_sha=" + mac;
        }
    }

    /** OXM_OF_ARP_TPA, maskable; prerequisite ETH_TYPE=0x0806. */
    record ArpTpa(IpPrefix prefix) implements MatchField {
        public ArpTpa {
            if (!prefix.isIpv4()) {
                throw new IllegalArgumentException("arp_tpa must be IPv4: " + prefix);
            }
        }

        public Kind kind() {
            return Kind.ARP_TPA;
        }

        public byte[] value() {
            return prefix.address().getAddress();
        }

        public byte[] mask() {
            return prefix.maskBytes();
        }

        @Override
        public String toString() {
            return "arp_tpa=" + prefix;
        }
    }

    /** OXM_OF_ARP_THA; prerequisite ETH_TYPE=0x0806. */
    record ArpTha(MacAddress mac) implements MatchField {
        public ArpTha {
            Objects.requireNonNull(mac, "mac");
        }

        public Kind kind() {
            return Kind.ARP_THA;
        }

        public byte[] value() {
            return mac.bytes();
        }

        public byte[] mask() {
            return Bytes.ones(6);
        }

        @Override
        public String toString() {
            return "arp_tha=" + mac;
        }
    }

    /** OXM_OF_IPV4_SRC, maskable; prerequisite ETH_TYPE=0x0800. */
    record Ipv4Src(IpPrefix prefix) implements MatchField {
        public Ipv4Src {
            if (!prefix.isIpv4()) {
                throw new IllegalArgumentException("ipv4_src must be IPv4: " + prefix);
            }
        }

        public Kind kind() {
            return Kind.IPV4_SRC;
        }

        public byte[] value() {
            return prefix.address().getAddress();
        }

        public byte[] mask() {
            return prefix.maskBytes();
        }

        @Override
        public String toString() {
            return "ipv4_src=" + prefix;
        }
    }

    /** OXM_OF_IPV6_SRC, maskable; prerequisite ETH_TYPE=0x86dd. */
    record Ipv6Src(IpPrefix prefix) implements MatchField {
        public Ipv6Src {
            if (!prefix.isIpv6()) {
                throw new IllegalArgumentException("ipv6_src must be IPv6: " + prefix);
            }
        }

        public Kind kind() {
            return Kind.IPV6_SRC;
        }

        public byte[] value() {
            return prefix.address().getAddress();
        }

        public byte[] mask() {
            return prefix.maskBytes();
        }

        @Override
        public String toString() {
            return "ipv6_src=" + prefix;
        }
    }

    /** OXM_OF_IP_PROTO; prerequisite ETH_TYPE=0x0800 or 0x86dd. */
    record IpProto(int proto) implements MatchField {
        public static final int UDP = 17;
        public static final int ICMPV6 = 58;

        public Kind kind() {
            return Kind.IP_PROTO;
        }

        public byte[] value() {
            return new byte[] {(byte) proto};
        }

        public byte[] mask() {
            return Bytes.ones(1);
        }

        @Override
        public String toString() {
            return "ip_proto=" + proto;
        }
    }

    /** OXM_OF_UDP_SRC; prerequisite IP_PROTO=17. */
    record UdpSrc(int port) implements MatchField {
        public Kind kind() {
            return Kind.UDP_SRC;
        }

        public byte[] value() {
            return Bytes.ofShort(port);
        }

        public byte[] mask() {
            return Bytes.ones(2);
        }

        @Override
        public String toString() {
            return "udp_src=" + port;
        }
    }

    /** OXM_OF_UDP_DST; prerequisite IP_PROTO=17. */
    record UdpDst(int port) implements MatchField {
        public Kind kind() {
            return Kind.UDP_DST;
        }

        public byte[] value() {
            return Bytes.ofShort(port);
        }

        public byte[] mask() {
            return Bytes.ones(2);
        }

        @Override
        public String toString() {
            return "udp_dst=" + port;
        }
    }

    /** OXM_OF_ICMPV6_TYPE; prerequisite IP_PROTO=58. */
    record Icmpv6Type(int type) implements MatchField {
        public static final int ROUTER_ADVERTISEMENT = 134;
        public static final int NEIGHBOR_SOLICITATION = 135;
        public static final int NEIGHBOR_ADVERTISEMENT = 136;
        public static final int MLDV2_REPORT = 143;

        public Kind kind() {
            return Kind.ICMPV6_TYPE;
        }

        public byte[] value() {
            return new byte[] {(byte) type};
        }

        public byte[] mask() {
            return Bytes.ones(1);
        }

        @Override
        public String toString() {
            return "icmpv6_type=" + type;
        }
    }

    /**
     * OXM_OF_IPV6_ND_TARGET; prerequisite ICMPV6_TYPE=135 or 136. OVS accepts it masked (ovs-fields(7): "nd_target
     * ... Maskable: bitwise"), which allowed-address-pair CIDRs need.
     */
    record NdTarget(IpPrefix prefix) implements MatchField {
        public NdTarget {
            if (!prefix.isIpv6()) {
                throw new IllegalArgumentException("nd_target must be IPv6: " + prefix);
            }
        }

        public static NdTarget host(Inet6Address a) {
            return new NdTarget(IpPrefix.host(a));
        }

        public Kind kind() {
            return Kind.ND_TARGET;
        }

        public byte[] value() {
            return prefix.address().getAddress();
        }

        public byte[] mask() {
            return prefix.maskBytes();
        }

        @Override
        public String toString() {
            return "nd_target=" + prefix;
        }
    }

    /** Two fields of one kind can both match some packet: equal under the intersection of their masks. */
    static boolean overlap(MatchField a, MatchField b) {
        byte[] va = a.value();
        byte[] ma = a.mask();
        byte[] vb = b.value();
        byte[] mb = b.mask();
        for (int i = 0; i < va.length; i++) {
            int m = ma[i] & mb[i];
            if ((va[i] & m) != (vb[i] & m)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a packet whose field has {@code packetValue} matches. */
    default boolean matches(byte[] packetValue) {
        byte[] v = value();
        byte[] m = mask();
        if (packetValue == null || packetValue.length != v.length) {
            return false;
        }
        for (int i = 0; i < v.length; i++) {
            if ((packetValue[i] & m[i]) != (v[i] & m[i])) {
                return false;
            }
        }
        return true;
    }
}
