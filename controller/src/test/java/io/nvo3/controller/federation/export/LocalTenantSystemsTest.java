package io.nvo3.controller.federation.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.model.FibClass;
import io.nvo3.model.FixedIp;
import io.nvo3.model.Port;
import io.nvo3.model.TenantSystemState;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalTenantSystemsTest {
    private static Port port(boolean adminStateUp, TenantSystemState state, long moves) throws Exception {
        return new Port("p", "proj", "n1", "", "", "fa:16:3e:00:00:01", adminStateUp, "", "",
                List.of(new FixedIp("s1", "203.0.113.5")), List.of(), List.of(), true, "hv1", Map.of(), "hv1",
                state, null, Instant.EPOCH, Instant.EPOCH, 1, FibClass.STANDARD, moves, null);
    }

    private static List<LocalTenantSystem> of(Port p) throws Exception {
        Inet4Address vtep = (Inet4Address) InetAddress.getByName("198.18.0.1");
        return LocalTenantSystems.fromPorts(List.of(p), nve -> Optional.of(vtep), id -> p.moves());
    }

    @Test
    void aRunningPortWithAdminStateDownIsExportedAsSuspendedLikeTheFibTreatsIt() throws Exception {
        assertThat(of(port(false, TenantSystemState.RUNNING, 0)).getFirst().state()).isEqualTo(TenantSystemState.SUSPENDED);
        assertThat(of(port(true, TenantSystemState.RUNNING, 0)).getFirst().state()).isEqualTo(TenantSystemState.RUNNING);
        assertThat(of(port(false, TenantSystemState.SHUT_OFF, 0)).getFirst().state()).isEqualTo(TenantSystemState.SHUT_OFF);
    }

    @Test
    void theMobilitySequenceComesFromTheGivenFunction() throws Exception {
        assertThat(of(port(true, TenantSystemState.RUNNING, 3)).getFirst().mobilitySequence()).isEqualTo(3);
    }
}
