package io.nvo3.bgp.wire.nlri;

import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * L2VPN EVPN NLRI (AFI 25, SAFI 70), RFC 7432 §7 and RFC 9136 §3. Label fields are raw 3-octet
 * values; see {@link Labels} for VNI versus MPLS.
 */
public sealed interface EvpnRoute extends Nlri {
    int ETHERNET_AD = 1;
    int MAC_IP_ADVERTISEMENT = 2;
    int INCLUSIVE_MULTICAST = 3;
    int ETHERNET_SEGMENT = 4;
    int IP_PREFIX = 5;

    int routeType();

    private static void checkTag(long tag) {
        if (tag < 0 || tag > 0xffff_ffffL) {
            throw new IllegalArgumentException("Ethernet Tag out of range: " + tag);
        }
    }

    /** RFC 7432 §7.1: RD, ESI, Ethernet Tag ID, MPLS Label. */
    record EthernetAd(long pathId, RouteDistinguisher rd, Esi esi, long ethernetTag, int label) implements EvpnRoute {
        public EthernetAd {
            Nlri.checkPathId(pathId);
            Objects.requireNonNull(rd);
            Objects.requireNonNull(esi);
            checkTag(ethernetTag);
            Labels.checkField(label);
        }

        public int routeType() {
            return ETHERNET_AD;
        }
    }

    /** RFC 7432 §7.2: RD, ESI, Ethernet Tag ID, MAC, optional IP, MPLS Label1, optional Label2. */
    record MacIpAdvertisement(long pathId, RouteDistinguisher rd, Esi esi, long ethernetTag, MacAddress mac,
                              Optional<InetAddress> ip, int label1, OptionalInt label2) implements EvpnRoute {
        public MacIpAdvertisement {
            Nlri.checkPathId(pathId);
            Objects.requireNonNull(rd);
            Objects.requireNonNull(esi);
            checkTag(ethernetTag);
            Objects.requireNonNull(mac);
            Objects.requireNonNull(ip);
            Labels.checkField(label1);
            label2.ifPresent(Labels::checkField);
        }

        public int routeType() {
            return MAC_IP_ADVERTISEMENT;
        }
    }

    /** RFC 7432 §7.3: RD, Ethernet Tag ID, Originating Router's IP Address. */
    record InclusiveMulticast(long pathId, RouteDistinguisher rd, long ethernetTag, InetAddress originator) implements EvpnRoute {
        public InclusiveMulticast {
            Nlri.checkPathId(pathId);
            Objects.requireNonNull(rd);
            checkTag(ethernetTag);
            Objects.requireNonNull(originator);
        }

        public int routeType() {
            return INCLUSIVE_MULTICAST;
        }
    }

    /** RFC 7432 §7.4: RD, ESI, Originating Router's IP Address. */
    record EthernetSegment(long pathId, RouteDistinguisher rd, Esi esi, InetAddress originator) implements EvpnRoute {
        public EthernetSegment {
            Nlri.checkPathId(pathId);
            Objects.requireNonNull(rd);
            Objects.requireNonNull(esi);
            Objects.requireNonNull(originator);
        }

        public int routeType() {
            return ETHERNET_SEGMENT;
        }
    }

    /**
     * RFC 9136 §3.1: RD, ESI, Ethernet Tag ID, IP Prefix Length, IP Prefix, GW IP Address, MPLS Label;
     * "the IP Prefix and GW IP Address fields ... MUST both be either IPv4 or IPv6".
     */
    record IpPrefixRoute(long pathId, RouteDistinguisher rd, Esi esi, long ethernetTag, InetAddress prefix, int length,
                         InetAddress gateway, int label) implements EvpnRoute {
        public IpPrefixRoute {
            Nlri.checkPathId(pathId);
            Objects.requireNonNull(rd);
            Objects.requireNonNull(esi);
            checkTag(ethernetTag);
            Objects.requireNonNull(prefix);
            Objects.requireNonNull(gateway);
            if ((prefix instanceof Inet4Address) != (gateway instanceof Inet4Address)) {
                throw new IllegalArgumentException("EVPN IP prefix and gateway must be the same family");
            }
            Prefixes.checkMasked(prefix, length, "EVPN IP prefix");
            Labels.checkField(label);
        }

        public int routeType() {
            return IP_PREFIX;
        }
    }

    /** A route type this codec does not parse, with its value octets. */
    record UnknownRoute(long pathId, int routeType, Bytes value) implements EvpnRoute {
        public UnknownRoute {
            Nlri.checkPathId(pathId);
            if (routeType < 0 || routeType > 255 || value.length() > 255) {
                throw new IllegalArgumentException("EVPN route type or length out of range");
            }
        }
    }
}
