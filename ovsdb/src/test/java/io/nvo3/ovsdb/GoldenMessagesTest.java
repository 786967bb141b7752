package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decodes what a real ovsdb-server 3.1 sent (src/test/resources/golden/ovsdb/README.md). */
class GoldenMessagesTest {

    private static JsonRpcMessage.Response response(String file) {
        return (JsonRpcMessage.Response) JsonRpcMessage.parse(Golden.json(file));
    }

    private static TableUpdates update(String file) {
        JsonRpcMessage.Notification n = (JsonRpcMessage.Notification) JsonRpcMessage.parse(Golden.json(file));
        assertThat(n.method()).isEqualTo("update");
        assertThat(n.params().get(0).textValue()).isEqualTo("m1");
        return MonitorCodec.decode(n.params().get(1));
    }

    @Test
    void listDbsNamesOpenVswitchAndServer() {
        assertThat(response("list_dbs-reply.json").result()).hasToString("[\"Open_vSwitch\",\"_Server\"]");
    }

    @Test
    void vswitchSchemaParsesIntoTablesColumnsAndTypes() {
        DatabaseSchema s = SchemaCodec.parse(response("get_schema-reply.json").result());
        assertThat(s.name()).isEqualTo("Open_vSwitch");
        assertThat(s.version()).isEqualTo("8.3.1");
        assertThat(s.tables()).containsKeys("Open_vSwitch", "Bridge", "Port", "Interface", "Controller", "Manager");
        assertThat(s.tables().get("Open_vSwitch").isRoot()).isTrue();
        assertThat(s.tables().get("Bridge").isRoot()).isFalse();

        DatabaseSchema.ColumnType ports = s.table("Bridge").orElseThrow().column("ports").orElseThrow().type();
        assertThat(ports.isSet()).isTrue();
        assertThat(ports.max()).isEqualTo(DatabaseSchema.ColumnType.UNLIMITED);
        assertThat(ports.key().refTable()).contains("Port");
        assertThat(ports.key().refType()).contains(DatabaseSchema.RefType.STRONG);

        DatabaseSchema.ColumnType failMode = s.table("Bridge").orElseThrow().column("fail_mode").orElseThrow().type();
        assertThat(failMode.min()).isZero();
        assertThat(failMode.key().enumeration()).contains(Value.stringSet("standalone", "secure"));

        DatabaseSchema.ColumnType options = s.table("Interface").orElseThrow().column("options").orElseThrow().type();
        assertThat(options.isMap()).isTrue();
        assertThat(options.value().orElseThrow().type()).isEqualTo(DatabaseSchema.AtomicType.STRING);

        DatabaseSchema.ColumnType name = s.table("Bridge").orElseThrow().column("name").orElseThrow().type();
        assertThat(name.isSet()).isFalse();
        assertThat(s.table("Bridge").orElseThrow().column("name").orElseThrow().mutable()).isFalse();
    }

    @Test
    void unknownDatabaseIsAJsonRpcErrorObjectWithoutResult() {
        JsonRpcMessage.Response r = response("get_schema-unknown-db-reply.json");
        assertThat(r.isError()).isTrue();
        OvsdbError e = OperationCodec.decodeError(r.error());
        assertThat(e.kind()).isEqualTo(OvsdbError.Kind.UNKNOWN_DATABASE);
        assertThat(e.details()).contains("get_schema request specifies unknown database nope");
    }

    @Test
    void monitorInitialHoldsTheSingleRootRowAsNew() {
        TableUpdates t = MonitorCodec.decode(response("monitor-initial-reply.json").result());
        assertThat(t.table("Open_vSwitch")).singleElement().isInstanceOfSatisfying(RowUpdate.Added.class,
                a -> assertThat(a.row().uuids("bridges")).isEmpty());
    }

    @Test
    void addBridgeArrivesAsInsertsOfInterfacePortBridgeAndAModifiedRoot() {
        TableUpdates t = update("update-add-br.json");
        RowUpdate.Added bridge = (RowUpdate.Added) t.table("Bridge").getFirst();
        assertThat(bridge.row().string("name")).contains("br0");
        RowUpdate.Added port = (RowUpdate.Added) t.table("Port").getFirst();
        // ovsdb-server sends a 1-element set as the bare atom (§5.1); Row.uuids reads both forms.
        assertThat(bridge.row().uuids("ports")).containsExactly(port.uuid());
        RowUpdate.Modified root = (RowUpdate.Modified) t.table("Open_vSwitch").getFirst();
        assertThat(root.old().uuids("bridges")).isEmpty();
        assertThat(root.row().uuids("bridges")).containsExactly(bridge.uuid());
        RowUpdate.Added iface = (RowUpdate.Added) t.table("Interface").getFirst();
        assertThat(iface.row().string("type")).contains("internal");
    }

    @Test
    void modifyCarriesOnlyChangedColumnsInOld() {
        RowUpdate.Modified m = (RowUpdate.Modified) update("update-modify-bridge.json").table("Bridge").getFirst();
        assertThat(m.old().columns()).containsOnlyKeys("external_ids", "protocols");
        assertThat(m.row().stringMap("external_ids")).containsExactly(Map.entry("owner", "nvo3"));
        assertThat(m.row().set("protocols")).containsExactlyInAnyOrder(Atom.string("OpenFlow13"),
                Atom.string("OpenFlow14"));
    }

    @Test
    void deleteBridgeArrivesAsDeletesWithOld() {
        TableUpdates t = update("update-del-br.json");
        assertThat(t.table("Bridge")).singleElement().isInstanceOf(RowUpdate.Deleted.class);
        assertThat(t.table("Port")).singleElement().isInstanceOf(RowUpdate.Deleted.class);
        assertThat(t.table("Interface")).singleElement().isInstanceOf(RowUpdate.Deleted.class);
    }

