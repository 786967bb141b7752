package io.nvo3.controller.bgp;

import io.nvo3.bgp.wire.AfiSafi;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The address families a neighbor may carry, under the names the configuration, API and CLI use. */
public enum BgpFamily {
    /** RFC 7432 / RFC 8365: AFI 25, SAFI 70. */
    L2VPN_EVPN("l2vpn-evpn", AfiSafi.L2VPN_EVPN),
    /** RFC 4364: AFI 1, SAFI 128. */
    IPV4_VPN("ipv4-vpn", AfiSafi.VPN_IPV4),
    /** RFC 4659: AFI 2, SAFI 128. */
    IPV6_VPN("ipv6-vpn", AfiSafi.VPN_IPV6),
    /** RFC 4271: AFI 1, SAFI 1. */
    IPV4_UNICAST("ipv4-unicast", AfiSafi.IPV4_UNICAST),
    /** RFC 4684 route target constraint: AFI 1, SAFI 132. */
    RTC("rtc", AfiSafi.RT_CONSTRAINT);

    private final String configName;
    private final AfiSafi afiSafi;

    BgpFamily(String configName, AfiSafi afiSafi) {
        this.configName = configName;
        this.afiSafi = afiSafi;
    }

    /** The name in YAML, JSON and on the command line, e.g. {@code l2vpn-evpn}. */
    public String configName() {
        return configName;
    }

    public AfiSafi afiSafi() {
        return afiSafi;
    }

    /** Parses a configuration name exactly as {@link #configName()} spells it (case-insensitive). */
    public static Optional<BgpFamily> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (BgpFamily f : values()) {
            if (f.configName.equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The CLI also takes the family names of {@code gobgp -a}: evpn, vpnv4, vpnv6, ipv4, rtc. */
    public static Optional<BgpFamily> parseCli(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "evpn" -> Optional.of(L2VPN_EVPN);
            case "vpnv4", "vpn-ipv4" -> Optional.of(IPV4_VPN);
            case "vpnv6", "vpn-ipv6" -> Optional.of(IPV6_VPN);
            case "ipv4", "ipv4-unicast" -> Optional.of(IPV4_UNICAST);
            default -> parse(name);
        };
    }

    public static Optional<BgpFamily> of(AfiSafi afiSafi) {
        for (BgpFamily f : values()) {
            if (f.afiSafi.equals(afiSafi)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** "l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc" for error messages. */
    public static String known() {
        return Arrays.stream(values()).map(BgpFamily::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName;
    }
}
