package io.nvo3.bgp.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.nvo3.bgp.fsm.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timers of {@link EventLoopScheduler} on a real event loop: order, cancellation, restarts, other threads, failing tasks. */
class EventLoopSchedulerTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final EventLoopScheduler scheduler = new EventLoopScheduler(loop, Clock.systemUTC());
    private final List<String> fired = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> c) throws Exception {
        return loop.submit(c).get();
    }

    @Test
    void firesTimersByDeadlineWhateverTheOrderTheyWereSetIn() throws Exception {
        onLoop(() -> {
            scheduler.schedule(Duration.ofMillis(300), () -> fired.add("300"));
            scheduler.schedule(Duration.ofMillis(100), () -> fired.add("100"));
            scheduler.schedule(Duration.ofMillis(200), () -> fired.add("200"));
            scheduler.schedule(Duration.ZERO, () -> fired.add("0"));
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 4);
        assertThat(fired).containsExactly("0", "100", "200", "300");
    }

    @Test
    void aTimerRestartedThousandsOfTimesFiresOnceAfterItsLastRestart() throws Exception {
        long[] setAt = new long[1];
        long[] firedAt = new long[1];
        onLoop(() -> {
            Scheduler.Timer t = null;
            for (int i = 0; i < 5000; i++) {
                if (t != null) {
                    t.cancel();
                }
                int n = i;
                setAt[0] = System.nanoTime();
                t = scheduler.schedule(Duration.ofMillis(150), () -> {
                    firedAt[0] = System.nanoTime();
                    fired.add("hold " + n);
                });
            }
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !fired.isEmpty());
        await("no other restart fires").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> fired.size() == 1);
        assertThat(fired).containsExactly("hold 4999");
        assertThat(firedAt[0] - setAt[0]).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
    }

    @Test
    void cancelledTimersNeverFireAndLiveOnesStillDo() throws Exception {
        onLoop(() -> {
            Scheduler.Timer early = scheduler.schedule(Duration.ofMillis(50), () -> fired.add("early"));
            scheduler.schedule(Duration.ofMillis(120), () -> fired.add("kept"));
            Scheduler.Timer late = scheduler.schedule(Duration.ofMillis(100), () -> fired.add("late"));
            early.cancel();
            late.cancel();
            late.cancel();
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("kept"));
        await("nothing cancelled fires").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> fired.size() == 1);
        assertThat(fired).containsExactly("kept");
    }

    @Test
    void timersSetAndCancelledFromAnotherThreadWork() throws Exception {
        Scheduler.Timer cancelled = scheduler.schedule(Duration.ofMillis(50), () -> fired.add("cancelled"));
        scheduler.schedule(Duration.ofMillis(80), () -> fired.add("from outside"));
        cancelled.cancel();
        Scheduler.Timer onLoopCancelledOutside = onLoop(() -> scheduler.schedule(Duration.ofMillis(50), () -> fired.add("loop timer")));
        CompletableFuture.runAsync(onLoopCancelledOutside::cancel).get();
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.contains("from outside"));
        await("nothing cancelled fires").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> fired.size() == 1);
        assertThat(fired).containsExactly("from outside");
    }

    @Test
    void aFailingTaskDoesNotStopTheTimersAfterIt() throws Exception {
        onLoop(() -> {
            scheduler.schedule(Duration.ofMillis(20), () -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            scheduler.schedule(Duration.ofMillis(20), () -> fired.add("same deadline"));
            scheduler.schedule(Duration.ofMillis(60), () -> fired.add("later"));
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly("same deadline", "later");
    }

    @Test
    void aTaskCanSetTheNextTimer() throws Exception {
        onLoop(() -> {
            scheduler.schedule(Duration.ofMillis(10), () -> {
                fired.add("first");
                scheduler.schedule(Duration.ofMillis(10), () -> fired.add("second"));
            });
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> fired.size() == 2);
        assertThat(fired).containsExactly("first", "second");
    }
}
