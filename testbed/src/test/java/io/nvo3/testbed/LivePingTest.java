package io.nvo3.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of {@code ping -O} output, fed by a shell instead of a real ping. */
class LivePingTest {
    private static LivePing fake(String output) {
        return new LivePing(List.of("printf", output), "fake");
    }

    @Test
    void countsUnansweredSequenceBeforeALaterReplyAsLost() {
        LivePing p = fake("""
                PING 203.0.113.2 (203.0.113.2) 56(84) bytes of data.
                64 bytes from 203.0.113.2: icmp_seq=1 ttl=64 time=0.3 ms
                no answer yet for icmp_seq=2
                no answer yet for icmp_seq=3
                64 bytes from 203.0.113.2: icmp_seq=4 ttl=64 time=0.3 ms
                no answer yet for icmp_seq=5
                """);
        p.awaitReplies(2, Duration.ofSeconds(5));
        LivePingResult r = p.stop();
        assertThat(r.missingSequences()).containsExactly(2L, 3L);
        assertThat(r.requests()).isEqualTo(4);
        assertThat(r.replies()).isEqualTo(2);
    }

    @Test
    void lateReplyAfterNoAnswerYetIsNotALoss() {
        LivePing p = fake("""
                no answer yet for icmp_seq=1
                64 bytes from 203.0.113.2: icmp_seq=1 ttl=64 time=12 ms
                64 bytes from 203.0.113.2: icmp_seq=2 ttl=64 time=0.3 ms
                64 bytes from 203.0.113.2: icmp_seq=2 ttl=64 time=0.3 ms (DUP!)
                """);
        p.awaitReplies(2, Duration.ofSeconds(5));
        LivePingResult r = p.stop();
        assertThat(r.lost()).isZero();
        assertThat(r.duplicates()).isEqualTo(1);
    }

    @Test
    void sequenceWrapAt65536KeepsCounting() {
        LivePing p = fake("""
                64 bytes from 203.0.113.2: icmp_seq=65534 ttl=64 time=0.3 ms
                64 bytes from 203.0.113.2: icmp_seq=65535 ttl=64 time=0.3 ms
                64 bytes from 203.0.113.2: icmp_seq=1 ttl=64 time=0.3 ms
                """);
        p.awaitReplies(3, Duration.ofSeconds(5));
        LivePingResult r = p.stop();
        // 0 after 65535 was never answered (iputils skips nothing: seq 0 follows 65535).
        assertThat(r.requests()).isEqualTo(65536 + 1);
        assertThat(r.replies()).isEqualTo(3);
        assertThat(r.missingSequences()).contains(65536L).doesNotContain(65534L, 65535L, 65537L);
    }
}
