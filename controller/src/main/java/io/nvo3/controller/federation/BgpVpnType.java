package io.nvo3.controller.federation;

import java.util.Locale;

/**
 * A BGPVPN's {@code type}: neutron-lib bgpvpn.py "BGPVPN_TYPES = [BGPVPN_L3, BGPVPN_L2]", default l3.
 * An l2 BGPVPN joins networks through EVPN (RFC 7432 / RFC 8365); l3 through IP VPN or EVPN type 5.
 */
public enum BgpVpnType {
    L2,
    L3;

    /** The API spelling: {@code l2} or {@code l3}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API spelling (exactly {@code l2} or {@code l3}); null when it is neither. */
    public static BgpVpnType parse(String text) {
        if ("l2".equals(text)) {
            return L2;
        }
        if ("l3".equals(text)) {
            return L3;
        }
        return null;
    }
}
