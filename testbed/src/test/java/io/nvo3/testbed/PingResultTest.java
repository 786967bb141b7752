package io.nvo3.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PingResultTest {
    @Test
    void parsesIputilsSummaryWithLoss() {
        String out = """
                PING 203.0.113.2 (203.0.113.2) 56(84) bytes of data.
                64 bytes from 203.0.113.2: icmp_seq=1 ttl=64 time=0.4 ms

                --- 203.0.113.2 ping statistics ---
                3 packets transmitted, 1 received, 66.6667% packet loss, time 2030ms
                """;
        PingResult r = PingResult.parse(new ProcessResult(List.of("ping"), 1, out, ""));
        assertThat(r.transmitted()).isEqualTo(3);
        assertThat(r.received()).isEqualTo(1);
        assertThat(r.lost()).isEqualTo(2);
        assertThat(r.allReceived()).isFalse();
    }

    @Test
    void missingSummaryIsAFailureCarryingTheOutput() {
        ProcessResult r = new ProcessResult(List.of("ping"), 2, "", "ping: connect: Network is unreachable");
        assertThatThrownBy(() -> PingResult.parse(r)).isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("Network is unreachable");
    }

    @Test
    void namesFitIntoIfnamsizAndAreRecognisedAsOurs() {
        String p = Names.newPrefix();
        assertThat(Names.PREFIX.matcher(p).matches()).isTrue();
        for (String link : List.of(Names.underlayBridge(p), Names.managementBridge(p),
                Names.hvUnderlayVeth(p, Testbed.MAX_HYPERVISORS), Names.hvManagementVeth(p, 1))) {
            assertThat(link.length()).isLessThanOrEqualTo(15);
            assertThat(Names.ROOT_LINK.matcher(link).matches()).as(link).isTrue();
        }
        assertThat(Names.NETNS.matcher(Names.netns(p, "hv1")).matches()).isTrue();
        assertThat(Names.ROOT_LINK.matcher("eth0").matches()).isFalse();
    }
}
