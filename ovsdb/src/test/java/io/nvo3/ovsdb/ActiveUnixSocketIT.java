package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Active connections to a real ovsdb-server over its unix socket: transact, typed errors, locks. */
class ActiveUnixSocketIT {
    private static final String DB = "Open_vSwitch";
    private OvsdbServerProcess ovsdb;
    private OvsdbClient client;

    @BeforeEach
    void start() {
        ovsdb = OvsdbServerProcess.start();
        client = OvsdbClient.create(OvsdbOptions.defaults());
    }

    @AfterEach
    void stop() {
        try {
            client.close();
        } finally {
            ovsdb.close();
        }
    }

    private OvsdbConnection connect() throws Exception {
        return client.connect(OvsdbClient.parseTarget("unix:" + ovsdb.socket())).get(10, TimeUnit.SECONDS);
    }

    @Test
    void transactInsertsSelectsAndReportsRfcErrors() throws Exception {
        try (OvsdbConnection c = connect()) {
            TransactResult r = c.transact(DB,
                    Operation.insert("Bridge", Row.builder().put("name", "brx").build(), "b"),
                    Operation.mutate("Open_vSwitch", List.of(), Mutation.insert("bridges", Value.set(Atom.named("b")))),
                    Operation.select("Bridge", Condition.eq("name", "brx"))).get(10, TimeUnit.SECONDS);
            assertThat(r.isSuccess()).isTrue();
            assertThat(r.selectedRows(2)).singleElement()
                    .satisfies(row -> assertThat(row.uuid()).contains(r.insertedUuid(0)));
            assertThat(ovsdb.vsctl("list-br").trim()).isEqualTo("brx");

            // Same name again: Bridge.name is an index, so the commit fails with "constraint violation".
            TransactResult dup = c.transact(DB,
                    Operation.insert("Bridge", Row.builder().put("name", "brx").build(), "b"),
                    Operation.mutate("Open_vSwitch", List.of(), Mutation.insert("bridges", Value.set(Atom.named("b")))))
                    .get(10, TimeUnit.SECONDS);
            assertThat(dup.commitError()).get().extracting(OvsdbError::kind)
                    .isEqualTo(OvsdbError.Kind.CONSTRAINT_VIOLATION);
            assertThatThrownBy(dup::orThrow).isInstanceOf(OvsdbException.TransactFailed.class);

            assertThatThrownBy(() -> c.getSchema("nope").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(OvsdbException.RpcError.class,
                            e -> assertThat(e.error().kind()).isEqualTo(OvsdbError.Kind.UNKNOWN_DATABASE));
            assertThat(c.isActive()).isTrue();
        }
    }

    @Test
    void lockIsGrantedToOneClientAndHandedOverOnUnlock() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        LockListener l = new LockListener() {
            @Override
            public void locked(String id) {
                events.add("locked " + id);
            }

            @Override
            public void stolen(String id) {
                events.add("stolen " + id);
            }
        };
        try (OvsdbConnection a = connect(); OvsdbConnection b = connect()) {
            assertThat(a.lock("nvo3", l).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(b.lock("nvo3", l).get(10, TimeUnit.SECONDS)).isFalse();
            a.unlock("nvo3").get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("locked nvo3"));
            assertThat(a.steal("nvo3", l).get(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("stolen nvo3"));
        }
    }

    @Test
    void closeFutureCompletesWhenTheServerDies() throws Exception {
        OvsdbConnection c = connect();
        ovsdb.kill();
        c.closeFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> c.listDbs().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(OvsdbException.Closed.class);
    }
}
