package io.nvo3.fib.fake;

import io.nvo3.fib.flow.MatchField.Kind;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** The header fields the fake pipeline can match on; absent fields are null. */
public record Packet(MacAddress ethSrc, MacAddress ethDst, int ethType, Integer arpOp, Inet4Address arpSpa,
                     MacAddress arpSha, Inet4Address arpTpa, MacAddress arpTha, InetAddress ipSrc, InetAddress ipDst, Integer ipProto,
                     Integer udpSrc, Integer udpDst, Integer icmpv6Type, Inet6Address ndTarget) {
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_ARP = 0x0806;
    public static final int ETH_IPV6 = 0x86dd;

    public static Packet arpRequest(MacAddress sha, String spa, String tpa) {
        return new Packet(sha, MacAddress.BROADCAST, ETH_ARP, 1, IpAddresses.parseV4(spa), sha,
                IpAddresses.parseV4(tpa), new MacAddress(0), null, null, null, null, null, null, null);
    }

    /** An ARP request whose Ethernet source and ARP sender hardware address differ. */
    public static Packet arpRequest(MacAddress ethSrc, MacAddress sha, String spa, String tpa) {
        return new Packet(ethSrc, MacAddress.BROADCAST, ETH_ARP, 1, IpAddresses.parseV4(spa), sha,
                IpAddresses.parseV4(tpa), new MacAddress(0), null, null, null, null, null, null, null);
    }

    /** An ICMP echo over IPv4. */
    public static Packet ipv4(MacAddress src, MacAddress dst, String ipSrc, String ipDst) {
        return new Packet(src, dst, ETH_IPV4, null, null, null, null, null, IpAddresses.parse(ipSrc),
                IpAddresses.parse(ipDst), 1, null, null, null, null);
    }

    public static Packet dhcpDiscover(MacAddress src) {
        return new Packet(src, MacAddress.BROADCAST, ETH_IPV4, null, null, null, null, null, IpAddresses.parse("0.0.0.0"),
                IpAddresses.parse("255.255.255.255"), 17, 68, 67, null, null);
    }

    /** An ICMPv6 echo request. */
    public static Packet ipv6(MacAddress src, MacAddress dst, InetAddress ipSrc, String ipDst) {
        return new Packet(src, dst, ETH_IPV6, null, null, null, null, null, ipSrc, IpAddresses.parse(ipDst), 58, null,
                null, 128, null);
    }

    public static Packet neighborAdvertisement(MacAddress src, InetAddress ipSrc, String target) {
        return new Packet(src, MacAddress.parse("33:33:00:00:00:01"), ETH_IPV6, null, null, null, null, null, ipSrc,
                IpAddresses.parse("ff02::1"), 58, null, null, 136, (Inet6Address) IpAddresses.parse(target));
    }

    public static Packet dadSolicitation(MacAddress src, String target) {
        return new Packet(src, MacAddress.parse("33:33:ff:00:00:01"), ETH_IPV6, null, null, null, null, null,
                IpAddresses.parse("::"), IpAddresses.parse("ff02::1:ff00:1"), 58, null, null, 135,
                (Inet6Address) IpAddresses.parse(target));
    }

    public static Packet routerAdvertisement(MacAddress src, InetAddress ipSrc) {
        return new Packet(src, MacAddress.parse("33:33:00:00:00:01"), ETH_IPV6, null, null, null, null, null, ipSrc,
                IpAddresses.parse("ff02::1"), 58, null, null, 134, null);
    }

    public Packet withEthDst(MacAddress dst) {
        return new Packet(ethSrc, dst, ethType, arpOp, arpSpa, arpSha, arpTpa, arpTha, ipSrc, ipDst, ipProto, udpSrc,
                udpDst, icmpv6Type, ndTarget);
    }

    /** The packet with one header field rewritten (set-field, move); the field must be present. */
    Packet with(Kind kind, byte[] v) {
        if (header(kind) == null) {
            throw new FakePipeline.Rejected("rewrite of " + kind + " absent from " + this);
        }
        MacAddress mac = kind == Kind.ETH_SRC || kind == Kind.ETH_DST || kind == Kind.ARP_SHA || kind == Kind.ARP_THA
                ? new MacAddress(ByteBuffer.allocate(8).put(new byte[2]).put(v).flip().getLong()) : null;
        Inet4Address ip = kind == Kind.ARP_SPA || kind == Kind.ARP_TPA
                ? (Inet4Address) IpAddresses.fromBytes(v) : null;
        return switch (kind) {
            case ETH_SRC -> new Packet(mac, ethDst, ethType, arpOp, arpSpa, arpSha, arpTpa, arpTha, ipSrc, ipDst,
                    ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            case ETH_DST -> new Packet(ethSrc, mac, ethType, arpOp, arpSpa, arpSha, arpTpa, arpTha, ipSrc, ipDst,
                    ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            case ARP_OP -> new Packet(ethSrc, ethDst, ethType, (v[0] & 0xFF) << 8 | v[1] & 0xFF, arpSpa, arpSha,
                    arpTpa, arpTha, ipSrc, ipDst, ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            case ARP_SPA -> new Packet(ethSrc, ethDst, ethType, arpOp, ip, arpSha, arpTpa, arpTha, ipSrc, ipDst,
                    ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            case ARP_SHA -> new Packet(ethSrc, ethDst, ethType, arpOp, arpSpa, mac, arpTpa, arpTha, ipSrc, ipDst,
                    ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            case ARP_TPA -> new Packet(ethSrc, ethDst, ethType, arpOp, arpSpa, arpSha, ip, arpTha, ipSrc, ipDst,
                    ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            case ARP_THA -> new Packet(ethSrc, ethDst, ethType, arpOp, arpSpa, arpSha, arpTpa, mac, ipSrc, ipDst,
                    ipProto, udpSrc, udpDst, icmpv6Type, ndTarget);
            default -> throw new FakePipeline.Rejected("the fake cannot rewrite " + kind);
        };
    }

    /** The packet-header part of a field's value, or null if the packet has no such field. */
    byte[] header(Kind kind) {
        return switch (kind) {
            case ETH_SRC -> ethSrc.bytes();
            case ETH_DST -> ethDst.bytes();
            case ETH_TYPE -> new byte[] {(byte) (ethType >>> 8), (byte) ethType};
            case ARP_OP -> arpOp == null ? null : new byte[] {(byte) (arpOp >>> 8), (byte) (int) arpOp};
            case ARP_SPA -> arpSpa == null ? null : arpSpa.getAddress();
            case ARP_SHA -> arpSha == null ? null : arpSha.bytes();
            case ARP_TPA -> arpTpa == null ? null : arpTpa.getAddress();
            case ARP_THA -> arpTha == null ? null : arpTha.bytes();
            case IPV4_SRC -> ipSrc instanceof Inet4Address a && ethType == ETH_IPV4 ? a.getAddress() : null;
            case IPV6_SRC -> ipSrc instanceof Inet6Address a && ethType == ETH_IPV6 ? a.getAddress() : null;
            case IP_PROTO -> ipProto == null ? null : new byte[] {(byte) (int) ipProto};
            case UDP_SRC -> udpSrc == null ? null : ByteBuffer.allocate(2).putShort((short) (int) udpSrc).array();
            case UDP_DST -> udpDst == null ? null : ByteBuffer.allocate(2).putShort((short) (int) udpDst).array();
            case ICMPV6_TYPE -> icmpv6Type == null ? null : new byte[] {(byte) (int) icmpv6Type};
            case ND_TARGET -> ndTarget == null ? null : ndTarget.getAddress();
            case IN_PORT, METADATA, TUN_ID, REG0, REG1, REG2, REG3, REG4, REG5, REG6, REG7 ->
                    throw new IllegalArgumentException(kind + " is pipeline state, not a header");
        };
    }
}
