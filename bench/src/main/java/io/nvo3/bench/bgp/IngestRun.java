package io.nvo3.bench.bgp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One measurement: a SUT takes one feed from the feeder (ingest time, RSS growth), then, if asked,
 * advertises the table to the receiver (time until its End-of-RIB arrives).
 */
final class IngestRun {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRun.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * Once the feeder has written the whole feed (End-of-RIB included) the SUT can only be finishing:
     * poll this often from then on, so the ingest time is not rounded up to the next 100 ms for anyone
     * (it was ±0.1 s on BIRD's 0.2–0.3 s IPv4 ingest). Before that, polls stay rare so that the daemons'
     * query handling (birdc, vtysh JSON) takes little from their CPU while they ingest.
     */
    private static final Duration FAST_POLL = Duration.ofMillis(10);
    private static final Duration STALL = Duration.ofSeconds(120);

    /** What one run measured; times in nanoseconds, memory in bytes; -1 when not measured. */
    record Result(String sut, FeedKind feed, int routes, long ingestNanos, long rssBefore, long rssAfter, Optional<String> memoryNote,
            long readvNanos, long readvRoutes, boolean readvEndOfRib, long readvSetupNanos, long readvFirstUpdateNanos, long pollNanos, long cpuNanos, long otherCpuNanos, Optional<String> failure) {

        double ingestSeconds() {
            return ingestNanos / 1e9;
        }

        double routesPerSecond() {
            return routes / ingestSeconds();
        }

        double bytesPerRoute() {
            return (rssAfter - rssBefore) / (double) routes;
        }
    }

    private IngestRun() {}

    static Result measure(Sut sut, Feed feed, boolean readvertise, String sutCpu, Path dir, int base) {
        String name = sut.name();
        Topology t = Topology.onLoopback(base);
        long rssBefore = -1;
        long rssAfter = -1;
        long ingest = -1;
        long poll = -1;
        long cpu = -1;
        long others = -1;
        Optional<String> note = Optional.empty();
        try {
            Files.createDirectories(dir);
            sut.start(t, feed.kind(), sutCpu, dir);
            try (MiniPeer feeder = MiniPeer.connect("feeder", t.feeder(), t.sutEndpoint(), Topology.FEEDER_AS, Topology.FEEDER_ID,
                    feed.kind().family, false, Duration.ofSeconds(60))) {
                Thread.sleep(1000); // let the daemon settle after session set-up before the "before" RSS sample
                rssBefore = Processes.rssBytes(sut.pid());
                long cpu0 = Processes.cpuNanos(sut.pid());
                long busy0 = Processes.cpuBusyNanos(sutCpu);
                long start = System.nanoTime();
                CompletableFuture<Long> streamed = CompletableFuture.supplyAsync(() -> {
                    try {
                        return feeder.stream(feed);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                long lastCount = -1;
                long lastChange = System.nanoTime();
                while (true) {
                    long p0 = System.nanoTime();
                    long n = sut.accepted();
                    long p1 = System.nanoTime();
                    if (n >= feed.routes()) {
                        ingest = p1 - start;
                        cpu = Processes.cpuNanos(sut.pid()) - cpu0;
                        // What else ran on the SUT's CPU meanwhile (other processes of the machine): the load figure per row.
                        others = Math.max(0, Processes.cpuBusyNanos(sutCpu) - busy0 - cpu);
                        poll = p1 - p0;
                        break;
                    }
                    if (n != lastCount) {
                        lastCount = n;
                        lastChange = p1;
                    } else if (p1 - lastChange > STALL.toNanos()) {
                        throw new IllegalStateException("stalled at " + n + " of " + feed.routes() + " routes; feeder: "
                                + feeder.closedBecause() + "\n" + sut.log());
                    }
                    if (feeder.closedBecause() != null) {
                        throw new IllegalStateException("feeder session closed: " + feeder.closedBecause() + " at " + n + " routes\n" + sut.log());
                    }
                    // The daemons offer no change notification to wait on; poll their counters.
                    Thread.sleep(streamed.isDone() ? FAST_POLL.toMillis() : POLL.toMillis());
                }
                streamed.get(60, TimeUnit.SECONDS);
                LOG.info("{} {}: {} routes in {} s", name, feed.kind().label, feed.routes(), ingest / 1e9);
                Thread.sleep(2000); // let background work (update groups, GC) finish before the "after" RSS sample
                rssAfter = Processes.rssBytes(sut.pid());
                note = sut.memoryNote();
                Optional<String> table = sut.tableNote(feed.kind());
                if (table.isPresent()) {
                    note = Optional.of(note.map(n -> n + "; ").orElse("") + table.get());
                }
                long readv = -1;
                long readvRoutes = -1;
                long setup = -1;
                long firstUpdate = -1;
                boolean eor = false;
                if (readvertise) {
                    long r0 = System.nanoTime();
                    try (MiniPeer receiver = MiniPeer.connect("receiver", t.receiver(), t.sutEndpoint(), Topology.RECEIVER_AS,
                            Topology.RECEIVER_ID, feed.kind().family, true, Duration.ofSeconds(60))) {
                        long end;
                        try {
                            end = receiver.awaitTable(feed.routes(), Duration.ofSeconds(600));
                            eor = receiver.endOfRibWithin(Duration.ofSeconds(5));
                        } catch (Exception e) {
                            end = System.nanoTime();
                            LOG.warn("{}: table not re-advertised ({}); {} routes received", name, e.toString(), receiver.announced());
                        }
                        // From Established, so that session set-up (BIRD waits ~3 s before answering a passive
                        // connection's OPEN) is not counted as advertisement time; set-up is reported apart.
                        readv = end - receiver.establishedAt();
                        setup = receiver.establishedAt() - r0;
                        firstUpdate = receiver.firstUpdateAt() - receiver.establishedAt();
                        readvRoutes = receiver.announced();
                    }
                }
                return new Result(name, feed.kind(), feed.routes(), ingest, rssBefore, rssAfter, note, readv, readvRoutes, eor, setup, firstUpdate, poll, cpu, others,
                        Optional.empty());
            }
        } catch (Exception e) {
            LOG.error("{} {}: failed", name, feed.kind().label, e);
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            return new Result(name, feed.kind(), feed.routes(), ingest, rssBefore, rssAfter, note, -1, -1, false, -1, -1, poll, cpu, others, Optional.of(why));
        } finally {
            sut.close();
        }
    }
}
