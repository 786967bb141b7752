package io.nvo3.fib;

import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.FibClass;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.RemoteFloodMember;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The test domain: three NVEs (VTEPs 198.18.0.1-3, VXLAN port 1000), tenant A's VN net-a (VNI 100) and tenant B's
 * net-b (VNI 200) with overlapping 203.0.113.0/24 addresses.
 */
final class Topo {
    static final int TUNNEL = 1000;
    static final Nve NVE1 = new Nve("nve1", IpAddresses.parseV4("198.18.0.1"), TUNNEL);
    static final Nve NVE2 = new Nve("nve2", IpAddresses.parseV4("198.18.0.2"), TUNNEL);
    static final Nve NVE3 = new Nve("nve3", IpAddresses.parseV4("198.18.0.3"), TUNNEL);
    static final VirtualNetwork NET_A = new VirtualNetwork("net-a", 100);
    static final VirtualNetwork NET_B = new VirtualNetwork("net-b", 200);

    private Topo() {
    }

    static MacAddress mac(int n) {
        return new MacAddress(0x02_00_00_00_00_00L | n);
    }

    static TenantSystem vm(String portId, VirtualNetwork vn, int macN, Nve nve, int ofport, String... ips) {
        List<InetAddress> fixed = Arrays.stream(ips).map(IpAddresses::parse).toList();
        return new TenantSystem(portId, vn.id(), mac(macN), fixed, List.of(), true, TsState.RUNNING,
                new TsLocation.Bound(nve.systemId(), ofport));
    }

    static TenantSystem withPairs(TenantSystem ts, AllowedAddressPair... pairs) {
        return new TenantSystem(ts.portId(), ts.vnId(), ts.mac(), ts.fixedIps(), List.of(pairs), ts.portSecurity(),
                ts.state(), ts.location());
    }

    static TenantSystem withoutPortSecurity(TenantSystem ts) {
        return new TenantSystem(ts.portId(), ts.vnId(), ts.mac(), ts.fixedIps(), ts.allowedAddressPairs(), false,
                ts.state(), ts.location());
    }

    static RemoteMac bgpMac(VirtualNetwork vn, int macN, String vtep, int vni) {
        return new RemoteMac(vn.id(), mac(macN), Optional.empty(), IpAddresses.parseV4(vtep), vni);
    }

    static RemoteFloodMember bgpFlood(VirtualNetwork vn, String vtep, int vni) {
        return new RemoteFloodMember(vn.id(), IpAddresses.parseV4(vtep), vni);
    }

    /** vm1, vm2 on nve1 and vm3 on nve2 in net-a; b1 on nve1 and b2 on nve2 in net-b; nve3 hosts nothing. */
    static final class Builder {
        final List<TenantSystem> tss = new ArrayList<>(List.of(
                vm("vm1", NET_A, 1, NVE1, 1, "203.0.113.1", "2001:db8::1"),
                vm("vm2", NET_A, 2, NVE1, 2, "203.0.113.2"),
                vm("vm3", NET_A, 3, NVE2, 1, "203.0.113.3"),
                vm("b1", NET_B, 11, NVE1, 3, "203.0.113.5"),
                vm("b2", NET_B, 12, NVE2, 2, "203.0.113.6")));
        final List<RemoteMac> macs = new ArrayList<>();
        final List<RemoteFloodMember> floods = new ArrayList<>();
        final List<VirtualNetwork> vns = new ArrayList<>(List.of(NET_A, NET_B));
        final List<Redirect> redirects = new ArrayList<>();

        Builder mode(VirtualNetwork vn, FibMode mode) {
            vns.removeIf(v -> v.id().equals(vn.id()));
            vns.add(vn.withMode(mode));
            return this;
        }

        Builder fibClass(String portId, FibClass c) {
            return replace(get(portId).withFibClass(c));
        }

        Builder moveTo(String portId, Nve nve, int ofport) {
            return replace(get(portId).withLocation(new TsLocation.Bound(nve.systemId(), ofport)));
        }

        Builder replace(TenantSystem ts) {
            tss.removeIf(t -> t.portId().equals(ts.portId()));
            tss.add(ts);
            return this;
        }

        Builder state(String portId, TsState state) {
            TenantSystem ts = tss.stream().filter(t -> t.portId().equals(portId)).findFirst().orElseThrow();
            return replace(ts.withState(state));
        }

        TenantSystem get(String portId) {
            return tss.stream().filter(t -> t.portId().equals(portId)).findFirst().orElseThrow();
        }

        FibInput build() {
            return FibInput.of(List.of(NVE1, NVE2, NVE3), vns, tss, macs, floods, redirects);
        }
    }
}
