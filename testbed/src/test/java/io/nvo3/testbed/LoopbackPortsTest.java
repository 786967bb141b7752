package io.nvo3.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
    /** Many ports asked for in a row (as a test bed of several controllers does): never the same one twice. */
    @Test
    void neverHandsOutTheSamePortTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int p = LoopbackPorts.freePort("127.0.0.1");
            assertThat(seen.add(p)).as("port %d handed out twice (request %d)", p, i).isTrue();
        }
    }
}
