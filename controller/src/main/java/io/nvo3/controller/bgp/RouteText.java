package io.nvo3.controller.bgp;

import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RtMembership;
import io.nvo3.bgp.wire.nlri.UnknownNlri;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Routes as text, in the forms {@code gobgp global rib} prints (GoBGP 3.10, checked against its CLI):
 * {@code [type:macadv][rd:65001:10][etag:0][mac:aa:bb:cc:00:00:01][ip:203.0.113.1]},
 * {@code [type:multicast][rd:65001:10][etag:0][ip:198.18.0.1]}, {@code [type:Prefix][rd:65001:10][etag:0][prefix:203.0.113.0/24]},
 * {@code 65001:20:198.51.100.0/24} for VPN prefixes.
 */
public final class RouteText {
    private RouteText() {}

    public static String nlri(Nlri nlri) {
        return switch (nlri) {
            case IpPrefix p -> p.prefix().getHostAddress() + "/" + p.length();
            case VpnPrefix p -> p.rd() + ":" + p.prefix().getHostAddress() + "/" + p.length();
            case EvpnRoute e -> evpn(e);
            case RtMembership m -> m.isDefault() ? "default"
                    : m.fullRouteTarget().map(rt -> m.originAs() + ":" + extendedCommunity(rt))
                            .orElse(m.originAs() + ":" + m.routeTarget().hex() + "/" + m.length());
            case UnknownNlri u -> "unknown:" + u.bytes().hex();
        };
    }

    private static String evpn(EvpnRoute e) {
        return switch (e) {
            case EvpnRoute.EthernetAd a -> "[type:A-D][rd:" + a.rd() + "][esi:" + esi(a.esi()) + "][etag:" + a.ethernetTag() + "]";
            case EvpnRoute.MacIpAdvertisement m -> "[type:macadv][rd:" + m.rd() + "][etag:" + m.ethernetTag() + "][mac:" + m.mac() + "]"
                    + m.ip().map(ip -> "[ip:" + ip.getHostAddress() + "]").orElse("");
            case EvpnRoute.InclusiveMulticast m -> "[type:multicast][rd:" + m.rd() + "][etag:" + m.ethernetTag() + "][ip:"
                    + m.originator().getHostAddress() + "]";
            case EvpnRoute.EthernetSegment s -> "[type:esi][rd:" + s.rd() + "][esi:" + esi(s.esi()) + "][ip:"
                    + s.originator().getHostAddress() + "]";
            case EvpnRoute.IpPrefixRoute p -> "[type:Prefix][rd:" + p.rd() + "][etag:" + p.ethernetTag() + "][prefix:"
                    + p.prefix().getHostAddress() + "/" + p.length() + "]";
            case EvpnRoute.UnknownRoute u -> "[type:" + u.routeType() + "][value:" + u.value().hex() + "]";
        };
    }

    private static String esi(io.nvo3.bgp.wire.nlri.Esi esi) {
        return esi.equals(io.nvo3.bgp.wire.nlri.Esi.ZERO) ? "single-homed" : esi.bytes().hex();
    }

    /**
     * The labels of a route as numbers: MPLS label values for VPN prefixes; for EVPN the whole 24-bit
     * field, which carries the VNI over VXLAN (RFC 8365 §5.1.3, see {@link Labels}).
     */
    public static List<Integer> labels(Nlri nlri) {
        return switch (nlri) {
            case VpnPrefix p -> p.labels().stream().map(Labels::mplsValue).toList();
            case EvpnRoute.EthernetAd a -> List.of(a.label());
            case EvpnRoute.MacIpAdvertisement m -> m.label2().isPresent() ? List.of(m.label1(), m.label2().getAsInt())
                    : List.of(m.label1());
            case EvpnRoute.IpPrefixRoute p -> List.of(p.label());
            case EvpnRoute.InclusiveMulticast m -> List.of();
            case EvpnRoute.EthernetSegment s -> List.of();
            case EvpnRoute.UnknownRoute u -> List.of();
            case IpPrefix p -> List.of();
            case RtMembership m -> List.of();
            case UnknownNlri u -> List.of();
        };
    }

