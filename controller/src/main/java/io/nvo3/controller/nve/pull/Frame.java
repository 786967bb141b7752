package io.nvo3.controller.nve.pull;

import io.nvo3.fib.PullQuery;
import io.nvo3.fib.input.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The parts of a punted Ethernet frame a pull decision needs: destination, source, ethertype and, for an ARP request
 * over Ethernet/IPv4, its sender and target. Anything shorter than an Ethernet header is refused.
 */
public record Frame(MacAddress dst, MacAddress src, int etherType, Optional<PullQuery.ArpRequest> arpRequest) {
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETH_HEADER = 14;
    static final int ARP_BODY = 28;

    /** Parses {@code data}; empty when it is not even an Ethernet header (a corrupt punt, counted by the caller). */
    public static Optional<Frame> parse(byte[] data) {
        if (data.length < ETH_HEADER) {
            return Optional.empty();
        }
        MacAddress dst = mac(data, 0);
        MacAddress src = mac(data, 6);
        int type = u16(data, 12);
        Optional<PullQuery.ArpRequest> arp = Optional.empty();
        // RFC 826: ar$hrd = 1 (Ethernet), ar$pro = 0x0800, ar$hln = 6, ar$pln = 4, ar$op = 1 (REQUEST).
        if (type == ETHERTYPE_ARP && data.length >= ETH_HEADER + ARP_BODY && u16(data, 14) == 1
                && u16(data, 16) == ETHERTYPE_IPV4 && (data[18] & 0xff) == 6 && (data[19] & 0xff) == 4
                && u16(data, 20) == 1) {
            arp = Optional.of(new PullQuery.ArpRequest(mac(data, 22), ipv4(data, 28), ipv4(data, 38)));
        }
        return Optional.of(new Frame(dst, src, type, arp));
    }

    /** What to ask {@link io.nvo3.fib.Pull#resolve}: the ARP request, or where the destination is. */
    public PullQuery query() {
        return arpRequest.<PullQuery>map(a -> a).orElseGet(() -> new PullQuery.UnicastMiss(dst));
    }

    /**
     * An ARP reply (RFC 826 ar$op = 2, "swap the hardware and protocol fields, putting the local hardware and
     * protocol addresses in the sender fields") from {@code senderMac}/{@code senderIp} to the requester
     * {@code targetMac}/{@code targetIp}, padded to the 60-byte Ethernet minimum.
     */
    public static byte[] arpReply(MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac,
                                  Inet4Address targetIp) {
        byte[] f = new byte[60];
        System.arraycopy(targetMac.bytes(), 0, f, 0, 6);
        System.arraycopy(senderMac.bytes(), 0, f, 6, 6);
        put16(f, 12, ETHERTYPE_ARP);
        put16(f, 14, 1);              // ar$hrd: Ethernet
        put16(f, 16, ETHERTYPE_IPV4); // ar$pro
        f[18] = 6;                    // ar$hln
        f[19] = 4;                    // ar$pln
        put16(f, 20, 2);              // ar$op: REPLY
        System.arraycopy(senderMac.bytes(), 0, f, 22, 6);
        System.arraycopy(senderIp.getAddress(), 0, f, 28, 4);
        System.arraycopy(targetMac.bytes(), 0, f, 32, 6);
        System.arraycopy(targetIp.getAddress(), 0, f, 38, 4);
        return f;
    }

    private static MacAddress mac(byte[] d, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (d[off + i] & 0xff);
        }
        return new MacAddress(v);
    }

    private static int u16(byte[] d, int off) {
        return ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
    }

    private static void put16(byte[] d, int off, int v) {
        d[off] = (byte) (v >>> 8);
        d[off + 1] = (byte) v;
    }

    private static Inet4Address ipv4(byte[] d, int off) {
        byte[] a = new byte[4];
        System.arraycopy(d, off, a, 0, 4);
        try {
            return (Inet4Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }
}
