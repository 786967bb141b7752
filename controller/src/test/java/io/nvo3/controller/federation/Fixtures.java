package io.nvo3.controller.federation;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.controller.federation.export.LocalTenantSystem;
import io.nvo3.model.TenantSystemState;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/** Addresses and values for federation tests: VTEPs in 198.18.0.0/16, tenant IPs in 203.0.113.0/24 only. */
public final class Fixtures {
    public static final LocalDomain DOMAIN_A = new LocalDomain(65001, v4("198.18.0.1"));
    public static final LocalDomain DOMAIN_B = new LocalDomain(65002, v4("198.18.0.2"));

    private Fixtures() {}

    public static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code ::ffff:a.b.c.d} kept as 16 octets, as the BGP codec hands over FRR's EVPN next hops. */
    public static InetAddress mapped(String v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4(v4).getAddress(), 0, b, 12, 4);
        return v6(b);
    }

    /** The IPv4-compatible IPv6 address {@code ::a.b.c.d}: an IPv6 address that is not IPv4-mapped. */
    public static InetAddress compatible(String v4) {
        byte[] b = new byte[16];
        System.arraycopy(v4(v4).getAddress(), 0, b, 12, 4);
        return v6(b);
    }

    private static InetAddress v6(byte[] b) {
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public static LocalTenantSystem running(String port, String mac, String vtep, long seq, InetAddress... ips) {
        return new LocalTenantSystem(port, MacAddress.parse(mac), List.of(ips), TenantSystemState.RUNNING,
                Optional.of(v4(vtep)), seq);
    }

    public static LocalTenantSystem inState(String port, String mac, String vtep, TenantSystemState state) {
        return new LocalTenantSystem(port, MacAddress.parse(mac), List.of(), state,
                vtep == null ? Optional.empty() : Optional.of(v4(vtep)), 0);
    }

    public static VnRouting vn(String id, long vni, LocalDomain d, int rdNumber, BgpVpn... vpns) {
        return VnRoutings.compute(id, vni, rdNumber, d, List.of(vpns));
    }

    public static BgpVpn l2Vpn(String id, String... rts) {
        return new BgpVpn(id, "p", "", BgpVpnType.L2, List.of(rts), List.of(), List.of(), List.of(), null, null, 0);
    }
}