    @Test
    void tableCacheFollowsAddModifyDelete() {
        TableCache cache = new TableCache();
        cache.apply(MonitorCodec.decode(response("monitor-initial-reply.json").result()));
        cache.apply(update("update-add-br.json"));
        UUID br0 = cache.findBy("Bridge", "name", "br0").orElseThrow().getKey();
        assertThat(cache.rows("Port")).hasSize(1);
        cache.apply(update("update-modify-bridge.json"));
        assertThat(cache.row("Bridge", br0).orElseThrow().stringMap("external_ids")).containsEntry("owner", "nvo3");
        cache.apply(update("update-del-br.json"));
        assertThat(cache.rows("Bridge")).isEmpty();
        assertThat(cache.rows("Port")).isEmpty();
        assertThat(cache.rows("Open_vSwitch")).hasSize(1);
        assertThat(cache.rows("Open_vSwitch").values().iterator().next().uuids("bridges")).isEmpty();
    }

    @Test
    void transactReplyDecodesPerOperation() {
        List<Operation> ops = List.of(
                Operation.insert("Interface", Row.builder().put("name", "p1").put("type", "internal").build(), "i1"),
                Operation.insert("Port", Row.builder().put("name", "p1").put("interfaces", Atom.named("i1")).build(), "p1"),
                Operation.insert("Bridge", Row.builder().put("name", "br1").put("ports", Atom.named("p1")).build(), "b"),
                Operation.mutate("Open_vSwitch", List.of(), Mutation.insert("bridges", Value.set(Atom.named("b")))),
                new Operation.Select("Bridge", List.of(Condition.eq("name", "br1")), Optional.of(List.of("name", "ports"))),
                Operation.comment("golden"));
        TransactResult r = OperationCodec.decodeResults(ops, response("transact-insert-reply.json").result());
        assertThat(r.isSuccess()).isTrue();
        UUID port = r.insertedUuid(1);
        assertThat(r.results().get(3)).isEqualTo(new OperationResult.Counted(1));
        assertThat(r.selectedRows(4)).singleElement().satisfies(row -> {
            assertThat(row.string("name")).contains("br1");
            assertThat(row.uuids("ports")).containsExactly(port);
        });
        assertThat(r.results().get(5)).isEqualTo(new OperationResult.Done());
        // And the notification for the same transaction (sent before the reply) names the same rows.
        assertThat(update("update-insert-br1.json").table("Port")).extracting(RowUpdate::uuid).containsExactly(port);
    }

    @Test
    void constraintViolationStopsTheTransactionAndLaterOpsAreNull() {
        List<Operation> ops = List.of(Operation.update("Bridge", Row.builder().put("fail_mode", "bogus").build(),
                Condition.eq("name", "br1")), Operation.comment("never runs"));
        TransactResult r = OperationCodec.decodeResults(ops,
                response("transact-constraint-violation-reply.json").result());
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.failedIndex()).isZero();
        assertThat(r.error()).get().extracting(OvsdbError::kind).isEqualTo(OvsdbError.Kind.CONSTRAINT_VIOLATION);
        assertThat(r.results().get(1)).isEqualTo(new OperationResult.NotExecuted());
    }

    @Test
    void referentialIntegrityFailsAtCommitAsTheExtraElement() {
        List<Operation> ops = List.of(Operation.insert("Port", Row.builder().put("name", "dangling").build()));
        TransactResult r = OperationCodec.decodeResults(ops,
                response("transact-referential-integrity-reply.json").result());
        assertThat(r.results()).singleElement().isInstanceOf(OperationResult.Inserted.class);
        assertThat(r.failedIndex()).isEqualTo(-1);
        assertThat(r.commitError()).get().extracting(OvsdbError::kind)
                .isEqualTo(OvsdbError.Kind.REFERENTIAL_INTEGRITY_VIOLATION);
        assertThat(r.isSuccess()).isFalse();
    }

    @Test
    void duplicateIndexIsACommitConstraintViolation() {
        List<Operation> ops = List.of(Operation.insert("Bridge", Row.builder().put("name", "br1").build(), "dup"),
                Operation.mutate("Open_vSwitch", List.of(), Mutation.insert("bridges", Value.set(Atom.named("dup")))));
        TransactResult r = OperationCodec.decodeResults(ops, response("transact-commit-error-reply.json").result());
        assertThat(r.commitError()).get().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(OvsdbError.Kind.CONSTRAINT_VIOLATION);
            assertThat(e.details().orElseThrow()).contains("identical values (br1)");
        });
    }

    @Test
    void echoAndUnknownMethodReplies() {
        JsonRpcMessage.Response echo = response("echo-reply.json");
        assertThat(echo.id().textValue()).isEqualTo("e1");
        assertThat(echo.result()).hasToString("[\"x\"]");
        JsonRpcMessage.Response unknown = response("unknown-method-reply.json");
        assertThat(unknown.error().textValue()).isEqualTo("unknown method");
    }

    @Test
    void managerProbeIsAnEchoRequestWithStringId() {
        JsonRpcMessage m = JsonRpcMessage.parse(Golden.json("manager-echo-request.json"));
        assertThat(m).isInstanceOfSatisfying(JsonRpcMessage.Request.class, r -> {
            assertThat(r.method()).isEqualTo("echo");
            assertThat(r.id().textValue()).isEqualTo("echo");
            assertThat(r.params()).isEmpty();
        });
    }
}
