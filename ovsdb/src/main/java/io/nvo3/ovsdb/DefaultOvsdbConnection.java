package io.nvo3.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last handler of an OVSDB pipeline: request/response matching, notifications, echo and inactivity probe. */
final class DefaultOvsdbConnection extends ChannelInboundHandlerAdapter implements OvsdbConnection {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultOvsdbConnection.class);

    private final OvsdbOptions options;
    private final ConnectionListener listener;
    private final CompletableFuture<OvsdbConnection> ready;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, MonitorListener> monitors = new ConcurrentHashMap<>();
    private final Map<String, LockListener> locks = new ConcurrentHashMap<>();
    private volatile Channel channel;

    // Inactivity probe state, touched on the event loop only.
    private long lastReadNanos;
    private long probeSentNanos = -1;
    private ScheduledFuture<?> probeTask;

    private record Pending(String method, Function<JsonNode, Throwable> onResult,
                           java.util.function.Consumer<Throwable> onError, ScheduledFuture<?> timeout) {
    }

    DefaultOvsdbConnection(OvsdbOptions options, ConnectionListener listener,
                           CompletableFuture<OvsdbConnection> ready) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener;
        this.ready = ready;
    }

    // ---- public API ----

    @Override
    public SocketAddress remoteAddress() {
        return channel == null ? null : channel.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel == null ? null : channel.localAddress();
    }

    @Override
    public boolean isActive() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    @Override
    public CompletableFuture<List<String>> listDbs() {
        return call("list_dbs", ValueCodec.F.arrayNode(), r -> {
            if (!r.isArray()) {
                throw new OvsdbException.Malformed("list_dbs result is not an array");
            }
            List<String> dbs = new ArrayList<>();
            r.forEach(x -> dbs.add(x.asText()));
            return List.copyOf(dbs);
        });
    }

    @Override
    public CompletableFuture<DatabaseSchema> getSchema(String db) {
        return call("get_schema", ValueCodec.F.arrayNode().add(db), SchemaCodec::parse);
    }

    @Override
    public CompletableFuture<TransactResult> transact(String db, List<Operation> operations) {
        List<Operation> ops = List.copyOf(operations);
        return call("transact", OperationCodec.transactParams(db, ops), r -> OperationCodec.decodeResults(ops, r));
    }

    @Override
    public CompletableFuture<TableUpdates> monitor(String db, String monitorId, Map<String, MonitorRequest> requests,
                                                   MonitorListener monitorListener) {
        Objects.requireNonNull(monitorListener, "listener");
        if (monitors.putIfAbsent(monitorId, monitorListener) != null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("monitor id already in use: " + monitorId));
        }
        // §4.1.5: "params": [<db-name>, <json-value>, <monitor-requests>]
        ArrayNode params = ValueCodec.F.arrayNode().add(db).add(monitorId);
        params.add(MonitorCodec.encodeRequests(requests));
        CompletableFuture<TableUpdates> f = call("monitor", params, r -> {
            TableUpdates initial = MonitorCodec.decode(r);
            // Runs on the event loop before any later "update" is read: the listener sees initial rows first.
            deliver(monitorListener, initial, true);
            return initial;
        });
        f.whenComplete((r, e) -> {
            if (e != null) {
                monitors.remove(monitorId, monitorListener);
            }
        });
        return f;
    }

    @Override
    public CompletableFuture<Void> monitorCancel(String monitorId) {
        return call("monitor_cancel", ValueCodec.F.arrayNode().add(monitorId), r -> {
            monitors.remove(monitorId);
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> lock(String lockId, LockListener lockListener) {
        return lockCall("lock", lockId, lockListener);
    }

    @Override
    public CompletableFuture<Boolean> steal(String lockId, LockListener lockListener) {
        return lockCall("steal", lockId, lockListener);
    }

    private CompletableFuture<Boolean> lockCall(String method, String lockId, LockListener lockListener) {
        locks.put(lockId, Objects.requireNonNull(lockListener, "listener"));
        // §4.1.8: the result is {"locked": <boolean>}
        return call(method, ValueCodec.F.arrayNode().add(lockId), r -> r.path("locked").asBoolean(false));
    }

    @Override
    public CompletableFuture<Void> unlock(String lockId) {
        return call("unlock", ValueCodec.F.arrayNode().add(lockId), r -> {
            locks.remove(lockId);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> echo() {
        ArrayNode params = ValueCodec.F.arrayNode().add("nvo3");
        return call("echo", params, r -> {
            if (!params.equals(r)) {
                throw new OvsdbException.Malformed("echo reply differs from request: " + r);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "OvsdbConnection[" + remoteAddress() + " -> " + localAddress() + "]";
    }

    // ---- request plumbing ----

    /** Sends a request; {@code decode} runs on the event loop when the reply arrives. */
    <T> CompletableFuture<T> call(String method, ArrayNode params, Function<JsonNode, T> decode) {
        Channel c = channel;
        CompletableFuture<T> f = new CompletableFuture<>();
        if (c == null || !c.isActive()) {
            f.completeExceptionally(new OvsdbException.Closed(method + ": connection is not open"));
            return f;
        }
        long id = nextId.getAndIncrement();
        long timeoutNanos = options.requestTimeout().toNanos();
        ScheduledFuture<?> timeout = c.eventLoop().schedule(() -> {
            if (pending.remove(id) != null) {
                f.completeExceptionally(new OvsdbException.Timeout(
                        method + " (id " + id + ") got no reply within " + options.requestTimeout()));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        pending.put(id, new Pending(method, result -> {
            try {
                f.complete(decode.apply(result));
                return null;
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
                return e;
            }
        }, f::completeExceptionally, timeout));
        JsonRpcMessage.Request req = new JsonRpcMessage.Request(method, params, ValueCodec.F.numberNode(id));
        c.writeAndFlush(req.toJson()).addListener(w -> {
            if (!w.isSuccess()) {
                Pending p = pending.remove(id);
                if (p != null) {
                    p.timeout().cancel(false);
                    f.completeExceptionally(new OvsdbException.Closed(method + ": write failed: " + w.cause()));
                }
            }
        });
        return f;
    }

    // ---- channel events ----

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        lastReadNanos = ctx.executor().ticker().nanoTime();
        scheduleProbe(ctx, options.inactivityProbe().toNanos());
        LOG.info("OVSDB connection {} -> {} up", channel.remoteAddress(), channel.localAddress());
        if (ready != null) {
            ready.complete(this);
        }
        if (listener != null) {
            try {
                listener.connected(this);
            } catch (RuntimeException e) {
                LOG.warn("connection listener failed for {}", this, e);
            }
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (probeTask != null) {
            probeTask.cancel(false);
        }
        LOG.info("OVSDB connection {} -> {} down", ctx.channel().remoteAddress(), ctx.channel().localAddress());
        for (Long id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.timeout().cancel(false);
                p.onError().accept(new OvsdbException.Closed(p.method() + ": connection closed"));
            }
        }
        monitors.clear();
        locks.clear();
        closed.complete(null);
        if (ready != null) {
            ready.completeExceptionally(new OvsdbException.Closed("connection closed"));
        }
        if (listener != null) {
            try {
                listener.disconnected(this);
            } catch (RuntimeException e) {
                LOG.warn("connection listener failed for {}", this, e);
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = ctx.executor().ticker().nanoTime();
        probeSentNanos = -1;
        if (!(msg instanceof JsonNode json)) {
            ctx.fireChannelRead(msg);
            return;
        }
        JsonRpcMessage m = JsonRpcMessage.parse(json); // Malformed goes to exceptionCaught and closes
        switch (m) {
            case JsonRpcMessage.Response r -> onResponse(r);
            case JsonRpcMessage.Request r -> onRequest(ctx, r);
            case JsonRpcMessage.Notification n -> onNotification(n);
        }
    }

    private void onResponse(JsonRpcMessage.Response r) {
        if (!r.id().canConvertToLong() || !r.id().isIntegralNumber()) {
            LOG.debug("{}: reply with foreign id {} ignored", this, r.id());
            return;
        }
        Pending p = pending.remove(r.id().longValue());
        if (p == null) {
            LOG.debug("{}: reply to unknown or timed-out id {} ignored", this, r.id());
            return;
        }
        p.timeout().cancel(false);
        if (r.isError()) {
            p.onError().accept(new OvsdbException.RpcError(p.method(), errorOf(r.error())));
            return;
        }
        Throwable failed = p.onResult().apply(r.result());
        if (failed != null) {
            LOG.warn("{}: malformed {} reply: {}", this, p.method(), failed.getMessage());
        }
    }

    private static OvsdbError errorOf(JsonNode e) {
        if (e.isObject()) {
            return OperationCodec.decodeError(e);
        }
        // ovsdb-server answers unknown methods and databases with a bare string error.
        return new OvsdbError(e.isTextual() ? e.textValue() : e.toString(), java.util.Optional.empty());
    }

    private void onRequest(ChannelHandlerContext ctx, JsonRpcMessage.Request r) {
        if (r.method().equals("echo")) {
            // §4.1.11: "The response object has the following members: "result": same as "params""
            ctx.writeAndFlush(new JsonRpcMessage.Response(r.params(), NullNode.instance, r.id()).toJson());
            return;
        }
        LOG.debug("{}: peer called unsupported method {}", this, r.method());
        ObjectNode err = ValueCodec.F.objectNode().put("error", "unknown method");
        ctx.writeAndFlush(new JsonRpcMessage.Response(NullNode.instance, err, r.id()).toJson());
    }

    private void onNotification(JsonRpcMessage.Notification n) {
        ArrayNode params = n.params();
        switch (n.method()) {
            case "update" -> {
                // §4.1.6: "params": [<json-value>, <table-updates>]
                if (params.size() != 2) {
                    throw new OvsdbException.Malformed("update notification needs 2 params: " + params.size());
                }
                String id = params.get(0).isTextual() ? params.get(0).textValue() : params.get(0).toString();
                MonitorListener l = monitors.get(id);
                TableUpdates updates = MonitorCodec.decode(params.get(1));
                if (l == null) {
                    LOG.debug("{}: update for unknown monitor {} ignored", this, id);
                    return;
                }
                deliver(l, updates, false);
            }
            case "locked", "stolen" -> {
                String lockId = params.path(0).asText();
                LockListener l = locks.get(lockId);
                if (l == null) {
                    return;
                }
                try {
                    if (n.method().equals("locked")) {
                        l.locked(lockId);
                    } else {
                        l.stolen(lockId);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{}: lock listener failed", this, e);
                }
            }
            default -> LOG.debug("{}: notification {} ignored", this, n.method());
        }
    }

    private void deliver(MonitorListener l, TableUpdates updates, boolean initial) {
        try {
            l.onUpdate(updates, initial);
        } catch (RuntimeException e) {
            LOG.warn("{}: monitor listener failed", this, e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (root instanceof OvsdbException.Malformed
                || root instanceof io.netty.handler.codec.CorruptedFrameException
                || root instanceof io.netty.handler.codec.TooLongFrameException) {
            LOG.warn("closing OVSDB connection from {}: malformed input: {}", ctx.channel().remoteAddress(),
                    root.getMessage());
        } else {
            LOG.warn("closing OVSDB connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    // ---- inactivity probe (mirrors ovsdb-server's reconnect.c: probe after idle, drop after another interval) --

    private void scheduleProbe(ChannelHandlerContext ctx, long delayNanos) {
        if (options.inactivityProbe().isZero()) {
            return;
        }
        probeTask = ctx.executor().schedule(() -> probeCheck(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void probeCheck(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long interval = options.inactivityProbe().toNanos();
        long now = ctx.executor().ticker().nanoTime();
        if (probeSentNanos >= 0) {
            long waited = now - probeSentNanos;
            if (waited >= interval) {
                LOG.warn("closing OVSDB connection from {}: no reply to inactivity probe for {} ms",
                        ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(now - lastReadNanos));
                ctx.close();
                return;
            }
            scheduleProbe(ctx, interval - waited);
            return;
        }
        long idle = now - lastReadNanos;
        if (idle < interval) {
            scheduleProbe(ctx, interval - idle);
            return;
        }
        probeSentNanos = now;
        LOG.debug("{}: idle for {} ms, sending echo", this, TimeUnit.NANOSECONDS.toMillis(idle));
        echo().exceptionally(e -> null);
        scheduleProbe(ctx, interval);
    }
}
