package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.WireFormatException;
import io.nvo3.bgp.wire.WireReader;
import io.nvo3.bgp.wire.WireWriter;
import io.nvo3.bgp.wire.nlri.EvpnRoute.EthernetAd;
import io.nvo3.bgp.wire.nlri.EvpnRoute.EthernetSegment;
import io.nvo3.bgp.wire.nlri.EvpnRoute.InclusiveMulticast;
import io.nvo3.bgp.wire.nlri.EvpnRoute.IpPrefixRoute;
import io.nvo3.bgp.wire.nlri.EvpnRoute.MacIpAdvertisement;
import io.nvo3.bgp.wire.nlri.EvpnRoute.UnknownRoute;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/** RFC 7432 §7: "Route Type (1 octet), Length (1 octet), Route Type specific (variable)". */
final class EvpnCodec {
    private EvpnCodec() {
    }

    static EvpnRoute decode(WireReader r, long pathId) {
        int type = r.u8("EVPN route type");
        int len = r.u8("EVPN route length");
        WireReader v = r.slice(len, "EVPN route type " + type);
        EvpnRoute route = switch (type) {
            case EvpnRoute.ETHERNET_AD -> new EthernetAd(pathId, rd(v), esi(v), v.u32("ethernet tag"), v.u24("label"));
            case EvpnRoute.MAC_IP_ADVERTISEMENT -> {
                RouteDistinguisher rd = rd(v);
                Esi esi = esi(v);
                long tag = v.u32("ethernet tag");
                int macLen = v.u8("MAC length");
                // RFC 7432 §7.2: "The MAC Address Length field is in bits, and it is set to 48."
                if (macLen != 48) {
                    throw new WireFormatException("EVPN MAC length " + macLen + ", expected 48");
                }
                MacAddress mac = MacAddress.of(v.bytes(6, "MAC"));
                int ipLen = v.u8("IP length");
                // "The IP Address Length field value is in bits ... 0, 32 or 128"
                Optional<InetAddress> ip = switch (ipLen) {
                    case 0 -> Optional.empty();
                    case 32 -> Optional.of(v.ipv4("IP address"));
                    case 128 -> Optional.of(v.ipv6("IP address"));
                    default -> throw new WireFormatException("EVPN MAC/IP IP length " + ipLen);
                };
                int label1 = v.u24("label1");
                OptionalInt label2 = v.hasRemaining() ? OptionalInt.of(v.u24("label2")) : OptionalInt.empty();
                yield new MacIpAdvertisement(pathId, rd, esi, tag, mac, ip, label1, label2);
            }
            case EvpnRoute.INCLUSIVE_MULTICAST -> new InclusiveMulticast(pathId, rd(v), v.u32("ethernet tag"), originator(v));
            case EvpnRoute.ETHERNET_SEGMENT -> new EthernetSegment(pathId, rd(v), esi(v), originator(v));
            case EvpnRoute.IP_PREFIX -> {
                // RFC 9136 §3.1: "the total route length ... 34 octets ... for IPv4 ... 58 octets ... for IPv6"
                if (len != 34 && len != 58) {
                    throw new WireFormatException("EVPN IP prefix route length " + len + ", expected 34 or 58");
                }
                int width = len == 34 ? 4 : 16;
                RouteDistinguisher rd = rd(v);
                Esi esi = esi(v);
                long tag = v.u32("ethernet tag");
                int plen = v.u8("IP prefix length");
                if (plen > width * 8) {
                    throw new WireFormatException("EVPN IP prefix length " + plen);
                }
                byte[] p = v.bytes(width, "IP prefix");
                Prefixes.mask(p, plen);
                InetAddress gw = WireReader.address(v.bytes(width, "gateway"));
                yield new IpPrefixRoute(pathId, rd, esi, tag, WireReader.address(p), plen, gw, v.u24("label"));
            }
            default -> new UnknownRoute(pathId, type, v.rest());
        };
        if (v.hasRemaining()) {
            throw new WireFormatException("EVPN route type " + type + ": " + v.remaining() + " trailing octets");
        }
        return route;
    }

    private static RouteDistinguisher rd(WireReader v) {
        return new RouteDistinguisher(v.value(8, "route distinguisher"));
    }

    private static Esi esi(WireReader v) {
        return new Esi(v.value(10, "ESI"));
    }

    private static InetAddress originator(WireReader v) {
        int bits = v.u8("originator length");
        return switch (bits) {
            case 32 -> v.ipv4("originator");
            case 128 -> v.ipv6("originator");
            default -> throw new WireFormatException("EVPN originator IP length " + bits);
        };
    }

    static void encode(EvpnRoute route, WireWriter w) {
        w.u8(route.routeType());
        int lenAt = w.position();
        w.u8(0);
        switch (route) {
            case EthernetAd a -> w.bytes(a.rd().bytes()).bytes(a.esi().bytes()).u32(a.ethernetTag()).u24(a.label());
            case MacIpAdvertisement m -> {
                w.bytes(m.rd().bytes()).bytes(m.esi().bytes()).u32(m.ethernetTag()).u8(48).bytes(m.mac().toBytes());
                if (m.ip().isPresent()) {
                    byte[] ip = m.ip().get().getAddress();
                    w.u8(ip.length * 8).bytes(ip);
                } else {
                    w.u8(0);
                }
                w.u24(m.label1());
                m.label2().ifPresent(w::u24);
            }
            case InclusiveMulticast i -> w.bytes(i.rd().bytes()).u32(i.ethernetTag()).u8(i.originator().getAddress().length * 8).address(i.originator());
            case EthernetSegment s -> w.bytes(s.rd().bytes()).bytes(s.esi().bytes()).u8(s.originator().getAddress().length * 8).address(s.originator());
            case IpPrefixRoute p -> w.bytes(p.rd().bytes()).bytes(p.esi().bytes()).u32(p.ethernetTag()).u8(p.length())
                    .address(p.prefix()).address(p.gateway()).u24(p.label());
            case UnknownRoute u -> w.bytes(u.value());
        }
        w.patchU8(lenAt, w.position() - lenAt - 1);
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
