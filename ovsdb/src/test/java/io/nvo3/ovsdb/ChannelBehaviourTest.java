package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelBehaviourTest {
    private static final OvsdbOptions OPTIONS = OvsdbOptions.defaults().withMaxMessageBytes(4096);

    private static Throwable failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void answersThePeersEchoWithItsOwnIdAndParams() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        o.feed(Golden.bytes("manager-echo-request.json"));
        assertThat(o.written()).isEqualTo(Golden.parse("{\"id\":\"echo\",\"result\":[],\"error\":null}"));
        assertThat(o.channel.isActive()).isTrue();
    }

    @Test
    void incompleteMessageWaitsForMoreBytes() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        byte[] echo = Golden.bytes("manager-echo-request.json");
        o.feed(java.util.Arrays.copyOfRange(echo, 0, 10));
        assertThat(o.written()).isNull();
        assertThat(o.channel.isActive()).isTrue();
        o.feed(java.util.Arrays.copyOfRange(echo, 10, echo.length));
        assertThat(o.written().get("id").textValue()).isEqualTo("echo");
    }

    @Test
    void matchesRepliesToRequestsAndDecodesThem() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        CompletableFuture<List<String>> dbs = o.connection.listDbs();
        JsonNode req = o.written();
        assertThat(req.get("method").textValue()).isEqualTo("list_dbs");
        o.feed("{\"id\":" + req.get("id") + ",\"result\":[\"Open_vSwitch\",\"_Server\"],\"error\":null}");
        assertThat(dbs).isCompletedWithValue(List.of("Open_vSwitch", "_Server"));
    }

    @Test
    void rpcErrorCarriesTheServersErrorString() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        CompletableFuture<DatabaseSchema> s = o.connection.getSchema("nope");
        JsonNode req = o.written();
        String golden = new String(Golden.bytes("get_schema-unknown-db-reply.json"))
                .replace("\"id\":3", "\"id\":" + req.get("id"));
        o.feed(golden);
        assertThat(failure(s)).isInstanceOfSatisfying(OvsdbException.RpcError.class,
                e -> assertThat(e.error().kind()).isEqualTo(OvsdbError.Kind.UNKNOWN_DATABASE));
        assertThat(o.channel.isActive()).isTrue();
    }

    @Test
    void monitorListenerSeesInitialRowsBeforeUpdates() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS.withMaxMessageBytes(1 << 20));
        List<String> seen = new ArrayList<>();
        TableCache cache = new TableCache();
        CompletableFuture<TableUpdates> f = o.connection.monitor("Open_vSwitch", "m1",
                Map.of("Bridge", MonitorRequest.all()), (u, initial) -> {
                    seen.add(initial ? "initial" : "update");
                    cache.onUpdate(u, initial);
                });
        JsonNode req = o.written();
        assertThat(req.get("params").get(1).textValue()).isEqualTo("m1");
        o.feed(new String(Golden.bytes("monitor-initial-reply.json")).replace("\"id\":4", "\"id\":" + req.get("id")));
        o.feed(Golden.bytes("update-add-br.json"));
        assertThat(f).isCompleted();
        assertThat(seen).containsExactly("initial", "update");
        assertThat(cache.findBy("Bridge", "name", "br0")).isPresent();

        CompletableFuture<Void> cancel = o.connection.monitorCancel("m1");
        o.feed("{\"id\":" + o.written().get("id") + ",\"result\":{},\"error\":null}");
        assertThat(cancel).isCompleted();
        o.feed(Golden.bytes("update-del-br.json"));
        assertThat(seen).containsExactly("initial", "update");
    }

    @Test
    void requestWithoutReplyTimesOut() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS.withRequestTimeout(Duration.ofSeconds(3))
                .withInactivityProbe(Duration.ZERO));
        CompletableFuture<List<String>> dbs = o.connection.listDbs();
        o.advanceSeconds(2);
        assertThat(dbs).isNotDone();
        o.advanceSeconds(1);
        assertThat(failure(dbs)).isInstanceOf(OvsdbException.Timeout.class);
        assertThat(o.channel.isActive()).isTrue();
    }

    @Test
    void inactivityProbeSendsEchoThenClosesADeadPeer() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS.withInactivityProbe(Duration.ofSeconds(5)));
        o.advanceSeconds(4);
        assertThat(o.written()).isNull();
        o.advanceSeconds(1);
        JsonNode probe = o.written();
        assertThat(probe.get("method").textValue()).isEqualTo("echo");
        o.advanceSeconds(4);
        assertThat(o.channel.isActive()).isTrue();
        o.advanceSeconds(1);
        assertThat(o.channel.isActive()).isFalse();
        assertThat(o.disconnected).containsExactly(o.connection);
        assertThat(o.connection.closeFuture()).isCompleted();
    }

    @Test
    void inactivityProbeKeepsALivePeer() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS.withInactivityProbe(Duration.ofSeconds(5)));
        o.advanceSeconds(5);
        JsonNode probe = o.written();
        o.feed("{\"id\":" + probe.get("id") + ",\"result\":" + probe.get("params") + ",\"error\":null}");
        o.advanceSeconds(4);
        assertThat(o.written()).isNull();
        o.advanceSeconds(1);
        assertThat(o.written().get("method").textValue()).isEqualTo("echo");
        assertThat(o.channel.isActive()).isTrue();
    }

    @Test
    void pendingRequestsFailWhenTheConnectionCloses() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        CompletableFuture<TransactResult> t = o.connection.transact("Open_vSwitch", Operation.comment("x"));
        o.channel.close();
        o.channel.runPendingTasks();
        assertThat(failure(t)).isInstanceOf(OvsdbException.Closed.class);
        assertThat(failure(o.connection.listDbs())).isInstanceOf(OvsdbException.Closed.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            invalid JSON inside an object        | {"id":1,,"result":null}
            top-level array                      | [1,2,3]
            not JSON at all                      | hello
            neither request nor response         | {"id":1}
            method is not a string               | {"method":5,"params":[],"id":1}
            params is not an array               | {"method":"echo","params":{},"id":1}
            update with bad table-updates        | {"method":"update","params":["m1",{"Bridge":{"not-a-uuid":{"new":{}}}}],"id":null}
            update with one param                | {"method":"update","params":["m1"],"id":null}
            row-update with neither old nor new  | {"method":"update","params":["m1",{"Bridge":{"36bd6b8d-67ff-4a96-8fa8-1b4a8a3c4a8e":{}}}],"id":null}
            nesting deeper than the bound        | {"method":"echo","params":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"id":1}
            """)
    void malformedInputClosesOnlyThatConnection(String name, String input) {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        EmbeddedOvsdb sibling = new EmbeddedOvsdb(OPTIONS);
        o.feed(input);
        assertThat(o.channel.isActive()).as(name).isFalse();
        assertThat(o.disconnected).containsExactly(o.connection);
        sibling.feed(Golden.bytes("manager-echo-request.json"));
        assertThat(sibling.written()).isNotNull();
        assertThat(sibling.channel.isActive()).isTrue();
    }

    @Test
    void messageLongerThanTheBoundClosesTheConnection() {
        EmbeddedOvsdb o = new EmbeddedOvsdb(OPTIONS);
        o.feed("{\"method\":\"echo\",\"params\":[\"" + "x".repeat(5000) + "\"],\"id\":1}");
        assertThat(o.channel.isActive()).isFalse();
    }
}
