package io.nvo3.fib.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FibInputTest {
    private static final Nve NVE1 = new Nve("nve1", IpAddresses.parseV4("198.18.0.1"), 1000);

    private static TenantSystem ts(String id, int port) {
        return new TenantSystem(id, "net-a", MacAddress.parse("02:00:00:00:00:0" + port), List.of(), List.of(), true,
                TsState.RUNNING, new TsLocation.Bound("nve1", port));
    }

    @Test
    void twoVnsWithOneVniAreRefusedNamingTheField() {
        FibInput input = FibInput.empty().apply(new FibChange.VnUpserted(new VirtualNetwork("a", 100)));

        assertThatThrownBy(() -> input.apply(new FibChange.VnUpserted(new VirtualNetwork("b", 100))))
                .isInstanceOf(FibInputException.class)
                .extracting(e -> ((FibInputException) e).field()).isEqualTo("virtualNetwork.vni");
    }

    @Test
    void twoTenantSystemsOnOnePortAreRefused() {
        FibInput input = FibInput.of(List.of(NVE1), List.of(), List.of(ts("p1", 1)), List.of(), List.of());

        assertThatThrownBy(() -> input.apply(new FibChange.TsUpserted(ts("p2", 1))))
                .isInstanceOf(FibInputException.class).hasMessageContaining("p2 bound to nve1 ofport 1 already used by p1");
        assertThat(input.apply(new FibChange.TsUpserted(ts("p1", 1).withState(TsState.SUSPENDED)))
                .tenantSystems()).hasSize(1);
    }

    @Test
    void addressParsingAcceptsOnlyLiteralsAndNeverResolvesNames() {
        assertThat(IpAddresses.parse("203.0.113.7").getHostAddress()).isEqualTo("203.0.113.7");
        assertThat(IpAddresses.parse("2001:db8::7").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:7");
        for (String bad : List.of("cafe", "localhost", "1.2.3", "203.0.113.256", "", "2001:db8::g")) {
            assertThatThrownBy(() -> IpAddresses.parse(bad)).as(bad).isInstanceOf(FibInputException.class);
        }
    }

    @Test
    void prefixesClearTheirHostBitsSoEqualPrefixesAreEqual() {
        assertThat(IpPrefix.parse("198.51.100.77/24")).isEqualTo(IpPrefix.parse("198.51.100.0/24"));
        assertThat(IpPrefix.parse("198.51.100.0/28").contains(IpAddresses.parse("198.51.100.15"))).isTrue();
        assertThat(IpPrefix.parse("198.51.100.0/28").contains(IpAddresses.parse("198.51.100.16"))).isFalse();
    }

    @Test
    void multicastOrZeroMacsCannotBeTenantSystems() {
        assertThatThrownBy(() -> new TenantSystem("p", "v", MacAddress.parse("01:00:5e:00:00:01"), List.of(),
                List.of(), true, TsState.RUNNING, TsLocation.UNBOUND)).isInstanceOf(FibInputException.class);
        assertThat(MacAddress.parse("02:00:5E:00:01:0a")).hasToString("02:00:5e:00:01:0a");
    }
}
