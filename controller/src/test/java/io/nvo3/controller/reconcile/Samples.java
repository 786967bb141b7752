package io.nvo3.controller.reconcile;

import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A small realistic FIB input: two NVEs, two tenants' VNs on overlapping addresses, port security, an address pair. */
final class Samples {
    private Samples() {
    }

    static Nve nve(int n) {
        return new Nve("hv" + n, IpAddresses.parseV4("198.18.0." + n), 1);
    }

    static TenantSystem ts(String id, String vn, int mac, String ip, String nve, int ofport, boolean security) {
        return new TenantSystem(id, vn, new MacAddress(0xfa163e000000L + mac), List.of(IpAddresses.parse(ip)),
                List.of(), security, TsState.RUNNING, new TsLocation.Bound(nve, ofport));
    }

    static FibInput input() {
        return input(FibMode.PUSH);
    }

    static FibInput input(FibMode mode) {
        TenantSystem withPair = ts("a3", "vn-a", 3, "203.0.113.13", "hv2", 3, true);
        withPair = new TenantSystem(withPair.portId(), withPair.vnId(), withPair.mac(), withPair.fixedIps(),
                List.of(new AllowedAddressPair(IpPrefix.parse("203.0.113.96/28"), Optional.empty())), true,
                TsState.RUNNING, withPair.location());
        return FibInput.of(List.of(nve(1), nve(2)),
                List.of(new VirtualNetwork("vn-a", 1000, mode), new VirtualNetwork("vn-b", 1001, mode)),
                List.of(ts("a1", "vn-a", 1, "203.0.113.11", "hv1", 2, true),
                        ts("a2", "vn-a", 2, "203.0.113.12", "hv2", 2, true), withPair,
                        ts("b1", "vn-b", 4, "203.0.113.11", "hv1", 3, false),
                        ts("b2", "vn-b", 5, "203.0.113.12", "hv2", 4, true)),
                Set.of(), Set.of());
    }

    static NveState desired(String systemId) {
        return Fib.compute(input()).get(systemId);
    }
}
