package io.nvo3.openflow.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.nvo3.openflow.Bytes;
import io.nvo3.openflow.ErrorCodes;
import io.nvo3.openflow.FrameResult;
import io.nvo3.openflow.OfContext;
import io.nvo3.openflow.message.BarrierRequest;
import io.nvo3.openflow.message.BundleAdd;
import io.nvo3.openflow.message.BundleControl;
import io.nvo3.openflow.message.EchoReply;
import io.nvo3.openflow.message.EchoRequest;
import io.nvo3.openflow.message.ErrorMsg;
import io.nvo3.openflow.message.FeaturesReply;
import io.nvo3.openflow.message.FeaturesRequest;
import io.nvo3.openflow.message.FlowRemoved;
import io.nvo3.openflow.message.Hello;
import io.nvo3.openflow.message.MessageCodec;
import io.nvo3.openflow.message.MultipartReply;
import io.nvo3.openflow.message.MultipartRequest;
import io.nvo3.openflow.message.OfMessage;
import io.nvo3.openflow.message.PacketIn;
import io.nvo3.openflow.message.PortStatus;
import io.nvo3.openflow.multipart.MultipartReplyBody;
import io.nvo3.openflow.multipart.MultipartRequestBody;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handshake, keepalive, xids, request/reply and bundles for one switch. One instance per channel. */
final class SwitchConnectionImpl extends ChannelInboundHandlerAdapter implements SwitchConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchConnectionImpl.class);

    private enum State { AWAIT_HELLO, AWAIT_FEATURES, CONNECTED, CLOSED }

    /** What waits to be written: one message, or a bundle's adds (wrapped and encoded one by one when written). */
    private sealed interface Outbound {
    }

    private record Single(OfMessage message, int xid) implements Outbound {
    }

    /**
     * The ADD messages of one bundle, xids {@code firstXid ..}. The messages are taken from the list only when they are
     * written, so a lazily translated list produces short-lived garbage instead of 100k live messages.
     */
    private record BundleAdds(long bundleId, int flags, List<? extends OfMessage> messages, int firstXid)
            implements Outbound {
    }

    /** Messages written by one run of {@link #drain()} before it lets the event loop read. */
    static final int DRAIN_SLICE = 4096;
    /** Pause between two slices, long enough for the event loop to read. */
    static final long DRAIN_PAUSE_MICROS = 500;
    /** Bytes of consecutive messages encoded into one buffer before it is handed to the channel. */
    static final int WRITE_CHUNK = 64 * 1024;

    private static final class Pending {
        final CompletableFuture<OfMessage> future = new CompletableFuture<>();
        MultipartReply partial;
    }

    private final SwitchListener listener;
    private final ConnectionConfig config;
    private final OfContext ofContext;
    private final AtomicInteger nextXid = new AtomicInteger(1);
    private final AtomicLong nextBundleId = new AtomicLong(1);
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final List<BundleTracker> bundles = new CopyOnWriteArrayList<>();
    private final Queue<Outbound> outbound = new ConcurrentLinkedQueue<>();
    /**
     * Written before {@link #outbound} (and before the rest of a bundle's adds): bundle commits. A commit goes out
     * only after the barrier that followed its bundle's adds was answered, so everything queued before that barrier
     * has been processed; what it overtakes was queued after.
     */
    private final Queue<Single> urgent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicInteger queued = new AtomicInteger();
    /** The bundle whose adds are being written, and the next one to write (event-loop confined). */
    private BundleAdds adds;
    private int addsCursor;

    private volatile Channel channel;
    private volatile State state = State.AWAIT_HELLO;
    private volatile FeaturesReply features;
    private volatile String closeReason;
    private long lastReceivedNanos;
    private long lastEchoSentNanos;
    private ScheduledFuture<?> keepalive;
    private ScheduledFuture<?> handshakeTimer;

    SwitchConnectionImpl(SwitchListener listener, ConnectionConfig config) {
        this.listener = listener;
        this.config = config;
        this.ofContext = new OfContext(OfContext.OF13, config.maxFrameLength());
    }

    // ---- SwitchConnection -------------------------------------------------------------------------------

    @Override
    public long datapathId() {
        FeaturesReply f = features;
        if (f == null) {
            throw new IllegalStateException("handshake not finished");
        }
        return f.datapathId();
    }

    @Override
    public FeaturesReply features() {
        return features;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public boolean isActive() {
        return state != State.CLOSED && channel != null && channel.isActive();
    }

    /** Only these get an answer; anything else would leave the future pending forever (use send()). */
    private static boolean expectsReply(OfMessage m) {
        return switch (m) {
            case EchoRequest e -> true;
            case FeaturesRequest f -> true;
            case io.nvo3.openflow.message.GetConfigRequest g -> true;
            case MultipartRequest r -> true;
            case BarrierRequest b -> true;
            case io.nvo3.openflow.message.RoleRequest r -> true;
            case BundleControl c -> c.ctrlType() % 2 == 0;
            case io.nvo3.openflow.message.ExperimenterMsg x -> true;
            case io.nvo3.openflow.message.UnknownMessage u -> true;
            default -> false;
        };
    }

    @Override
    public CompletableFuture<OfMessage> request(OfMessage request) {
        return request(request, false);
    }

    /** {@code urgent}: written before the messages still queued (see {@link #urgent}). */
    private CompletableFuture<OfMessage> request(OfMessage request, boolean urgent) {
        if (!expectsReply(request)) {
            throw new IllegalArgumentException(request.getClass().getSimpleName()
                    + " has no reply; use send() and barrier()");
        }
        int xid = allocate(1);
        Pending p = new Pending();
        if (state == State.CLOSED) {
            p.future.completeExceptionally(new ConnectionClosedException(String.valueOf(closeReason)));
            return p.future;
        }
        pending.put(xid, p);
        if (state == State.CLOSED && pending.remove(xid) != null) {
            // lost the race with channelInactive, which has already failed everything pending
            p.future.completeExceptionally(new ConnectionClosedException(String.valueOf(closeReason)));
            return p.future;
        }
        if (urgent) {
            this.urgent.add(new Single(request, xid));
            queued.incrementAndGet();
            scheduleDrain();
        } else {
            enqueue(request, xid);
        }
        return p.future;
    }

    @Override
    public CompletableFuture<MultipartReplyBody> multipart(MultipartRequestBody body) {
        return request(MultipartRequest.of(body)).thenApply(r -> ((MultipartReply) r).body());
    }

    @Override
    public CompletableFuture<Void> barrier() {
        return request(new BarrierRequest(0)).thenApply(r -> null);
    }

    @Override
    public int send(OfMessage message) {
        int xid = allocate(1);
        enqueue(message, xid);
        return xid;
    }

    @Override
    public int sendAll(List<? extends OfMessage> messages) {
        int first = allocate(messages.size());
        int xid = first;
        for (OfMessage m : messages) {
            outbound.add(new Single(m, xid++));
            queued.incrementAndGet();
        }
        scheduleDrain();
        return first;
    }

    @Override
    public CompletableFuture<Void> sendBundle(List<? extends OfMessage> messages) {
        return sendBundle(messages, CompletableFuture.completedFuture(null));
    }

    /**
     * Pipelined: every bundle's open, adds and barrier go out at once, so the switch parses the next bundle while we
     * wait; each commit waits for its own barrier (no add rejected) and for the previous bundle's commit, so the
     * bundles still take effect in order, and one that fails stops the later ones (discarded, never committed).
     */
    @Override
    public CompletableFuture<Void> sendBundles(List<? extends List<? extends OfMessage>> bundles) {
        CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
        for (List<? extends OfMessage> b : bundles) {
            previous = sendBundle(b, previous);
        }
        return previous;
    }

    /** One bundle, committed only once {@code after} has completed normally; discarded when it failed. */
    private CompletableFuture<Void> sendBundle(List<? extends OfMessage> messages, CompletableFuture<Void> after) {
        long bundleId = nextBundleId.getAndIncrement() & 0xffffffffL;
        int flags = BundleControl.OFPBF_ATOMIC | BundleControl.OFPBF_ORDERED;
        CompletableFuture<OfMessage> open = request(BundleControl.of(bundleId, BundleControl.OPEN_REQUEST, flags));
        int first = allocate(messages.size());
        BundleTracker tracker = new BundleTracker(bundleId, first, messages.size());
        bundles.add(tracker);
        if (state == State.CLOSED) {
            finish(tracker, new ConnectionClosedException(String.valueOf(closeReason)));
            return tracker.result;
        }
        if (!messages.isEmpty()) {
            queued.addAndGet(messages.size());
            outbound.add(new BundleAdds(bundleId, flags, messages, first));
        }
        scheduleDrain();
        // A barrier after the adds: errors of rejected adds arrive before its reply, so we can discard
        // instead of committing a bundle with holes (OVS drops a rejected add and would commit the rest).
        CompletableFuture<Void> added = barrier();
        open.whenComplete((r, e) -> {
            if (e != null) {
                finish(tracker, unwrap(e));
            }
        });
        added.thenCombine(after, (a, b) -> (Void) null).whenComplete((v, e) -> {
            if (tracker.result.isDone()) {
                return;
            }
            if (e != null || tracker.firstError != null) {
                if (channel != null && state != State.CLOSED) {
                    send(BundleControl.of(bundleId, BundleControl.DISCARD_REQUEST, flags));
                }
                finish(tracker, tracker.firstError != null
                        ? new OpenFlowErrorException("bundle " + bundleId + " rejected", tracker.firstError)
                        : unwrap(e));
                return;
            }
            // Urgent: the switch has processed this bundle's adds (its barrier answered), so the commit need not wait
            // behind the later bundles' adds still queued; the switch commits while it parses the next bundle.
            request(BundleControl.of(bundleId, BundleControl.COMMIT_REQUEST, flags), true).whenComplete((r, ce) -> {
                if (ce == null) {
                    finish(tracker, null);
                } else if (tracker.firstError != null) {
                    finish(tracker, new OpenFlowErrorException("bundle " + bundleId + " commit failed",
                            tracker.firstError));
                } else {
                    finish(tracker, unwrap(ce));
                }
            });
        });
        return tracker.result;
    }

    private void finish(BundleTracker tracker, Throwable error) {
        bundles.remove(tracker);
        if (error == null) {
            tracker.result.complete(null);
        } else {
            tracker.result.completeExceptionally(error);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public int queuedMessages() {
        return queued.get();
    }

    @Override
    public void close() {
        closeWith("closed by controller");
    }

    private void closeWith(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    // ---- outbound ---------------------------------------------------------------------------------------

    private int allocate(int n) {
        int xid = nextXid.getAndAdd(Math.max(n, 1));
        return xid;
    }

    private void enqueue(OfMessage m, int xid) {
        outbound.add(new Single(m, xid));
        queued.incrementAndGet();
        scheduleDrain();
    }

    private void scheduleDrain() {
        Channel ch = channel;
        if (ch != null && drainScheduled.compareAndSet(false, true)) {
            ch.eventLoop().execute(this::drain);
        }
    }

    /**
     * Writes while the channel is writable. Consecutive messages are encoded into one buffer of about
     * {@link #WRITE_CHUNK} bytes (one buffer per message cost an allocation and an entry in the outbound buffer
     * each), flushed every {@code writeBatch} messages and at the end.
     */
    private void drain() {
        drainScheduled.set(false);
        Channel ch = channel;
        if (!ch.isActive()) {
            outbound.clear();
            urgent.clear();
            adds = null;
            queued.set(0);
            return;
        }
        int unflushed = 0;
        ByteBuf chunk = null;
        int written = 0;
        while (ch.isWritable()) {
            if (written++ == DRAIN_SLICE) {
                // Let the event loop read between slices: barrier and commit replies of earlier bundles are
                // handled (and their commits sent) while later bundles are still being written. A task posted
                // with execute() would run before the next read (Netty runs queued tasks for up to a second), a
                // scheduled one after it; the socket keeps sending what is buffered meanwhile.
                drainScheduled.set(true);
                ch.eventLoop().schedule(this::drain, DRAIN_PAUSE_MICROS, TimeUnit.MICROSECONDS);
                break;
            }
            Outbound o;
            int xid;
            int index = 0;
            Single first = urgent.poll();
            if (first != null) {
                o = first;
                xid = first.xid();
            } else if (adds != null) {
                o = adds;
                index = addsCursor;
                xid = adds.firstXid() + addsCursor;
                if (++addsCursor == adds.messages().size()) {
                    adds = null;
                }
            } else {
                o = outbound.poll();
                if (o == null) {
                    break;
                }
                if (o instanceof BundleAdds b) {
                    adds = b;
                    addsCursor = 0;
                    continue;
                }
                xid = ((Single) o).xid();
            }
            queued.decrementAndGet();
            if (chunk == null) {
                chunk = ch.alloc().ioBuffer(WRITE_CHUNK + 1024);
            }
            int mark = chunk.writerIndex();
            try {
                OfMessage message = switch (o) {
                    case Single one -> one.message();
                    case BundleAdds b ->
                            new BundleAdd(xid, b.bundleId(), b.flags(), b.messages().get(index), Bytes.EMPTY);
                };
                MessageCodec.encode(message, xid, chunk, ofContext);
            } catch (RuntimeException e) {
                chunk.writerIndex(mark);
                notEncoded(o, xid, e);
                continue;
            }
            if (chunk.readableBytes() >= WRITE_CHUNK) {
                ch.write(chunk, ch.voidPromise());
                chunk = null;
            }
            if (++unflushed == config.writeBatch()) {
                if (chunk != null) {
                    ch.write(chunk, ch.voidPromise());
                    chunk = null;
                }
                ch.flush();
                unflushed = 0;
            }
        }
        if (chunk != null) {
            if (chunk.isReadable()) {
                ch.write(chunk, ch.voidPromise());
            } else {
                chunk.release();
            }
        }
        if (unflushed > 0 || !ch.isWritable()) {
            ch.flush();
        }
    }

    /** A message that could not be built or encoded fails its request, or its whole bundle (never committed). */
    private void notEncoded(Outbound o, int xid, RuntimeException e) {
        LOG.warn("cannot encode message xid {}: {}", xid, e.toString());
        Pending p = pending.remove(xid);
        if (p != null) {
            p.future.completeExceptionally(e);
        }
        if (o instanceof BundleAdds b) {
            for (BundleTracker t : bundles) {
                if (t.bundleId == b.bundleId()) {
                    finish(t, e);
                    // The adds already sent stay in the switch's open bundle; its barrier completes and nothing
                    // commits it (the tracker is done), so discard it now.
                    send(BundleControl.of(b.bundleId(), BundleControl.DISCARD_REQUEST, b.flags()));
                }
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && (adds != null || !outbound.isEmpty() || !urgent.isEmpty())) {
            drain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    // ---- lifecycle --------------------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        lastReceivedNanos = config.nanoClock().getAsLong();
        // §6.3.1: "each side must immediately send an OFPT_HELLO message".
        enqueue(Hello.of13(0), allocate(1));
        handshakeTimer = ctx.executor().schedule(() -> {
            if (state != State.CONNECTED) {
                closeWith("handshake timeout after " + config.handshakeTimeout());
            }
        }, config.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        long tick = Math.max(1, config.echoInterval().toNanos() / 4);
        keepalive = ctx.executor().scheduleAtFixedRate(this::keepaliveTick, tick, tick, TimeUnit.NANOSECONDS);
        LOG.debug("switch connected from {}", ctx.channel().remoteAddress());
    }

    private void keepaliveTick() {
        long now = config.nanoClock().getAsLong();
        long idle = now - lastReceivedNanos;
        if (idle >= config.echoTimeout().toNanos()) {
            closeWith("echo timeout: nothing received for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms");
        } else if (idle >= config.echoInterval().toNanos()
                && now - lastEchoSentNanos >= config.echoInterval().toNanos()) {
            lastEchoSentNanos = now;
            send(new EchoRequest(0, Bytes.EMPTY));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        boolean wasConnected = state == State.CONNECTED;
        state = State.CLOSED;
        String reason = closeReason != null ? closeReason : "connection closed by switch";
        closeReason = reason;
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        ConnectionClosedException closed = new ConnectionClosedException(reason);
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        all.forEach(p -> p.future.completeExceptionally(closed));
        for (BundleTracker t : bundles) {
            finish(t, closed);
        }
        outbound.clear();
        urgent.clear();
        adds = null;
        queued.set(0);
        LOG.info("switch {} disconnected: {}", ctx.channel().remoteAddress(), reason);
        if (wasConnected) {
            listener.switchDisconnected(this, reason);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("switch {}: {}", ctx.channel().remoteAddress(), cause.toString());
        closeWith("I/O error: " + cause.getMessage());
    }

    // ---- inbound ----------------------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReceivedNanos = config.nanoClock().getAsLong();
        switch (msg) {
            case FrameResult.Ok ok -> onMessage(ok.message());
            case FrameResult.Corrupt c -> onCorrupt(c);
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void onCorrupt(FrameResult.Corrupt c) {
        LOG.warn("switch {} sent a corrupt message: {}", channel.remoteAddress(), c.error().getMessage());
        enqueue(ErrorMsg.of(c.xid(), c.error().errorType(), c.error().errorCode(), c.head()), c.xid());
        if (state == State.CONNECTED) {
            listener.corrupt(this, c);
        }
        if (c.fatal() || state == State.AWAIT_HELLO) {
            // CONVENTIONS: after a framing error on a stream, send the error and close; never guess.
            channel.eventLoop().execute(() -> closeWith("corrupt stream: " + c.error().getMessage()));
        }
    }

    private void onMessage(OfMessage m) {
        if (state == State.AWAIT_HELLO) {
            if (!(m instanceof Hello hello)) {
                helloFailed("expected HELLO, got " + m.getClass().getSimpleName());
                return;
            }
            if (!hello.supports(OfContext.OF13)) {
                helloFailed("peer does not support OpenFlow 1.3 (hello version " + hello.version() + ")");
                return;
            }
            state = State.AWAIT_FEATURES;
            request(new FeaturesRequest(0)).whenComplete((r, e) -> {
                if (e != null) {
                    closeWith("FEATURES_REQUEST failed: " + unwrap(e).getMessage());
                } else if (state == State.AWAIT_FEATURES) {
                    features = (FeaturesReply) r;
                    state = State.CONNECTED;
                    handshakeTimer.cancel(false);
                    LOG.info("switch {} is datapath {}", channel.remoteAddress(), Long.toHexString(features.datapathId()));
                    listener.switchConnected(this, features);
                }
            });
            return;
        }
        if (m instanceof EchoRequest echo) {
            // §6.3.2: "Echo request/reply messages can be sent from either the switch or the controller, and
            // must return an echo reply."
            enqueue(new EchoReply(echo.xid(), echo.data()), echo.xid());
            return;
        }
        Pending p = pending.get(m.xid());
        if (p != null) {
            completePending(m, p);
            return;
        }
        for (BundleTracker t : bundles) {
            if (t.owns(m.xid())) {
                if (m instanceof ErrorMsg e && t.firstError == null) {
                    t.firstError = e;
                }
                return;
            }
        }
        if (state != State.CONNECTED) {
            return;
        }
        switch (m) {
            case ErrorMsg e -> listener.error(this, e);
            case PortStatus s -> listener.portStatus(this, s);
            case PacketIn pi -> listener.packetIn(this, pi);
            case FlowRemoved fr -> listener.flowRemoved(this, fr);
            case EchoReply r -> { }
            default -> listener.unsolicited(this, m);
        }
    }

    private void completePending(OfMessage m, Pending p) {
        if (m instanceof ErrorMsg e) {
            pending.remove(m.xid());
            p.future.completeExceptionally(new OpenFlowErrorException(e));
        } else if (m instanceof MultipartReply r) {
            MultipartReply merged = p.partial == null ? r
                    : new MultipartReply(r.xid(), r.flags(), p.partial.body().merge(r.body()));
            if (r.more()) {
                p.partial = merged;
            } else {
                pending.remove(m.xid());
                p.future.complete(merged);
            }
        } else {
            pending.remove(m.xid());
            p.future.complete(m);
        }
    }

    private void helloFailed(String why) {
        LOG.warn("switch {}: {}", channel.remoteAddress(), why);
        // §6.3.1: "the recipient must send an OFPT_ERROR with type OFPET_HELLO_FAILED, code
        // OFPHFC_INCOMPATIBLE ... and then terminate the connection."
        ErrorMsg err = ErrorMsg.of(0, ErrorCodes.OFPET_HELLO_FAILED, ErrorCodes.OFPHFC_INCOMPATIBLE,
                Bytes.of(why.getBytes(StandardCharsets.US_ASCII)));
        ByteBuf buf = channel.alloc().ioBuffer();
        MessageCodec.encode(err, buf, ofContext);
        state = State.CLOSED;
        closeReason = "HELLO_FAILED: " + why;
        channel.writeAndFlush(buf).addListener(f -> channel.close());
    }
}
