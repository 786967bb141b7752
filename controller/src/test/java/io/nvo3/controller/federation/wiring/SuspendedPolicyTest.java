package io.nvo3.controller.federation.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.controller.federation.export.LocalTenantSystem;
import io.nvo3.model.FibPolicy;
import io.nvo3.model.TenantSystemState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuspendedPolicyTest {
    static LocalTenantSystem ts(TenantSystemState s) {
        return new LocalTenantSystem("p-" + s, MacAddress.parse("02:00:00:00:00:01"), List.of(), s,
                Optional.of(RemoteGateTest.v4("198.18.0.1")), 0);
    }

    @Test
    void suspendedTenantSystemsAreWithdrawnByDefaultAndKeptAdvertisedWithKeep() {
        List<LocalTenantSystem> in = List.of(ts(TenantSystemState.RUNNING), ts(TenantSystemState.SUSPENDED),
                ts(TenantSystemState.SHUT_OFF));
        assertThat(SuspendedPolicy.apply(FibPolicy.Suspended.WITHDRAW, in)).extracting(LocalTenantSystem::exported)
                .containsExactly(true, false, false);
        assertThat(SuspendedPolicy.apply(FibPolicy.Suspended.KEEP, in)).extracting(LocalTenantSystem::exported)
                .containsExactly(true, true, false);
    }
}
