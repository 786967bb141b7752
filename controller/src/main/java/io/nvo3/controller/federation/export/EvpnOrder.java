package io.nvo3.controller.federation.export;

import io.nvo3.bgp.wire.nlri.EvpnRoute;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/** A total order on EVPN NLRI (route type, RD, then the type's fields), for deterministic output. */
public final class EvpnOrder {
    public static final Comparator<EvpnRoute> NLRI = EvpnOrder::compare;
    public static final Comparator<InetAddress> ADDRESS = EvpnOrder::compareAddresses;

    private EvpnOrder() {}

    private static int compare(EvpnRoute a, EvpnRoute b) {
        int c = Integer.compare(a.routeType(), b.routeType());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.pathId(), b.pathId());
        if (c != 0) {
            return c;
        }
        // Field by field, each compared only when the ones before tie (this runs n log n times per recompute).
        return switch (a) {
            case EvpnRoute.MacIpAdvertisement x when b instanceof EvpnRoute.MacIpAdvertisement y -> {
                int r = x.rd().bytes().compareTo(y.rd().bytes());
                if (r == 0) {
                    r = Long.compare(x.ethernetTag(), y.ethernetTag());
                }
                if (r == 0) {
                    r = Long.compare(x.mac().bits(), y.mac().bits());
                }
                if (r == 0) {
                    r = compareOptional(x.ip(), y.ip());
                }
                if (r == 0) {
                    r = x.esi().bytes().compareTo(y.esi().bytes());
                }
                if (r == 0) {
                    r = Integer.compare(x.label1(), y.label1());
                }
                yield r != 0 ? r : Integer.compare(x.label2().orElse(-1), y.label2().orElse(-1));
            }
            case EvpnRoute.InclusiveMulticast x when b instanceof EvpnRoute.InclusiveMulticast y -> {
                int r = x.rd().bytes().compareTo(y.rd().bytes());
                if (r == 0) {
                    r = Long.compare(x.ethernetTag(), y.ethernetTag());
                }
                yield r != 0 ? r : compareAddresses(x.originator(), y.originator());
            }
            case EvpnRoute.IpPrefixRoute x when b instanceof EvpnRoute.IpPrefixRoute y -> {
                int r = x.rd().bytes().compareTo(y.rd().bytes());
                if (r == 0) {
                    r = Long.compare(x.ethernetTag(), y.ethernetTag());
                }
                if (r == 0) {
                    r = compareAddresses(x.prefix(), y.prefix());
                }
                if (r == 0) {
                    r = Integer.compare(x.length(), y.length());
                }
                if (r == 0) {
                    r = compareAddresses(x.gateway(), y.gateway());
                }
                yield r != 0 ? r : Integer.compare(x.label(), y.label());
            }
            default -> a.toString().compareTo(b.toString());
        };
    }

    private static int compareOptional(Optional<InetAddress> a, Optional<InetAddress> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isPresent(), b.isPresent());
        }
        return compareAddresses(a.get(), b.get());
    }

    /** IPv4 before IPv6, then by octets (unsigned). */
    private static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int c = Integer.compare(x.length, y.length);
        return c != 0 ? c : Arrays.compareUnsigned(x, y);
    }
}
