package io.nvo3.bench.pull;

import io.nvo3.fib.Fib;
import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.fib.input.VirtualNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the controller knows when a packet-in of a pull VN arrives, for {@code switches} emulated NVEs with
 * {@code hosts} tenant systems each: the NVEs (as OVSDB would have reported them: system-id {@code sim-DPID}, VTEP
 * 198.18.1.DPID, tunnel ofport 100), one PULL VN with VNI {@link #VNI}, and every tenant system bound to its NVE on
 * ofport {@code host + 1}. Datapath ids are 1..switches.
 */
final class PullLoad {
    static final int VNI = 5100;
    static final String VN = "bench-pull-vn";

    private PullLoad() {
    }

    static String systemId(long dpid) {
        return "sim-" + dpid;
    }

    /** 02:00:SS:SS:HH:HH — locally administered, switch and host encoded. */
    static long mac(int sw, int host) {
        return 0x0200_0000_0000L | ((long) (sw & 0xffff) << 16) | (host & 0xffff);
    }

    static FibInput input(int switches, int hosts) {
        if (switches < 1 || switches > 250 || hosts < 1 || hosts > 60_000) {
            throw new IllegalArgumentException("switches 1..250, hosts 1..60000");
        }
        List<Nve> nves = new ArrayList<>();
        List<TenantSystem> tss = new ArrayList<>();
        for (int s = 1; s <= switches; s++) {
            nves.add(new Nve(systemId(s), ipv4(198, 18, 1, s), 100));
            for (int h = 0; h < hosts; h++) {
                tss.add(new TenantSystem("ts-" + s + "-" + h, VN, new MacAddress(mac(s, h)), List.of(), List.of(),
                        false, TsState.RUNNING, new TsLocation.Bound(systemId(s), h + 1)));
            }
        }
        return FibInput.of(nves, List.of(new VirtualNetwork(VN, VNI, FibMode.PULL)), tss, Set.of(), Set.of());
    }

    /** The cookie of the L2-miss rule that punts to the controller (the packet-in's cookie says which VN). */
    static long missCookie(FibInput input) {
        NveState st = Fib.compute(input).get(systemId(1));
        for (FlowEntry f : st.flows().values()) {
            if (CookieTrace.decode(f.cookie()).map(t -> t.rule() == RuleKind.PULL_MISS).orElse(false)) {
                return f.cookie();
            }
        }
        throw new IllegalStateException("no PULL_MISS flow computed for " + systemId(1));
    }

    private static Inet4Address ipv4(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
