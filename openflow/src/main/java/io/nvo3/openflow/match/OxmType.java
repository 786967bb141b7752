package io.nvo3.openflow.match;

import java.util.HashMap;
import java.util.Map;

/**
 * OXM fields this codec names. {@code maskable} follows OVS 3.1 (lib/meta-flow.xml "Maskable: bitwise"),
 * which also masks TCP/UDP ports and the IPv6 ND fields that OpenFlow 1.3.5 §7.2.3.7 lists as unmaskable:
 * OVS reports such masks in flow stats, and a reply must still decode. OXM fields this codec names: OpenFlow basic class 0x8000 (OpenFlow 1.3.5 §7.2.3.7) and the Nicira
 * NXM_1 class 0x0001 fields OVS needs (OVS include/openflow/nicira-ext.h, lib/meta-flow.xml).
 */
public enum OxmType {
    IN_PORT(0x8000, 0, 4, false),
    METADATA(0x8000, 2, 8, true),
    ETH_DST(0x8000, 3, 6, true),
    ETH_SRC(0x8000, 4, 6, true),
    ETH_TYPE(0x8000, 5, 2, false),
    /** 13 bits of VID plus OFPVID_PRESENT (0x1000). */
    VLAN_VID(0x8000, 6, 2, true),
    IP_PROTO(0x8000, 10, 1, false),
    IPV4_SRC(0x8000, 11, 4, true),
    IPV4_DST(0x8000, 12, 4, true),
    TCP_SRC(0x8000, 13, 2, true),
    TCP_DST(0x8000, 14, 2, true),
    UDP_SRC(0x8000, 15, 2, true),
    UDP_DST(0x8000, 16, 2, true),
    ARP_OP(0x8000, 21, 2, false),
    ARP_SPA(0x8000, 22, 4, true),
    ARP_TPA(0x8000, 23, 4, true),
    ARP_SHA(0x8000, 24, 6, true),
    ARP_THA(0x8000, 25, 6, true),
    IPV6_SRC(0x8000, 26, 16, true),
    IPV6_DST(0x8000, 27, 16, true),
    ICMPV6_TYPE(0x8000, 29, 1, false),
    IPV6_ND_TARGET(0x8000, 31, 16, true),
    IPV6_ND_SLL(0x8000, 32, 6, true),
    IPV6_ND_TLL(0x8000, 33, 6, true),
    TUNNEL_ID(0x8000, 38, 8, true),
    NXM_NX_REG0(0x0001, 0, 4, true),
    NXM_NX_REG1(0x0001, 1, 4, true),
    NXM_NX_REG2(0x0001, 2, 4, true),
    NXM_NX_REG3(0x0001, 3, 4, true),
    NXM_NX_REG4(0x0001, 4, 4, true),
    NXM_NX_REG5(0x0001, 5, 4, true),
    NXM_NX_REG6(0x0001, 6, 4, true),
    NXM_NX_REG7(0x0001, 7, 4, true),
    NXM_NX_TUN_IPV4_SRC(0x0001, 31, 4, true),
    NXM_NX_TUN_IPV4_DST(0x0001, 32, 4, true);

    public static final int OFPXMC_OPENFLOW_BASIC = 0x8000;
    public static final int NXM_1 = 0x0001;
    private static final Map<Integer, OxmType> BY_KEY = new HashMap<>();

    static {
        for (OxmType t : values()) {
            BY_KEY.put(key(t.oxmClass, t.field), t);
        }
    }

    private final int oxmClass;
    private final int field;
    private final int length;
    private final boolean maskable;

    OxmType(int oxmClass, int field, int length, boolean maskable) {
        this.oxmClass = oxmClass;
        this.field = field;
        this.length = length;
        this.maskable = maskable;
    }

    public int oxmClass() {
        return oxmClass;
    }

    public int field() {
        return field;
    }

    /** Payload length of the value (a masked entry carries twice as many bytes). */
    public int length() {
        return length;
    }

    public boolean maskable() {
        return maskable;
    }

    static int key(int oxmClass, int field) {
        return (oxmClass << 7) | field;
    }

    /** The named field for (class, field), or null when this codec does not name it. */
    public static OxmType lookup(int oxmClass, int field) {
        return BY_KEY.get(key(oxmClass, field));
    }

    public static OxmType register(int n) {
        return values()[NXM_NX_REG0.ordinal() + n];
    }
}
