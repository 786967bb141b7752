package io.nvo3.controller.mobility;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.controller.fibwiring.FibMapping;
import io.nvo3.controller.fibwiring.FibWiring;
import io.nvo3.fib.flow.CookieTrace;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.flow.RuleKind;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.Nve;
import io.nvo3.fib.input.Redirect;
import io.nvo3.fib.input.TsLocation;
import io.nvo3.fib.input.TsState;
import io.nvo3.model.FibClass;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.FixedIp;
import io.nvo3.model.Network;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.fib.FibUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MobilityTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Network net(String id, long vni) {
        return new Network(id, "p1", "n", "", true, false, 1450, vni, true, T, T, 0);
    }

    static Port port(String id, String mac, String ip, String nve) {
        return new Port(id, "p1", "n1", "", "", mac, true, "", "", List.of(new FixedIp("s1", ip)), List.of(),
                List.of(), true, nve, Map.of(), nve, TenantSystemState.RUNNING, null, T, T, 1);
    }

    static FibWiring wiring() {
        FibWiring f = new FibWiring();
        f.nveUp(new Nve("hv1", (Inet4Address) IpAddresses.parse("198.18.0.1"), 10));
        f.nveUp(new Nve("hv2", (Inet4Address) IpAddresses.parse("198.18.0.2"), 10));
        f.nveUp(new Nve("hv3", (Inet4Address) IpAddresses.parse("198.18.0.3"), 10));
        f.network(net("n1", 100));
        f.port(port("a", "fa:16:3e:00:00:0a", "203.0.113.10", "hv1"));
        f.port(port("b", "fa:16:3e:00:00:0b", "203.0.113.11", "hv2"));
        f.binding("a", Optional.of(new TsLocation.Bound("hv1", 5)));
        f.binding("b", Optional.of(new TsLocation.Bound("hv2", 5)));
        return f;
    }

    static long redirectFlows(NveState s) {
        return s.flows().values().stream().filter(e -> CookieTrace.decode(e.cookie())
                .map(t -> t.rule() == RuleKind.REDIRECT).orElse(false)).count();
    }

    @Test
    void aPortAppearingAtAnotherNveBeforeLeavingTheOldOneRedirectsTheOldNveToTheNewVtep() {
        FibWiring f = wiring();
        assertThat(f.drainRedirects()).isEmpty();
        f.binding("a", Optional.of(new TsLocation.Bound("hv3", 8)));
        List<Redirect> r = f.drainRedirects();
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.fromSystemId()).isEqualTo("hv1");
            assertThat(x.toVtep().getHostAddress()).isEqualTo("198.18.0.3");
            assertThat(x.vni()).isEqualTo(100);
            assertThat(x.mac().toString()).isEqualTo("fa:16:3e:00:00:0a");
        });
        assertThat(redirectFlows(f.state("hv1").orElseThrow())).isPositive();
        assertThat(redirectFlows(f.state("hv2").orElseThrow())).isZero();
        assertThat(f.movesSeen()).isEqualTo(1);

        f.redirectExpired(r.getFirst());
        assertThat(redirectFlows(f.state("hv1").orElseThrow())).isZero();
        assertThat(f.redirects()).isEmpty();
    }

    @Test
    void aPortThatLeavesFirstAndAppearsElsewhereLaterIsAMoveToo() {
        FibWiring f = wiring();
        f.binding("a", Optional.empty());
        assertThat(f.drainRedirects()).isEmpty();
        f.binding("a", Optional.of(new TsLocation.Bound("hv2", 9)));
        assertThat(f.drainRedirects()).singleElement()
                .satisfies(x -> assertThat(x.fromSystemId()).isEqualTo("hv1"));
    }

    @Test
    void replugOnTheSameNveIsNoMove() {
        FibWiring f = wiring();
        f.binding("a", Optional.empty());
        f.binding("a", Optional.of(new TsLocation.Bound("hv1", 6)));
        assertThat(f.drainRedirects()).isEmpty();
        assertThat(f.movesSeen()).isZero();
    }

    @Test
    void aSecondMoveAwayFromTheSameNveReplacesItsRedirectAndTheOldTimerNoLongerRemovesIt() {
        FibWiring f = wiring();
        f.binding("a", Optional.of(new TsLocation.Bound("hv2", 8)));
        Redirect first = f.drainRedirects().getFirst();
        f.binding("a", Optional.of(new TsLocation.Bound("hv1", 5)));
        f.binding("a", Optional.of(new TsLocation.Bound("hv3", 8)));
        List<Redirect> later = f.drainRedirects();
        assertThat(later).extracting(Redirect::fromSystemId).containsExactly("hv2", "hv1");
        assertThat(f.redirectExpired(first)).isEmpty(); // replaced: the hv1 redirect now points at hv3
        assertThat(f.redirects()).hasSize(2);
    }

    @Test
    void aRedirectEndsAsSoonAsTheMovedPortLeavesItsNewNveNotAtTheEndOfTheGraceTime() {
        FibWiring f = wiring();
        ScheduledExecutorService core = Executors.newSingleThreadScheduledExecutor();
        List<FibUpdate> dispatched = new ArrayList<>();
        try (Lifecycle l = new Lifecycle(LifecycleOptions.defaults(), f, core, dispatched::addAll, f::input,
                new SimpleMeterRegistry())) {
            f.binding("a", Optional.of(new TsLocation.Bound("hv3", 8)));
            l.fibChanged();
            assertThat(l.grace().pending()).hasSize(1);
            l.fibChanged(); // other changes while it is at hv3 keep it
            assertThat(l.grace().pending()).hasSize(1);
            assertThat(redirectFlows(f.state("hv1").orElseThrow())).isPositive();

            // Rebooted at hv3: unplugged there. hv1 no longer tunnels its MAC to hv3, at once.
            f.binding("a", Optional.empty());
            l.fibChanged();
            assertThat(l.grace().pending()).isEmpty();
            assertThat(f.redirects()).isEmpty();
            assertThat(redirectFlows(f.state("hv1").orElseThrow())).isZero();
            assertThat(dispatched).isNotEmpty();

            // Plugged again at hv3: a re-plug at the same place is no move, so no new redirect either.
            f.binding("a", Optional.of(new TsLocation.Bound("hv3", 9)));
            l.fibChanged();
            assertThat(l.grace().pending()).isEmpty();
        } finally {
            core.shutdownNow();
        }
    }

    @Test
    void aRedirectOfAPortThatMovedBackToItsOldNveEndsToo() {
        FibWiring f = wiring();
        ScheduledExecutorService core = Executors.newSingleThreadScheduledExecutor();
        try (Lifecycle l = new Lifecycle(LifecycleOptions.defaults(), f, core, u -> { }, f::input,
                new SimpleMeterRegistry())) {
            f.binding("a", Optional.of(new TsLocation.Bound("hv3", 8)));
            l.fibChanged();
            f.binding("a", Optional.of(new TsLocation.Bound("hv1", 5)));
            l.fibChanged();
            // hv1 -> hv3 ended (it is back at hv1); hv3 -> hv1 runs its grace time.
            assertThat(l.grace().pending()).singleElement()
                    .satisfies(p -> assertThat(p.redirect().fromSystemId()).isEqualTo("hv3"));
            assertThat(f.redirects()).extracting(Redirect::fromSystemId).containsExactly("hv3");
        } finally {
            core.shutdownNow();
        }
    }

    @Test
    void graceTimersExpireOnTheInjectedClock() {
        MutableClock clock = new MutableClock(T);
        GraceTimers g = new GraceTimers(clock, Duration.ofSeconds(5));
        Redirect r = new Redirect("n1", io.nvo3.fib.input.MacAddress.parse("fa:16:3e:00:00:0a"), "hv1",
                (Inet4Address) IpAddresses.parse("198.18.0.3"), 100);
        assertThat(g.start(r)).isEmpty();
        assertThat(g.nextDeadline()).contains(Duration.ofSeconds(5));
        clock.now = T.plusSeconds(4);
        assertThat(g.expired()).isEmpty();
        clock.now = T.plusSeconds(5);
        assertThat(g.expired()).containsExactly(r);
        assertThat(g.nextDeadline()).isEmpty();
    }

    @Test
    void adminDownSuspendsAForwardingPortAndModeAndClassReachTheFib() {
        Port p = port("a", "fa:16:3e:00:00:0a", "203.0.113.10", "hv1");
        Port down = new Port(p.id(), p.projectId(), p.networkId(), "", "", p.macAddress(), false, "", "",
                p.fixedIps(), List.of(), List.of(), true, "hv1", Map.of(), "hv1", TenantSystemState.RUNNING, null, T,
                T, 1, FibClass.LATENCY_SENSITIVE, 0, null);
        assertThat(FibMapping.ts(down, Optional.empty()).state()).isEqualTo(TsState.SUSPENDED);
        assertThat(FibMapping.ts(down, Optional.empty()).fibClass())
                .isEqualTo(io.nvo3.fib.input.FibClass.LATENCY_SENSITIVE);
        Port offDown = down.withState(TenantSystemState.SHUT_OFF, null, null, "hv1", T);
        assertThat(FibMapping.ts(offDown, Optional.empty()).state()).isEqualTo(TsState.SHUT_OFF);
        Network hybrid = net("n1", 100).withFibPolicy(FibPolicy.DEFAULT.withMode(FibPolicy.Mode.HYBRID), T);
        assertThat(FibMapping.vn(hybrid).mode()).isEqualTo(FibMode.HYBRID);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
