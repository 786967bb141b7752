package io.nvo3.controller.nve.pull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nvo3.controller.reconcile.FlowTranslator;
import io.nvo3.fib.Pull;
import io.nvo3.fib.PullPolicy;
import io.nvo3.fib.PullResolver;
import io.nvo3.fib.PullResult;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.action.Action;
import io.nvo3.openflow.channel.SwitchConnection;
import io.nvo3.openflow.match.Oxm;
import io.nvo3.openflow.match.OxmType;
import io.nvo3.openflow.message.FlowMod;
import io.nvo3.openflow.message.FlowRemoved;
import io.nvo3.openflow.message.MeterMod;
import io.nvo3.openflow.meter.MeterBand;
import io.nvo3.openflow.message.PacketIn;
import io.nvo3.openflow.message.PacketOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull and hybrid FIB population (issue 6): a table miss or ARP request punted by an NVE (cookie rule PULL_MISS)
 * is answered from the FIB — the entry installed on that NVE with an idle timeout and the frame sent on with
 * PACKET_OUT, an ARP reply built and sent back to the requester (proxy ARP), or the frame flooded or dropped.
 *
 * <p>Protection: packet-ins are taken off the OpenFlow event loop at once; each NVE has a token bucket and a bounded
 * queue (excess dropped and counted, summarized in the log), and its queue is drained in small batches by a shared
 * pool, round robin between NVEs, so a punt storm from one hypervisor neither blocks the event loop nor starves the
 * others. The FIB input is read from a snapshot refreshed after each change ({@link #inputChanged}).
 */
public final class PullService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PullService.class);
    private static final int BATCH = 32;
    static final long OFPM_CONTROLLER = 0xfffffffeL;

    /**
     * @param policy        idle timeout of pulled entries and what unknown destinations get
     * @param ratePerSecond packet-ins accepted per NVE and second
     * @param burst         packet-ins accepted at once after a quiet period
     * @param queue         packet-ins waiting per NVE
     * @param workers       threads answering packet-ins (shared by all NVEs)
     * @param dropLogEvery  how often a summary of dropped packet-ins is logged per NVE
     * @param switchMeterPps packets per second the NVE itself lets through to the controller (OpenFlow meter
     *                       OFPM_CONTROLLER, installed when the NVE connects; 0: none)
     */
    public record Options(PullPolicy policy, double ratePerSecond, int burst, int queue, int workers,
                          Duration dropLogEvery, long switchMeterPps) {
        public Options {
            Objects.requireNonNull(policy, "policy");
            if (ratePerSecond <= 0 || burst < 1 || queue < 1 || workers < 1) {
                throw new IllegalArgumentException("rate, burst, queue and workers must be positive");
            }
            Objects.requireNonNull(dropLogEvery, "dropLogEvery");
            if (switchMeterPps < 0) {
                throw new IllegalArgumentException("switchMeterPps " + switchMeterPps + " is negative");
            }
        }

        public static Options defaults() {
            return new Options(PullPolicy.DEFAULT, 1000, 200, 1024, 2, Duration.ofSeconds(10), 2000);
        }

        public Options withPolicy(PullPolicy p) {
            return new Options(p, ratePerSecond, burst, queue, workers, dropLogEvery, switchMeterPps);
        }

        public Options withRate(double perSecond, int newBurst) {
            return new Options(policy, perSecond, newBurst, queue, workers, dropLogEvery, switchMeterPps);
        }

        public Options withSwitchMeter(long pps) {
            return new Options(policy, ratePerSecond, burst, queue, workers, dropLogEvery, pps);
        }
    }

    private final Options options;
    private final Supplier<FibInput> inputSource;
    private final MeterRegistry metrics;
    private final LongSupplier ticker;
    private final ExecutorService pool;
    private final Map<SwitchConnection, NveChannel> byConnection = new ConcurrentHashMap<>();
    private final Map<String, NveChannel> bySystem = new ConcurrentHashMap<>();
    private final AtomicLong inputVersion = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, null);
    private volatile boolean closed;

    /**
     * One version of the FIB input with what packet-ins on it need, built lazily on the first packet-in after a change
     * and dropped with the snapshot: one resolver per (NVE, VN) (a packet-in then costs map lookups, not a rebuild of
     * the VN's view), and the VN of each PULL_MISS cookie seen.
     */
    private record Snapshot(long version, FibInput input, Map<ResolverKey, PullResolver> resolvers,
                            Map<Long, Optional<VirtualNetwork>> vnByCookie) {
        /** Cookies come from our own PULL_MISS flows (one per VN); a bound all the same against a misbehaving switch. */
        private static final int MAX_COOKIES = 4096;

        Snapshot(long version, FibInput input) {
            this(version, input, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        /** Throws {@link FibInputException} when the input knows neither the NVE nor the VN (nothing cached then). */
        PullResolver resolver(String systemId, String vnId) {
            return resolvers.computeIfAbsent(new ResolverKey(systemId, vnId),
                    k -> Pull.resolver(input, k.systemId(), k.vnId()));
        }

        Optional<VirtualNetwork> vnOfPacketIn(long cookie) {
            Optional<VirtualNetwork> vn = vnByCookie.get(cookie);
            if (vn == null) {
                vn = Pull.vnOfPacketIn(input, cookie);
                if (vnByCookie.size() < MAX_COOKIES) {
                    vnByCookie.put(cookie, vn);
                }
            }
            return vn;
        }
    }

    private record ResolverKey(String systemId, String vnId) {
    }

    /**
     * @param inputSource the current FIB input; called from a worker thread only after {@link #inputChanged}, so it
     *                    may block briefly (the NVE manager answers it on its own thread)
     * @param ticker      nanosecond clock of the rate limits (System::nanoTime outside tests)
     */
    public PullService(Options options, Supplier<FibInput> inputSource, MeterRegistry metrics, LongSupplier ticker) {
        this.options = Objects.requireNonNull(options, "options");
        this.inputSource = Objects.requireNonNull(inputSource, "inputSource");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "nvo3-pull");
            t.setDaemon(true);
            return t;
        });
    }

    public Options options() {
        return options;
    }

    /** The NVE {@code systemId} is reachable over {@code conn} (its br-int OpenFlow connection). */
    public void attach(String systemId, SwitchConnection conn) {
        NveChannel ch = bySystem.computeIfAbsent(systemId, NveChannel::new);
        SwitchConnection old = ch.conn;
        if (old != null) {
            byConnection.remove(old);
        }
        ch.conn = conn;
        // A new connection means a switch that was read back and reconciled: pulled entries are gone or will be.
        ch.pulled.clear();
        byConnection.put(conn, ch);
        if (options.switchMeterPps() > 0) {
            for (MeterMod m : controllerMeter(options.switchMeterPps())) {
                conn.send(m);
            }
        }
    }

    /**
     * OpenFlow 1.3 section 7.2.1.4, enum ofp_meter: "OFPM_CONTROLLER = 0xfffffffe, // Meter for controller connection" — a
     * meter on everything the NVE punts, so a storm is cut at the hypervisor before it reaches the channel. Deleted
     * first (an earlier connection may have left one with another rate), then added.
     */
    static List<MeterMod> controllerMeter(long pps) {
        return List.of(new MeterMod(0, MeterMod.OFPMC_DELETE, 0, OFPM_CONTROLLER, List.of()),
                new MeterMod(0, MeterMod.OFPMC_ADD, MeterMod.OFPMF_PKTPS | MeterMod.OFPMF_BURST | MeterMod.OFPMF_STATS,
                        OFPM_CONTROLLER, List.of(new MeterBand.Drop(pps, Math.max(1, pps / 10)))));
    }

    /** The NVE's OpenFlow connection is gone. */
    public void detach(String systemId) {
        NveChannel ch = bySystem.get(systemId);
        if (ch != null && ch.conn != null) {
            byConnection.remove(ch.conn);
            ch.conn = null;
            ch.queue.clear();
            ch.pulled.clear();
        }
    }

    /** The FIB changed: the next packet-in reads a fresh input. */
    public void inputChanged() {
        inputVersion.incrementAndGet();
    }

    /** On the OpenFlow event loop: never blocks. */
    public void packetIn(SwitchConnection conn, PacketIn pi) {
        NveChannel ch = byConnection.get(conn);
        if (ch == null || closed) {
            return;
        }
        ch.rate.mark();
        if (!ch.bucket.tryTake()) {
            ch.droppedRate.incrementAndGet();
            ch.droppedRateCounter.increment();
            ch.maybeLogDrops();
            return;
        }
        if (!ch.queue.offer(pi)) {
            ch.droppedQueue.incrementAndGet();
            ch.droppedQueueCounter.increment();
            ch.maybeLogDrops();
            return;
        }
        if (ch.draining.compareAndSet(false, true)) {
            pool.execute(() -> drain(ch));
        }
    }

    /** A pulled entry expired (idle timeout) or was deleted. */
    public void flowRemoved(SwitchConnection conn, FlowRemoved removed) {
        NveChannel ch = byConnection.get(conn);
        if (ch != null) {
            ch.pulled.remove(key(removed.tableId(), removed.priority(), removed.match()));
        }
    }

    /** True when some NVE holds pulled entries (only then is {@link #purgeStale} worth the input it needs). */
    public boolean holdsPulled() {
        return bySystem.values().stream().anyMatch(c -> !c.pulled.isEmpty());
    }

    /**
     * After a FIB change: deletes the pulled entries the change made wrong (a moved MAC, a destination now pushed, a
     * VN no longer pulling; {@link Pull#stale}). Returns how many were deleted.
     */
    public int purgeStale(FibInput input) {
        int n = 0;
        for (NveChannel ch : bySystem.values()) {
            SwitchConnection conn = ch.conn;
            if (conn == null || ch.pulled.isEmpty()) {
                continue;
            }
            List<FlowEntry> stale = Pull.stale(input, ch.systemId, List.copyOf(ch.pulled.values()));
            for (FlowEntry f : stale) {
                ch.pulled.remove(key(f));
                conn.send(FlowTranslator.deleteStrict(f));
                n++;
            }
            if (!stale.isEmpty()) {
                LOG.info("NVE {}: {} stale pulled entries deleted", ch.systemId, stale.size());
            }
        }
        return n;
    }

    /**
     * Installs ahead of time the entries {@code systemId} would pull for these destinations (a VN switching from push
     * to pull or hybrid keeps its established flows instead of punting them again).
     */
    public int prewarm(FibInput input, String systemId, String vnId, List<io.nvo3.fib.input.MacAddress> macs) {
        NveChannel ch = bySystem.get(systemId);
        if (ch == null || ch.conn == null) {
            return 0;
        }
        PullResolver resolver;
        try {
            Snapshot s = snapshot;
            resolver = s.input() == input ? s.resolver(systemId, vnId) : Pull.resolver(input, systemId, vnId);
        } catch (FibInputException e) {
            return 0;
        }
        int n = 0;
        for (io.nvo3.fib.input.MacAddress mac : macs) {
            if (resolver.resolve(new io.nvo3.fib.PullQuery.UnicastMiss(mac), options.policy())
                    instanceof PullResult.Forward f) {
                for (FlowEntry e : f.install()) {
                    install(ch, ch.conn, e);
                    n++;
                }
            }
        }
        return n;
    }

    /** Logs one line per NVE that dropped packet-ins since the last summary (call every {@code dropLogEvery}). */
    public void logDropSummaries() {
        bySystem.values().forEach(NveChannel::summarize);
    }

    /** Packet-in counters of one NVE. */
    public PacketInStats stats(String systemId) {
        NveChannel ch = bySystem.get(systemId);
        if (ch == null) {
            return PacketInStats.NONE;
        }
        return new PacketInStats(ch.handled.get(), ch.droppedRate.get(), ch.droppedQueue.get(), ch.ignored.get(),
                ch.rate.perSecond(), ch.installed.get(), ch.pulled.size(), ch.arpReplies.get());
    }

    private void drain(NveChannel ch) {
        try {
            for (int i = 0; i < BATCH && !closed; i++) {
                PacketIn pi = ch.queue.poll();
                if (pi == null) {
                    break;
                }
                try {
                    handle(ch, pi);
                } catch (RuntimeException e) {
                    ch.ignored.incrementAndGet();
                    LOG.warn("NVE {}: packet-in not handled: {}", ch.systemId, e.toString());
                }
            }
        } finally {
            ch.draining.set(false);
        }
        // Round robin: whatever is left waits behind the other NVEs' batches.
        if (!ch.queue.isEmpty() && !closed && ch.draining.compareAndSet(false, true)) {
            pool.execute(() -> drain(ch));
        }
    }

    private Snapshot current() {
        long v = inputVersion.get();
        Snapshot s = snapshot;
        if (s.version() != v || s.input() == null) {
            s = new Snapshot(v, inputSource.get());
            snapshot = s;
        }
        return s;
    }

    private void handle(NveChannel ch, PacketIn pi) {
        SwitchConnection conn = ch.conn;
        if (conn == null) {
            return;
        }
        Snapshot snap = current();
        Optional<VirtualNetwork> vn = snap.vnOfPacketIn(pi.cookie());
        Optional<Frame> frame = Frame.parse(pi.data().toArray());
        long inPort = inPort(pi);
        if (vn.isEmpty() || frame.isEmpty() || inPort < 0) {
            ch.ignored.incrementAndGet();
            return;
        }
        PullResult r;
        try {
            r = snap.resolver(ch.systemId, vn.get().id()).resolve(frame.get().query(), options.policy());
        } catch (FibInputException e) {
            ch.ignored.incrementAndGet();
            LOG.debug("NVE {}: packet-in for {} refused: {}", ch.systemId, vn.get().id(), e.getMessage());
            return;
        }
        ch.handled.incrementAndGet();
        ch.handledCounter.increment();
        switch (r) {
            case PullResult.Forward f -> {
                for (FlowEntry e : f.install()) {
                    install(ch, conn, e);
                }
                conn.send(packetOut(pi, inPort, FlowTranslator.actions(f.packetOut()), pi.data()));
            }
            case PullResult.ArpReply a -> {
                ch.arpReplies.incrementAndGet();
                byte[] reply = Frame.arpReply(a.senderMac(), a.senderIp(), a.targetMac(), a.targetIp());
                conn.send(new PacketOut(0, PacketIn.OFP_NO_BUFFER, inPort, FlowTranslator.actions(a.packetOut()),
                        Bytes.of(reply)));
            }
            case PullResult.Flood f -> conn.send(packetOut(pi, inPort, FlowTranslator.actions(f.packetOut()),
                    pi.data()));
            case PullResult.Drop d -> LOG.debug("NVE {}: punted frame dropped: {}", ch.systemId, d.reason());
        }
    }

    private void install(NveChannel ch, SwitchConnection conn, FlowEntry e) {
        FlowMod add = FlowTranslator.add(e);
        // OpenFlow 1.3 section 6.5: with OFPFF_SEND_FLOW_REM "the switch must send a flow removed message when the
        // flow entry expires or is deleted" — how we learn an idle pulled entry is gone.
        conn.send(new FlowMod(0, add.cookie(), add.cookieMask(), add.tableId(), add.command(), add.idleTimeout(),
                add.hardTimeout(), add.priority(), add.bufferId(), add.outPort(), add.outGroup(),
                FlowMod.OFPFF_SEND_FLOW_REM, add.match(), add.instructions()));
        ch.pulled.put(key(e), e);
        ch.installed.incrementAndGet();
        ch.installedCounter.increment();
    }

    private static PacketOut packetOut(PacketIn pi, long inPort, List<Action> actions, Bytes data) {
        // Section 7.3.7: "If buffer_id is OFP_NO_BUFFER ... the packet ... is included in the data array."
        return pi.bufferId() != PacketIn.OFP_NO_BUFFER
                ? new PacketOut(0, pi.bufferId(), inPort, actions, Bytes.EMPTY)
                : new PacketOut(0, PacketIn.OFP_NO_BUFFER, inPort, actions, data);
    }

    /** OFPXMT_OFB_IN_PORT of the packet-in's match ("The match field ... in_port ... always present"); -1 if absent. */
    static long inPort(PacketIn pi) {
        for (Oxm o : pi.match().fields()) {
            if (o instanceof Oxm.Field f && f.type() == OxmType.IN_PORT) {
                return f.value().toLong();
            }
        }
        return -1;
    }

    private static String key(FlowEntry e) {
        return key(e.table(), e.priority(), FlowTranslator.match(e.match()));
    }

    private static String key(int table, int priority, io.nvo3.openflow.match.Match m) {
        return table + "/" + priority + "/" + m.normalized();
    }

    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
    }

    /** One NVE's packet-in path. */
    private final class NveChannel {
        final String systemId;
        volatile SwitchConnection conn;
        final TokenBucket bucket;
        final ArrayBlockingQueue<PacketIn> queue;
        final AtomicBoolean draining = new AtomicBoolean();
        final Map<String, FlowEntry> pulled = new ConcurrentHashMap<>();
        final AtomicLong handled = new AtomicLong();
        final AtomicLong droppedRate = new AtomicLong();
        final AtomicLong droppedQueue = new AtomicLong();
        final AtomicLong ignored = new AtomicLong();
        final AtomicLong installed = new AtomicLong();
        final AtomicLong arpReplies = new AtomicLong();
        final RateMeter rate = new RateMeter(ticker);
        final Counter handledCounter;
        final Counter droppedRateCounter;
        final Counter droppedQueueCounter;
        final Counter installedCounter;
        private final AtomicLong lastDropLog = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong dropsLogged = new AtomicLong();

        NveChannel(String systemId) {
            this.systemId = systemId;
            this.bucket = new TokenBucket(options.ratePerSecond(), options.burst(), ticker);
            this.queue = new ArrayBlockingQueue<>(options.queue());
            this.handledCounter = Counter.builder("nvo3.pull.packet_in.handled").tag("nve", systemId)
                    .description("packet-ins answered").register(metrics);
            this.droppedRateCounter = Counter.builder("nvo3.pull.packet_in.dropped").tag("nve", systemId)
                    .tag("reason", "rate_limit").register(metrics);
            this.droppedQueueCounter = Counter.builder("nvo3.pull.packet_in.dropped").tag("nve", systemId)
                    .tag("reason", "queue_full").register(metrics);
            this.installedCounter = Counter.builder("nvo3.pull.flows.installed").tag("nve", systemId)
                    .description("on-demand entries installed").register(metrics);
        }

        /** The first drop after a quiet interval is logged at once; the rest by {@link #logDropSummaries}. */
        void maybeLogDrops() {
            long now = ticker.getAsLong();
            long last = lastDropLog.get();
            long every = options.dropLogEvery().toNanos();
            if ((last == Long.MIN_VALUE || now - last >= every) && lastDropLog.compareAndSet(last, now)) {
                summarize();
            }
        }

        void summarize() {
            long total = droppedRate.get() + droppedQueue.get();
            long since = total - dropsLogged.getAndSet(total);
            if (since > 0) {
                LOG.warn("NVE {}: {} packet-ins dropped since the last report ({} by rate limit {}/s, {} by full queue"
                        + " in total)", systemId, since, droppedRate.get(), (long) options.ratePerSecond(),
                        droppedQueue.get());
            }
        }
    }

    /** Packet-ins offered per second, over the last whole second. */
    static final class RateMeter {
        private final LongSupplier ticker;
        private long second;
        private long current;
        private long previous;

        RateMeter(LongSupplier ticker) {
            this.ticker = ticker;
            this.second = ticker.getAsLong() / 1_000_000_000L;
        }

        synchronized void mark() {
            roll();
            current++;
        }

        synchronized long perSecond() {
            roll();
            return previous;
        }

        private void roll() {
            long s = ticker.getAsLong() / 1_000_000_000L;
            if (s != second) {
                previous = s == second + 1 ? current : 0;
                current = 0;
                second = s;
            }
        }
    }

    /** For tests: the pulled entries tracked on {@code systemId}. */
    List<FlowEntry> pulled(String systemId) {
        NveChannel ch = bySystem.get(systemId);
        return ch == null ? List.of() : new ArrayList<>(ch.pulled.values());
    }
}
