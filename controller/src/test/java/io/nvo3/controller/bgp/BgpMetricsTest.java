package io.nvo3.controller.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nvo3.bgp.fsm.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BgpMetricsTest {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<NeighborView> snapshot = new ArrayList<>();
    final BgpMetrics metrics = new BgpMetrics(registry, () -> List.copyOf(snapshot), Duration.ZERO);

    static NeighborView view(String address, SessionState state, long accepted, String lastError) {
        NeighborSpec spec = NeighborSpec.of(BgpConfigParser.ipLiteral(address).orElseThrow(), 65002);
        PrefixCounts c = new PrefixCounts(accepted, accepted, OptionalLong.of(0));
        return new NeighborView(spec, state, Optional.empty(), Optional.empty(), c, Map.of(BgpFamily.L2VPN_EVPN, c),
                Optional.ofNullable(lastError), List.of(), OptionalInt.empty(), Optional.empty(), OptionalLong.empty());
    }

    double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void countsSessionsPerStatePrefixesAndTransitions() {
        snapshot.add(view("127.0.0.2", SessionState.ACTIVE, 0, null));
        snapshot.add(view("127.0.0.3", SessionState.ESTABLISHED, 7, null));
        metrics.poll();
        assertThat(gauge("nvo3.bgp.sessions", "state", "Established")).isEqualTo(1);
        assertThat(gauge("nvo3.bgp.sessions", "state", "Active")).isEqualTo(1);
        assertThat(gauge("nvo3.bgp.sessions", "state", "Idle")).isZero();
        assertThat(gauge("nvo3.bgp.neighbors")).isEqualTo(2);
        assertThat(gauge("nvo3.bgp.prefixes", "neighbor", "127.0.0.3", "family", "l2vpn-evpn", "kind", "accepted")).isEqualTo(7);
        assertThat(gauge("nvo3.bgp.prefixes", "neighbor", "127.0.0.3", "family", "all", "kind", "received")).isEqualTo(7);

        snapshot.set(0, view("127.0.0.2", SessionState.ESTABLISHED, 3, null));
        snapshot.remove(1);
        metrics.poll();
        assertThat(gauge("nvo3.bgp.sessions", "state", "Established")).isEqualTo(1);
        assertThat(counter("nvo3.bgp.session.transitions", "neighbor", "127.0.0.2", "state", "Established")).isEqualTo(1);
        assertThat(registry.find("nvo3.bgp.prefixes").tag("neighbor", "127.0.0.3").gauges()).isEmpty();
        assertThat(gauge("nvo3.bgp.prefixes", "neighbor", "127.0.0.2", "family", "l2vpn-evpn", "kind", "accepted")).isEqualTo(3);
    }

    @Test
    void countsEachNewNotificationOnceByDirectionAndCode() {
        snapshot.add(view("127.0.0.2", SessionState.IDLE, 0, "NOTIFICATION received: CEASE/ADMINISTRATIVE_SHUTDOWN"));
        metrics.poll();
        metrics.poll();
        assertThat(counter("nvo3.bgp.notifications", "direction", "received", "code", "CEASE", "subcode", "ADMINISTRATIVE_SHUTDOWN"))
                .isEqualTo(1);
        snapshot.set(0, view("127.0.0.2", SessionState.IDLE, 0, "bad message: marker (sent MESSAGE_HEADER_ERROR/CONNECTION_NOT_SYNCHRONIZED)"));
        metrics.poll();
        assertThat(counter("nvo3.bgp.notifications", "direction", "sent", "code", "MESSAGE_HEADER_ERROR",
                "subcode", "CONNECTION_NOT_SYNCHRONIZED")).isEqualTo(1);
    }

    @Test
    void readsNotificationsOutOfTheSpeakersLastError() {
        assertThat(BgpMetrics.notification("hold timer expired")).contains(new BgpMetrics.Notified("sent", "HOLD_TIMER_EXPIRED", "0"));
        assertThat(BgpMetrics.notification("NOTIFICATION received: 6/99 data 00")).contains(new BgpMetrics.Notified("received", "6", "99"));
        assertThat(BgpMetrics.notification("connection lost: reset by peer")).isEmpty();
    }

    @Test
    void removesItsMetersOnClose() {
        snapshot.add(view("127.0.0.2", SessionState.ACTIVE, 0, null));
        metrics.poll();
        metrics.close();
        assertThat(registry.find("nvo3.bgp.sessions").gauges()).isEmpty();
        assertThat(registry.find("nvo3.bgp.prefixes").gauges()).isEmpty();
    }
}
