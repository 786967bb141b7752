package io.nvo3.bench.bgp;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.CodecContext;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Just enough of a BGP speaker to feed or drain a system under test: OPEN with one family, 4-octet
 * AS, route refresh and (for a receiver, so every daemon sends End-of-RIB) the graceful-restart
 * capability with no families; KEEPALIVEs both ways; UPDATEs written as pre-encoded bytes, and
 * received ones counted with {@link NlriCounter}. Blocking sockets, one reader thread.
 */
final class MiniPeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MiniPeer.class);
    private static final int HOLD = 180;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final String name;
    private final CompletableFuture<Void> established = new CompletableFuture<>();
    private volatile long establishedAt;
    private volatile long firstUpdateAt;
    private final CompletableFuture<Long> endOfRib = new CompletableFuture<>();
    private final CompletableFuture<Long> reachedTarget = new CompletableFuture<>();
    private volatile long target = Long.MAX_VALUE;
    private final AtomicLong announced = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final ScheduledExecutorService keepalives;
    private volatile String closedBecause;

    private MiniPeer(Socket socket, String name) throws IOException {
        this.socket = socket;
        this.name = name;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 18);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 18));
        this.keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects from {@code local} to {@code remote} (retrying while the daemon is still binding), sends
     * OPEN and waits until the session is Established.
     */
    static MiniPeer connect(String name, InetAddress local, InetSocketAddress remote, long asn, Inet4Address routerId,
            AfiSafi family, boolean receiver, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.bind(new InetSocketAddress(local, 0));
                s.connect(remote, 2000);
                MiniPeer p = new MiniPeer(s, name);
                p.open(asn, routerId, family, receiver);
                long left = deadline - System.nanoTime();
                try {
                    p.established.get(Math.max(1, left), TimeUnit.NANOSECONDS);
                    return p;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    p.close();
                    if (System.nanoTime() > deadline) {
                        throw new IOException(name + ": session to " + remote + " did not come up: " + p.closedBecause, e);
                    }
                }
            } catch (IOException e) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + ": cannot connect to " + remote, e);
                }
            }
            Thread.sleep(200); // the daemon refused or reset us while starting up; retry as a BGP ConnectRetry would
        }
    }

    private void open(long asn, Inet4Address routerId, AfiSafi family, boolean receiver) throws IOException {
        List<Capability> caps = new ArrayList<>(List.of(new Capability.Multiprotocol(family), new Capability.RouteRefresh(),
                new Capability.FourOctetAs(asn)));
        if (receiver && !Boolean.getBoolean("nvo3.bench.noGr")) {
            // RFC 4724 §2: a Graceful Restart capability with no AFI/SAFI only says we understand End-of-RIB.
            caps.add(new Capability.GracefulRestart(false, false, 0, List.of()));
        }
        send(BgpCodec.encode(OpenMessage.of(asn, HOLD, routerId, caps), CodecContext.INITIAL));
        Thread reader = new Thread(this::readLoop, name + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        byte[] header = new byte[19];
        try {
            while (true) {
                in.readFully(header);
                int len = (header[16] & 0xff) << 8 | (header[17] & 0xff);
                int type = header[18] & 0xff;
                byte[] frame = new byte[len];
                System.arraycopy(header, 0, frame, 0, 19);
                in.readFully(frame, 19, len - 19);
                switch (type) {
                    case 1 -> { // OPEN: answer with KEEPALIVE, keep it up at a third of the negotiated hold time
                        int theirHold = (frame[22] & 0xff) << 8 | (frame[23] & 0xff);
                        int hold = Math.min(HOLD, theirHold);
                        send(BgpCodec.encode(KeepaliveMessage.INSTANCE, CodecContext.INITIAL));
                        if (hold > 0) {
                            keepalives.scheduleAtFixedRate(this::keepalive, hold / 3, Math.max(1, hold / 3), TimeUnit.SECONDS);
                        }
                    }
                    case 2 -> {
                        NlriCounter.Count c = NlriCounter.count(frame);
                        if (updates.getAndIncrement() == 0) {
                            firstUpdateAt = System.nanoTime();
                        }
                        long total = announced.addAndGet(c.announced());
                        if (LOG.isTraceEnabled()) {
                            LOG.trace("{}: UPDATE {} +{} -{} total {}{}", name, updates.get(), c.announced(), c.withdrawn(), total,
                                    c.endOfRib() ? " End-of-RIB" : "");
                        }
                        if (total >= target) {
                            reachedTarget.complete(System.nanoTime());
                        }
                        withdrawn.addAndGet(c.withdrawn());
                        if (c.endOfRib()) {
                            endOfRib.complete(System.nanoTime());
                        }
                    }
                    case 3 -> {
                        closedBecause = "NOTIFICATION " + (frame[19] & 0xff) + "/" + (frame[20] & 0xff);
                        LOG.warn("{}: received {}", name, closedBecause);
                        established.completeExceptionally(new IOException(closedBecause));
                        return;
                    }
                    case 4 -> {
                        if (!established.isDone()) {
                            establishedAt = System.nanoTime();
                            established.complete(null);
                        }
                    }
                    default -> { }
                }
            }
        } catch (EOFException e) {
            closedBecause = closedBecause == null ? "connection closed by peer" : closedBecause;
        } catch (IOException e) {
            closedBecause = closedBecause == null ? e.toString() : closedBecause;
        } finally {
            established.completeExceptionally(new IOException(String.valueOf(closedBecause)));
            endOfRib.completeExceptionally(new IOException(name + ": " + closedBecause));
            reachedTarget.completeExceptionally(new IOException(name + ": " + closedBecause));
        }
    }

    private void keepalive() {
        try {
            send(BgpCodec.encode(KeepaliveMessage.INSTANCE, CodecContext.INITIAL));
        } catch (IOException e) {
            LOG.debug("{}: keepalive failed: {}", name, e.toString());
        }
    }

    private void send(byte[] message) throws IOException {
        synchronized (out) {
            out.write(message);
            out.flush();
        }
    }

    /**
     * Writes every UPDATE of the feed, then End-of-RIB, as fast as TCP takes them. Returns the
     * {@link System#nanoTime()} just before the first UPDATE was written.
     */
    long stream(Feed feed) throws IOException {
        long start = System.nanoTime();
        List<byte[]> us = feed.updates();
        int batch = 64;
        for (int i = 0; i < us.size(); i += batch) {
            synchronized (out) { // let a KEEPALIVE slip in between batches
                for (int k = i; k < Math.min(us.size(), i + batch); k++) {
                    out.write(us.get(k));
                }
            }
        }
        synchronized (out) {
            out.write(feed.endOfRib());
            out.flush();
        }
        return start;
    }

    /**
     * When End-of-RIB arrived or the announced NLRI reached {@code routes}, whichever came first
     * ({@link System#nanoTime()}), waiting at most {@code timeout}. GoBGP 3.10 sends no End-of-RIB to
     * this receiver, hence the count.
     */
    long awaitTable(long routes, Duration timeout) throws Exception {
        target = routes;
        if (announced.get() >= routes) {
            reachedTarget.complete(System.nanoTime());
        }
        return (Long) CompletableFuture.anyOf(endOfRib, reachedTarget).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether End-of-RIB arrives within {@code timeout} (or already did). */
    boolean endOfRibWithin(Duration timeout) {
        try {
            endOfRib.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** {@link System#nanoTime()} when the first UPDATE arrived, 0 before. */
    long firstUpdateAt() {
        return firstUpdateAt;
    }

    /** {@link System#nanoTime()} when the session reached Established (the peer's first KEEPALIVE). */
    long establishedAt() {
        return establishedAt;
    }

    long announced() {
        return announced.get();
    }

    long withdrawn() {
        return withdrawn.get();
    }

    long updates() {
        return updates.get();
    }

    String closedBecause() {
        return closedBecause;
    }

    @Override
    public void close() {
        keepalives.shutdownNow();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: close: {}", name, e.toString());
        }
    }
}
