package io.nvo3.bench.federation;

import io.nvo3.testbed.Hypervisor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The judge of every figure: the flow table of each NVE, read as {@code dump-flows br-int eth_dst=…} does (through
 * {@link MgmtFlowReader}, one persistent connection per NVE), re-read on one thread per NVE with a pause of
 * max(given pause, 3 × the last read's duration) between reads until the NVE's answer satisfies a condition. Each NVE's time is the end of the first satisfying
 * read; the caller takes the latest over all NVEs. Nothing is subtracted: a figure includes the read that saw it.
 * {@link #ofctl} is the same query through the real {@code ovs-ofctl}, used to cross-check outside the clock.
 */
final class FlowProbe implements AutoCloseable {
    private final List<Hypervisor> nves;
    private final List<MgmtFlowReader> readers = new ArrayList<>();
    private final ExecutorService pool;
    private long polls;
    private long pollNanos;

    FlowProbe(List<Hypervisor> nves) throws IOException {
        this.nves = List.copyOf(nves);
        try {
            for (Hypervisor hv : nves) {
                readers.add(MgmtFlowReader.open(hv));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        this.pool = Executors.newFixedThreadPool(nves.size(), r -> {
            Thread t = new Thread(r, "flow-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Re-reads every NVE's flows matching eth_dst=mac/mask (each read returning the entries, setsTunDst judged against
     * {@code tunDst}), pausing {@code pause} between reads, until {@code done} holds on every NVE; returns the
     * {@link System#nanoTime()} at which the last NVE was seen satisfying it.
     */
    long awaitAll(byte[] mac, byte[] mask, byte[] tunDst, Predicate<List<MgmtFlowReader.Flow>> done, Duration pause,
            Duration timeout) throws Exception {
        long last = 0;
        for (long t : awaitEach(mac, mask, tunDst, i -> done, pause, timeout)) {
            last = Math.max(last, t);
        }
        return last;
    }

    /** As {@link #awaitAll}, with a condition per NVE (by index); returns each NVE's time. */
    long[] awaitEach(byte[] mac, byte[] mask, byte[] tunDst,
            java.util.function.IntFunction<Predicate<List<MgmtFlowReader.Flow>>> doneOf, Duration pause, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Callable<long[]>> tasks = new ArrayList<>();
        for (int i = 0; i < nves.size(); i++) {
            MgmtFlowReader r = readers.get(i);
            Predicate<List<MgmtFlowReader.Flow>> done = doneOf.apply(i);
            String name = nves.get(i).name();
            tasks.add(() -> {
                long n = 0;
                long busy = 0;
                while (true) {
                    long s = System.nanoTime();
                    List<MgmtFlowReader.Flow> flows = r.flows(mac, mask, tunDst);
                    long now = System.nanoTime();
                    n++;
                    busy += now - s;
                    if (done.test(flows)) {
                        return new long[] {now, n, busy};
                    }
                    if (now - deadline > 0) {
                        throw new TimeoutException(name + ": flows not as awaited after " + timeout + " ("
                                + flows.size() + " matching flows)");
                    }
                    // At least the given pause, and at least 3 reads' time, so the probe takes at most a quarter of the
                    // switch's main loop (a read of 10k flows costs ovs-vswitchd tens of ms).
                    long wait = Math.max(pause.toNanos(), 3 * (now - s));
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            });
        }
        long[] times = new long[tasks.size()];
        List<Future<long[]>> futures = pool.invokeAll(tasks);
        for (int i = 0; i < times.length; i++) {
            long[] r = futures.get(i).get();
            times[i] = r[0];
            synchronized (this) {
                polls += r[1];
                pollNanos += r[2];
            }
        }
        return times;
    }

    /** {@code ovs-ofctl -O OpenFlow13 dump-flows br-int MATCH --no-stats}: the flow lines. */
    static List<String> ofctl(Hypervisor hv, String match) {
        return hv.ofctl("dump-flows", "--no-stats", match).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("OFPST_FLOW") && !l.startsWith("NXST_FLOW")).toList();
    }

    /** Reads made so far (all NVEs) and the mean time one read took (request to last reply). */
    synchronized long polls() {
        return polls;
    }

    synchronized double meanReadMs() {
        return polls == 0 ? Double.NaN : pollNanos / 1e6 / polls;
    }

    static byte[] mac(String mac) {
        String[] p = mac.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }

    static byte[] ipv4(String dotted) {
        String[] p = dotted.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        for (MgmtFlowReader r : readers) {
            try {
                r.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
