package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE1;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.flow.MatchField;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.MacAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieTraceTest {
    @Test
    void theL2FlowOfVm2TracesBackToItsRuleVnAndPort() {
        NveState nve1 = Fib.compute(new Topo.Builder().build()).get("nve1");
        FlowEntry l2 = nve1.flows().values().stream()
                .filter(f -> f.table() == Tables.L2 && f.match().get(MatchField.Kind.ETH_DST)
                        .equals(Optional.of(MatchField.EthDst.exact(mac(2)))))
                .findFirst().orElseThrow();

        assertThat(nve1.trace(l2.cookie()).orElseThrow())
                .hasToString("rule L2_LOCAL for VN net-a (VNI 100), port vm2");
        assertThat(CookieTrace.decode(l2.cookie()).orElseThrow())
                .returns(RuleKind.L2_LOCAL, CookieTrace::rule).returns(100, CookieTrace::vni);
    }

    @Test
    void everyFlowCookieTracesToARuleAndVnScopedCookiesCarryTheirVni() {
        NveState nve1 = Fib.compute(new Topo.Builder().build()).get("nve1");

        assertThat(nve1.flows().values()).allSatisfy(f -> {
            CookieTrace t = nve1.trace(f.cookie()).orElseThrow();
            assertThat(t.cookie()).isEqualTo(f.cookie());
            assertThat(CookieTrace.decode(f.cookie()).orElseThrow().rule()).isEqualTo(t.rule());
            assertThat(t.vni() == 0).isEqualTo(t.rule() == RuleKind.PIPELINE);
        });
    }

    @Test
    void aForeignCookieDecodesToNothing() {
        assertThat(CookieTrace.decode(0x1234L)).isEmpty();
        assertThat(CookieTrace.decode(0x4E_FF_000000_000000L)).isEmpty();
    }

    @Test
    void twoPortsWhoseNamesHashAlikeStillGetDistinctCookies() {
        String[] pair = collidingPortIds();
        Topo.Builder b = new Topo.Builder();
        b.tss.clear();
        b.tss.add(Topo.vm(pair[0], NET_A, 1, NVE1, 1, "203.0.113.1"));
        b.tss.add(Topo.vm(pair[1], NET_A, 2, NVE1, 2, "203.0.113.2"));
        NveState nve1 = Fib.compute(b.build()).get("nve1");

        Map<Long, String> ownerOfCookie = new HashMap<>();
        for (FlowEntry f : nve1.flows().values()) {
            String subject = nve1.trace(f.cookie()).orElseThrow().toString();
            assertThat(ownerOfCookie.putIfAbsent(f.cookie(), subject)).isIn(null, subject);
        }
        assertThat(ownerOfCookie.values()).anyMatch(s -> s.endsWith(", port " + pair[0]))
                .anyMatch(s -> s.endsWith(", port " + pair[1]));
        long first = cookieOfL2(nve1, mac(1));
        long second = cookieOfL2(nve1, mac(2));
        assertThat(first).isNotEqualTo(second);
        assertThat(CookieTrace.decode(first).orElseThrow().tag())
                .isEqualTo(SliceBuilder.hash24(SliceBuilder.port(pair[0])));
    }

    private static long cookieOfL2(NveState s, MacAddress mac) {
        return s.flows().values().stream().filter(f -> f.table() == Tables.L2
                        && f.match().get(MatchField.Kind.ETH_DST).equals(Optional.of(MatchField.EthDst.exact(mac))))
                .findFirst().orElseThrow().cookie();
    }

    /** Two port ids with the same 24-bit tag, found by search (birthday bound: a few thousand tries). */
    private static String[] collidingPortIds() {
        Map<Integer, String> seen = new HashMap<>();
        for (int i = 0; ; i++) {
            String id = "port-" + i;
            String other = seen.putIfAbsent(SliceBuilder.hash24(SliceBuilder.port(id)), id);
            if (other != null) {
                // sorted order decides who keeps the hashed tag
                return other.compareTo(id) < 0 ? new String[] {other, id} : new String[] {id, other};
            }
        }
    }
}