    /** {@code rt:65001:100}, {@code soo:...}, {@code encap:vxlan}, {@code mac-mobility:5}, {@code router-mac:...}. */
    public static String extendedCommunity(ExtendedCommunity c) {
        return switch (c) {
            case ExtendedCommunity.RouteTarget rt -> "rt:" + rt.value();
            case ExtendedCommunity.RouteOrigin soo -> "soo:" + soo.toString().substring("SoO:".length());
            case ExtendedCommunity.Encapsulation enc -> "encap:" + enc.known().map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .orElse(Integer.toString(enc.tunnelType()));
            case ExtendedCommunity.MacMobility m -> "mac-mobility:" + m.sequence() + (m.sticky() ? ":sticky" : "");
            case ExtendedCommunity.EsiLabel l -> "esi-label:" + l.label() + (l.singleActive() ? ":single-active" : ":all-active");
            case ExtendedCommunity.RouterMac m -> "router-mac:" + m.mac();
            case ExtendedCommunity.DefaultGateway g -> "default-gateway";
            case ExtendedCommunity.Unknown u -> "unknown:" + u.value().hex();
        };
    }

    /** RFC 4271 AS_PATH as routers print it: sequences space-separated, sets in braces, confederations in parentheses. */
    public static String asPath(List<AsPathSegment> segments) {
        return segments.stream().map(s -> {
            String asns = s.asns().stream().map(Object::toString).collect(Collectors.joining(
                    s.type() == AsPathSegment.Type.AS_SET || s.type() == AsPathSegment.Type.AS_CONFED_SET ? "," : " "));
            return switch (s.type()) {
                case AS_SEQUENCE -> asns;
                case AS_SET -> "{" + asns + "}";
                case AS_CONFED_SEQUENCE -> "(" + asns + ")";
                case AS_CONFED_SET -> "[" + asns + "]";
            };
        }).filter(x -> !x.isEmpty()).collect(Collectors.joining(" "));
    }

    /** RFC 1997 communities as {@code ASN:VALUE}; the RFC 1997 / RFC 8326 well-known ones by name. */
    public static String community(long c) {
        if (c == 0xFFFFFF01L) {
            return "no-export";
        }
        if (c == 0xFFFFFF02L) {
            return "no-advertise";
        }
        if (c == 0xFFFFFF03L) {
            return "no-export-subconfed";
        }
        if (c == 0xFFFF0000L) {
            return "graceful-shutdown";
        }
        return (c >>> 16) + ":" + (c & 0xffff);
    }

    public static String origin(PathAttribute.Origin.OriginType o) {
        return switch (o) {
            case IGP -> "igp";
            case EGP -> "egp";
            case INCOMPLETE -> "incomplete";
        };
    }

    /** Attributes the route view has no own field for: PMSI tunnel, originator, cluster list, unknown ones. */
    public static List<String> otherAttributes(List<PathAttribute> attributes) {
        return attributes.stream().map(a -> switch (a) {
            case PathAttribute.PmsiTunnel p -> "pmsi:" + (p.tunnelType() == PathAttribute.PmsiTunnel.INGRESS_REPLICATION
                    ? "ingress-replication" : "type-" + p.tunnelType()) + ":label " + p.label()
                    + p.endpoint().map(e -> ":" + e.getHostAddress()).orElse("");
            case PathAttribute.OriginatorId o -> "originator-id:" + o.id().getHostAddress();
            case PathAttribute.ClusterList c -> "cluster-list:" + c.clusterIds().stream().map(x -> x.getHostAddress())
                    .collect(Collectors.joining(","));
            case PathAttribute.AtomicAggregate x -> "atomic-aggregate";
            case PathAttribute.Aggregator g -> "aggregator:" + g.asNumber() + ":" + g.address().getHostAddress();
            case PathAttribute.UnknownAttribute u -> "unknown-attribute:" + u.typeCode() + ":" + u.value().hex();
            default -> "";
        }).filter(s -> !s.isEmpty()).toList();
    }
}
