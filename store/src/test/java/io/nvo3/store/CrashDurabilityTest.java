package io.nvo3.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives SIGKILL of the process: a child JVM writes and prints every
 * acknowledged key, we kill it mid-stream, reopen the store and look for every printed key.
 * Two rounds on the same directory, so the second one also recovers from a killed store.
 */
class CrashDurabilityTest {
    private static final int ACKS_BEFORE_KILL = 1500;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPutSurvivesKillMinus9() throws Exception {
        long acked = 0;
        for (int round = 0; round < 2; round++) {
            List<String> acks = runAndKill(round);
            assertThat(acks).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            acked += acks.size();
            try (KvStore store = KvStores.embedded(dir)) {
                for (String key : acks) {
                    assertThat(store.get(key)).as(key).isPresent();
                    assertThat(store.get(key).orElseThrow().value()).as(key).isEqualTo(CrashWriterMain.valueOf(key));
                }
                assertThat(store.revision()).isGreaterThanOrEqualTo(acked);
                assertThat(store.range("r" + round + "/")).hasSizeGreaterThanOrEqualTo(acks.size());
            }
        }
    }

    private List<String> runAndKill(int round) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), dir.toString(), Integer.toString(round), "4")
                .redirectError(dir.resolve("child-" + round + ".err").toFile())
                .start();
        List<String> acks = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("ACK ")) {
                        synchronized (acks) {
                            acks.add(line.substring(4));
                            if (acks.size() >= ACKS_BEFORE_KILL) {
                                enough.countDown();
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe breaks when the child dies
            }
        });
        try {
            assertThat(enough.await(60, TimeUnit.SECONDS))
                    .as("child acknowledged %d writes (stderr in %s)", acks.size(), dir)
                    .isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no MVStore close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }
}
