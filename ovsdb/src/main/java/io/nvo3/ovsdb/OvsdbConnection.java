package io.nvo3.ovsdb;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One JSON-RPC session with an OVSDB server (RFC 7047 §4), whichever side opened the TCP connection. Every
 * method may be called from any thread; futures and listeners complete on the connection's event loop.
 * Incoming "echo" requests are answered automatically.
 */
public interface OvsdbConnection extends AutoCloseable {

    /** The peer (for a hypervisor that ran {@code set-manager}, its own address and ephemeral port). */
    SocketAddress remoteAddress();

    /** Our side of the connection: on a server, the address the hypervisor reached. */
    SocketAddress localAddress();

    boolean isActive();

    /** §4.1.1 "list_dbs". */
    CompletableFuture<List<String>> listDbs();

    /** §4.1.2 "get_schema"; an unknown database fails with {@link OvsdbException.RpcError}. */
    CompletableFuture<DatabaseSchema> getSchema(String db);

    /** §4.1.3 "transact": per-operation results, or the error that stopped the transaction. */
    CompletableFuture<TransactResult> transact(String db, List<Operation> operations);

    default CompletableFuture<TransactResult> transact(String db, Operation... operations) {
        return transact(db, List.of(operations));
    }

    /**
     * §4.1.5 "monitor": {@code listener} first receives the initial contents, then each "update" notification
     * (§4.1.6) for {@code monitorId}, until {@link #monitorCancel} or disconnect. The returned future completes
     * with the initial contents after the listener saw them.
     */
    CompletableFuture<TableUpdates> monitor(String db, String monitorId, Map<String, MonitorRequest> requests,
                                            MonitorListener listener);

    /** §4.1.7 "monitor_cancel". */
    CompletableFuture<Void> monitorCancel(String monitorId);

    /** §4.1.8 "lock": true when granted now; otherwise {@code listener} hears "locked" later. */
    CompletableFuture<Boolean> lock(String lockId, LockListener listener);

    /** §4.1.8 "steal". */
    CompletableFuture<Boolean> steal(String lockId, LockListener listener);

    /** §4.1.8 "unlock". */
    CompletableFuture<Void> unlock(String lockId);

    /** §4.1.11 "echo": completes when the peer echoes our parameters back. */
    CompletableFuture<Void> echo();

    /** Completes once the connection is closed, by either side or by the inactivity probe. */
    CompletableFuture<Void> closeFuture();

    @Override
    void close();
}
