package io.nvo3.controller.nve;

import io.nvo3.ovsdb.Atom;
import io.nvo3.ovsdb.Condition;
import io.nvo3.ovsdb.MonitorRequest;
import io.nvo3.ovsdb.Operation;
import io.nvo3.ovsdb.OvsdbConnection;
import io.nvo3.ovsdb.Row;
import io.nvo3.ovsdb.TableCache;
import io.nvo3.ovsdb.TableUpdates;
import io.nvo3.ovsdb.vswitch.BridgeSpec;
import io.nvo3.ovsdb.vswitch.VswitchProvisioner;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The OVSDB edge for one hypervisor connection: monitors what the controller needs and reports {@link NveFacts}
 * after each update; provisions br-int on request. Knows nothing of tenants.
 */
final class OvsdbNveSession {
    static final String MONITOR_ID = "nvo3-nve";
    private static final List<String> TABLES = List.of("Open_vSwitch", "Bridge", "Port", "Interface", "Controller");

    private final OvsdbConnection conn;
    private final TableCache cache = new TableCache();

    OvsdbNveSession(OvsdbConnection conn) {
        this.conn = conn;
    }

    OvsdbConnection connection() {
        return conn;
    }

    /** The hypervisor's address and port, for logs and status. */
    String remote() {
        SocketAddress a = conn.remoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() + ":" + i.getPort() : String.valueOf(a);
    }

    /** The hypervisor's address without the port. */
    String remoteIp() {
        SocketAddress a = conn.remoteAddress();
        return a instanceof InetSocketAddress i ? i.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** The address the hypervisor used to reach us. */
    Optional<InetSocketAddress> local() {
        return conn.localAddress() instanceof InetSocketAddress i ? Optional.of(i) : Optional.empty();
    }

    /** Starts the monitor; {@code onFacts} runs on the connection's event loop after the initial rows and each update. */
    CompletableFuture<Void> start(Consumer<NveFacts> onFacts) {
        Map<String, MonitorRequest> req = new LinkedHashMap<>();
        req.put("Open_vSwitch", MonitorRequest.columns("external_ids", "other_config", "bridges"));
        req.put("Bridge", MonitorRequest.columns("name", "datapath_id", "ports", "controller", "datapath_type",
                "fail_mode"));
        req.put("Port", MonitorRequest.columns("name", "interfaces"));
        req.put("Interface", MonitorRequest.columns("name", "type", "ofport", "external_ids"));
        req.put("Controller", MonitorRequest.columns("target", "is_connected"));
        return conn.monitor(VswitchProvisioner.DB, MONITOR_ID, req, (TableUpdates u, boolean initial) -> {
            cache.apply(u);
            onFacts.accept(facts());
        }).thenApply(x -> null);
    }

    NveFacts facts() {
        Map<String, Map<UUID, Row>> tables = new LinkedHashMap<>();
        for (String t : TABLES) {
            tables.put(t, cache.rows(t));
        }
        return NveFacts.of(tables);
    }

    /**
     * Creates or adopts br-int, then shortens the reconnect back-off of its Controller row and of the Manager rows so
     * that a restarted controller is found again within about a second (ovs-vswitchd's default max_backoff is 8 s).
     */
    CompletableFuture<VswitchProvisioner.Outcome> provision(BridgeSpec spec, long maxBackoffMs) {
        return VswitchProvisioner.ensureBridge(conn, spec).thenCompose(outcome -> {
            if (maxBackoffMs <= 0) {
                return CompletableFuture.completedFuture(outcome);
            }
            Row backoff = Row.builder().put("max_backoff", maxBackoffMs).build();
            List<Operation> ops = new java.util.ArrayList<>();
            for (String target : spec.controllerTargets()) {
                ops.add(new Operation.Update("Controller", List.of(Condition.eq("target", Atom.string(target))), backoff));
            }
            ops.add(new Operation.Update("Manager", List.of(), backoff));
            return conn.transact(VswitchProvisioner.DB, ops).thenApply(r -> outcome);
        });
    }

    void close() {
        conn.close();
    }
}
