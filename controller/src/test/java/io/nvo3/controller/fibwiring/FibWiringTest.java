package io.nvo3.controller.fibwiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.FibUpdate;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.TenantSystem;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.model.AllowedAddressPair;
import io.nvo3.model.FixedIp;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FibWiringTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Network net(String id, long vni) {
        return new Network(id, "p1", "n", "", true, false, 1450, vni, true, T, T, 0);
    }

    static Port port(String id, String net, TenantSystemState state, String nve, long rev) {
        return new Port(id, "p1", net, "", "", "fa:16:3e:00:00:01", true, "", "",
                List.of(new FixedIp("s1", "203.0.113.5")), List.of(new AllowedAddressPair("203.0.113.96/28",
                "fa:16:3e:00:00:09")), List.of(), true, nve, Map.of(), nve, state, null, T, T, rev);
    }

    @Test
    void aPortMapsToATenantSystemWithItsVnAddressesPairsStateAndBinding() {
        TenantSystem ts = FibMapping.ts(port("p", "n1", TenantSystemState.RUNNING, "hv1", 3),
                Optional.of(new TsLocation.Bound("hv1", 7)));
        assertThat(ts.portId()).isEqualTo("p");
        assertThat(ts.vnId()).isEqualTo("n1");
        assertThat(ts.mac().toString()).isEqualTo("fa:16:3e:00:00:01");
        assertThat(ts.fixedIps()).containsExactly(IpAddresses.parse("203.0.113.5"));
        assertThat(ts.allowedAddressPairs()).singleElement().satisfies(a -> {
            assertThat(a.prefix()).isEqualTo(IpPrefix.parse("203.0.113.96/28"));
            assertThat(a.mac().orElseThrow().toString()).isEqualTo("fa:16:3e:00:00:09");
        });
        assertThat(ts.portSecurity()).isTrue();
        assertThat(ts.state()).isEqualTo(TsState.RUNNING);
        assertThat(ts.location()).isEqualTo(new TsLocation.Bound("hv1", 7));
        assertThat(FibMapping.vn(net("n1", 4242)).vni()).isEqualTo(4242);
    }

    @Test
    void everyModelStateHasAFibStateAndAdminDownNeverForwards() {
        for (TenantSystemState s : TenantSystemState.values()) {
            assertThat(FibMapping.state(s).name()).isEqualTo(s.name());
        }
        Port down = port("p", "n1", TenantSystemState.RUNNING, "hv1", 1);
        down = new Port(down.id(), down.projectId(), down.networkId(), "", "", down.macAddress(), false, "", "",
                down.fixedIps(), List.of(), List.of(), true, "hv1", Map.of(), "hv1", TenantSystemState.RUNNING, null, T, T, 1);
        assertThat(FibMapping.ts(down, Optional.empty()).state().forwards()).isFalse();
    }

    @Test
    void flowsAppearOnlyOnceThePortIsRunningAndBoundAndGoWhenUnbound() {
        FibWiring w = new FibWiring();
        w.nveUp(new Nve("hv1", IpAddresses.parseV4("198.18.0.1"), 1));
        w.network(net("n1", 1000));
        int pipeline = w.state("hv1").orElseThrow().flows().size();
        w.port(port("p", "n1", TenantSystemState.NOT_DEPLOYED, null, 1));
        assertThat(w.binding("p", Optional.of(new TsLocation.Bound("hv1", 2)))).isEmpty();
        List<FibUpdate> running = w.port(port("p", "n1", TenantSystemState.RUNNING, "hv1", 2));
        assertThat(running).singleElement().satisfies(u -> assertThat(u.changed()).containsKey("hv1"));
        assertThat(w.state("hv1").orElseThrow().flows().size()).isGreaterThan(pipeline);
        // A late, older view of the port changes nothing.
        assertThat(w.port(port("p", "n1", TenantSystemState.NOT_DEPLOYED, null, 1))).isEmpty();
        w.binding("p", Optional.empty());
        assertThat(w.state("hv1").orElseThrow().flows()).hasSize(pipeline);
        assertThat(w.binding("p", Optional.empty())).isEmpty();
    }

    @Test
    void deletingThePortRemovesItsFlows() {
        FibWiring w = new FibWiring();
        w.nveUp(new Nve("hv1", IpAddresses.parseV4("198.18.0.1"), 1));
        w.network(net("n1", 1000));
        int pipeline = w.state("hv1").orElseThrow().flows().size();
        w.binding("p", Optional.of(new TsLocation.Bound("hv1", 2)));
        w.port(port("p", "n1", TenantSystemState.RUNNING, "hv1", 1));
        assertThat(w.state("hv1").orElseThrow().flows().size()).isGreaterThan(pipeline);
        w.portRemoved("p");
        assertThat(w.state("hv1").orElseThrow().flows()).hasSize(pipeline);
    }

    @Test
    void aBindingThatCollidesWithAnotherPortIsRefusedWithoutDisturbingIt() {
        FibWiring w = new FibWiring();
        w.nveUp(new Nve("hv1", IpAddresses.parseV4("198.18.0.1"), 1));
        w.network(net("n1", 1000));
        w.binding("p", Optional.of(new TsLocation.Bound("hv1", 2)));
        w.port(port("p", "n1", TenantSystemState.RUNNING, "hv1", 1));
        var before = w.state("hv1").orElseThrow();
        Port q = new Port("q", "p1", "n1", "", "", "fa:16:3e:00:00:02", true, "", "", List.of(), List.of(), List.of(), true,
                "hv1", Map.of(), "hv1", TenantSystemState.RUNNING, null, T, T, 1);
        w.binding("q", Optional.of(new TsLocation.Bound("hv1", 2)));
        assertThat(w.port(q)).isEmpty();
        assertThat(w.state("hv1").orElseThrow()).isEqualTo(before);
    }
}
