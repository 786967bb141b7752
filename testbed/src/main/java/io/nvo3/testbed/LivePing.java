package io.nvo3.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code ping -n -O -i INTERVAL} in a VM. Losses are gaps in the answered icmp_seq numbers,
 * so a test proves "0 lost" by waiting for a few replies after the disruption, then calling
 * {@link #stop()}. Sequence numbers wrap at 65536; the handle unwraps them.
 */
public final class LivePing implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivePing.class);
    private static final Pattern REPLY = Pattern.compile("icmp_seq=(\\d+) ttl=\\d+");
    private static final Pattern NO_ANSWER = Pattern.compile("no answer yet for icmp_seq=(\\d+)");

    private final Process process;
    private final Thread reader;
    private final String what;
    private final BitSet answered = new BitSet();
    private long duplicates;
    private long maxAnswered;
    private long wrapBase;
    private int lastRawSeq = -1;
    private long noAnswerLines;
    private boolean outputEnded;
    private LivePingResult result;

    LivePing(List<String> command, String what) {
        this.what = what;
        try {
            this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start " + command, e);
        }
        this.reader = Thread.ofPlatform().daemon().name("live-ping-" + process.pid()).start(this::readLoop);
    }

    private void readLoop() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                onLine(line);
            }
        } catch (IOException e) {
            LOG.debug("{}: output closed: {}", what, e.toString());
        } finally {
            synchronized (this) {
                outputEnded = true;
                notifyAll();
            }
        }
    }

    private synchronized void onLine(String line) {
        Matcher m = REPLY.matcher(line);
        if (m.find()) {
            long seq = unwrap(Integer.parseInt(m.group(1)));
            if (seq > Integer.MAX_VALUE) {
                return;
            }
            if (answered.get((int) seq) || line.contains("DUP!")) {
                duplicates++;
            }
            answered.set((int) seq);
            maxAnswered = Math.max(maxAnswered, seq);
            notifyAll();
        } else if (NO_ANSWER.matcher(line).find()) {
            noAnswerLines++;
        }
    }

    private long unwrap(int raw) {
        // Replies arrive nearly in order: a big backwards jump is a wrap of the 16-bit counter.
        if (lastRawSeq >= 0 && raw < lastRawSeq - 32768) {
            wrapBase += 65536;
        }
        lastRawSeq = raw;
        return wrapBase + raw;
    }

    /** Distinct requests answered so far. */
    public synchronized long replies() {
        return answered.cardinality();
    }

    /** Requests answered by no reply although a later one was answered. */
    public synchronized long lostSoFar() {
        return missing().size();
    }

    private List<Long> missing() {
        List<Long> gaps = new ArrayList<>();
        for (long s = 1; s <= maxAnswered; s++) {
            if (!answered.get((int) s)) {
                gaps.add(s);
            }
        }
        return gaps;
    }

    /** Waits until {@code n} more replies than now have arrived. */
    public void awaitMoreReplies(long n, Duration timeout) {
        long target = replies() + n;
        awaitReplies(target, timeout);
    }

    /** Waits until at least {@code n} replies arrived in total. */
    public synchronized void awaitReplies(long n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.cardinality() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || outputEnded) {
                throw new ConditionTimeoutException(what + ": " + answered.cardinality() + " replies, wanted " + n
                        + " within " + timeout + (outputEnded ? " (ping exited)" : ""), null);
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stops ping (SIGINT, so it exits as on Ctrl-C) and returns what it saw. Idempotent. */
    public LivePingResult stop() {
        synchronized (this) {
            if (result != null) {
                return result;
            }
        }
        try {
            if (process.isAlive()) {
                ProcessRunner.run("kill", "-INT", Long.toString(process.pid()));
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            // Every line ping printed is parsed before the result is taken.
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            result = new LivePingResult(maxAnswered, answered.cardinality(), missing(), duplicates);
            List<Long> m = result.missingSequences();
            LOG.info("{}: {} requests, {} replies, {} lost {}, {} duplicates, {} 'no answer yet' lines", what,
                    result.requests(), result.replies(), m.size(), m.subList(0, Math.min(20, m.size())),
                    result.duplicates(), noAnswerLines);
            return result;
        }
    }

    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }
}
