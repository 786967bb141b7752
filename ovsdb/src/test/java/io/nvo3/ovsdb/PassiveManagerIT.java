package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nvo3.ovsdb.vswitch.BridgeSpec;
import io.nvo3.ovsdb.vswitch.VswitchProvisioner;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real ovsdb-server told {@code ovs-vsctl set-manager tcp:127.0.0.1:PORT} connects to our {@link OvsdbServer};
 * we monitor, provision br-int, and survive the server's death and restart.
 */
class PassiveManagerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DB = "Open_vSwitch";

    private final BlockingQueue<OvsdbConnection> connected = new LinkedBlockingQueue<>();
    private final BlockingQueue<OvsdbConnection> disconnected = new LinkedBlockingQueue<>();
    private OvsdbServer server;
    private OvsdbServerProcess ovsdb;

    @BeforeEach
    void start() throws InterruptedException {
        server = OvsdbServer.start(new InetSocketAddress("127.0.0.1", 0), OvsdbOptions.defaults(),
                new ConnectionListener() {
                    @Override
                    public void connected(OvsdbConnection c) {
                        connected.add(c);
                    }

                    @Override
                    public void disconnected(OvsdbConnection c) {
                        disconnected.add(c);
                    }
                });
        ovsdb = OvsdbServerProcess.start();
    }

    @AfterEach
    void stop() {
        try {
            if (ovsdb != null) {
                ovsdb.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private OvsdbConnection nextConnection() throws InterruptedException {
        OvsdbConnection c = connected.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(c).as("ovsdb-server connected to us").isNotNull();
        return c;
    }

    private static Map<String, MonitorRequest> vswitchTables() {
        return Map.of("Open_vSwitch", MonitorRequest.all(), "Bridge", MonitorRequest.all(),
                "Port", MonitorRequest.all(), "Interface", MonitorRequest.all());
    }

    @Test
    void hypervisorConnectsIsMonitoredProvisionedAndReconnectsAfterRestart() throws Exception {
        ovsdb.vsctl("set-manager", "tcp:127.0.0.1:" + server.localAddress().getPort());
        OvsdbConnection conn = nextConnection();
        assertThat(conn.localAddress()).isEqualTo(server.localAddress());
        assertThat(((InetSocketAddress) conn.remoteAddress()).getAddress().getHostAddress()).isEqualTo("127.0.0.1");

        assertThat(conn.listDbs().get(10, TimeUnit.SECONDS)).contains(DB);
        DatabaseSchema schema = conn.getSchema(DB).get(10, TimeUnit.SECONDS);
        assertThat(schema.tables()).containsKeys("Bridge", "Port", "Interface", "Controller");

        TableCache cache = new TableCache();
        TableUpdates initial = conn.monitor(DB, "nvo3", vswitchTables(), cache).get(10, TimeUnit.SECONDS);
        assertThat(initial.table("Open_vSwitch")).hasSize(1);
        assertThat(cache.rows("Bridge")).isEmpty();

        // ovs-vsctl changes show up as "update" notifications.
        ovsdb.vsctl("add-br", "br0");
        await().atMost(WAIT).until(() -> cache.findBy("Bridge", "name", "br0").isPresent());
        ovsdb.vsctl("set", "Bridge", "br0", "external_ids:owner=test");
        await().atMost(WAIT).until(() -> cache.findBy("Bridge", "name", "br0").orElseThrow().getValue()
                .stringMap("external_ids").containsKey("owner"));
        ovsdb.vsctl("add-port", "br0", "p0", "--", "set", "Interface", "p0", "external_ids:iface-id=port-1");
        await().atMost(WAIT).until(() -> cache.findBy("Interface", "name", "p0")
                .map(e -> e.getValue().stringMap("external_ids").get("iface-id")).filter("port-1"::equals).isPresent());
        UUID p0 = cache.findBy("Port", "name", "p0").orElseThrow().getKey();
        assertThat(cache.findBy("Bridge", "name", "br0").orElseThrow().getValue().uuids("ports")).contains(p0);

        // Provision br-int through transact and check it with ovs-vsctl.
        BridgeSpec brInt = new BridgeSpec("br-int", Optional.of("secure"), List.of("OpenFlow13"), Optional.of("netdev"),
                Map.of("disable-in-band", "true"), Map.of(), List.of("tcp:127.0.0.1:6653"),
                List.of(BridgeSpec.PortSpec.flowBasedVxlan("vxlan0", "198.18.0.1")));
        VswitchProvisioner.Outcome created = VswitchProvisioner.ensureBridge(conn, brInt).get(10, TimeUnit.SECONDS);
        assertThat(created.changes()).contains("insert Bridge br-int", "insert Port vxlan0",
                "insert Controller tcp:127.0.0.1:6653");
        String show = ovsdb.vsctl("show");
        assertThat(show).contains("Bridge br-int", "Controller \"tcp:127.0.0.1:6653\"", "fail_mode: secure",
                "datapath_type: netdev", "Port vxlan0", "Interface vxlan0", "type: vxlan",
                "options: {key=flow, local_ip=\"198.18.0.1\", remote_ip=flow}");
        assertThat(ovsdb.vsctl("get", "Bridge", "br-int", "protocols").trim()).isEqualTo("[OpenFlow13]");
        assertThat(ovsdb.vsctl("get", "Bridge", "br-int", "other_config:disable-in-band").trim())
                .isEqualTo("\"true\"");
        await().atMost(WAIT).until(() -> cache.findBy("Bridge", "name", "br-int")
                .filter(e -> e.getKey().equals(created.bridge())).isPresent());

        // Idempotent: the same spec again finds every row and changes nothing.
        VswitchProvisioner.Outcome again = VswitchProvisioner.ensureBridge(conn, brInt).get(10, TimeUnit.SECONDS);
        assertThat(again.bridge()).isEqualTo(created.bridge());
        assertThat(again.changes()).isEmpty();
        // A port removed behind our back is the only thing re-created.
        ovsdb.vsctl("del-port", "br-int", "vxlan0");
        VswitchProvisioner.Outcome repaired = VswitchProvisioner.ensureBridge(conn, brInt).get(10, TimeUnit.SECONDS);
        assertThat(repaired.changes()).containsExactly("insert Port vxlan0");
        assertThat(ovsdb.vsctl("list-ports", "br-int").trim()).isEqualTo("vxlan0");

        // A typed error from the server: the RFC 7047 error string and no crash.
        TransactResult bad = conn.transact(DB, Operation.update("Bridge",
                Row.builder().put("fail_mode", "bogus").build(), Condition.eq("name", "br-int"))).get(10, TimeUnit.SECONDS);
        assertThat(bad.error()).get().extracting(OvsdbError::kind).isEqualTo(OvsdbError.Kind.CONSTRAINT_VIOLATION);
        conn.echo().get(10, TimeUnit.SECONDS);

        // The hypervisor dies: we are told.
        ovsdb.kill();
        OvsdbConnection gone = disconnected.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(gone).isSameAs(conn);
        assertThat(conn.closeFuture()).isCompleted();
        assertThat(conn.isActive()).isFalse();

        // It comes back and, as a manager client, reconnects to us by itself.
        ovsdb.restart();
        OvsdbConnection back = nextConnection();
        assertThat(back).isNotSameAs(conn);
        TableCache cache2 = new TableCache();
        back.monitor(DB, "nvo3", vswitchTables(), cache2).get(10, TimeUnit.SECONDS);
        assertThat(cache2.findBy("Bridge", "name", "br-int")).map(Map.Entry::getKey).contains(created.bridge());
        assertThat(server.connections()).containsExactly(back);
    }
}
