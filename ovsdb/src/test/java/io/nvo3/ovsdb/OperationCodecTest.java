package io.nvo3.ovsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationCodecTest {

    private static void assertJson(Operation op, String expected) {
        // Re-parse: Jackson reads 10 as an IntNode, which is not equal to the LongNode we build.
        assertThat(Golden.parse(OperationCodec.encode(op).toString())).isEqualTo(Golden.parse(expected));
    }

    @Test
    void insertCarriesRowAndUuidName() {
        assertJson(Operation.insert("Bridge", Row.builder().put("name", "br-int").build(), "br"),
                """
                {"op":"insert","table":"Bridge","row":{"name":"br-int"},"uuid-name":"br"}""");
        assertJson(Operation.insert("Bridge", Row.empty()), """
                {"op":"insert","table":"Bridge","row":{}}""");
    }

    @Test
    void selectWithWhereAndColumns() {
        assertJson(new Operation.Select("Bridge", List.of(Condition.eq("name", "br-int")),
                        Optional.of(List.of("_uuid", "name"))),
                """
                {"op":"select","table":"Bridge","where":[["name","==","br-int"]],"columns":["_uuid","name"]}""");
    }

    @Test
    void updateAndDelete() {
        assertJson(Operation.update("Bridge", Row.builder().put("fail_mode", "secure").build(),
                        Condition.eq("name", "br-int")),
                """
                {"op":"update","table":"Bridge","where":[["name","==","br-int"]],"row":{"fail_mode":"secure"}}""");
        assertJson(Operation.delete("Port", new Condition("tag", Condition.Function.GE, Atom.integer(10))),
                """
                {"op":"delete","table":"Port","where":[["tag",">=",10]]}""");
    }

    @Test
    void mutateInsertsIntoASetWithNamedUuid() {
        assertJson(Operation.mutate("Open_vSwitch", List.of(), Mutation.insert("bridges", Value.set(Atom.named("br")))),
                """
                {"op":"mutate","table":"Open_vSwitch","where":[],
                 "mutations":[["bridges","insert",["set",[["named-uuid","br"]]]]]}""");
    }

    @Test
    void waitCommitAbortCommentAssert() {
        assertJson(new Operation.Wait("Bridge", OptionalLong.of(0), List.of(Condition.eq("name", "br-int")),
                        List.of("name"), Operation.Wait.Until.EQ, List.of()),
                """
                {"op":"wait","timeout":0,"table":"Bridge","where":[["name","==","br-int"]],"columns":["name"],
                 "until":"==","rows":[]}""");
        assertJson(new Operation.Commit(true), """
                {"op":"commit","durable":true}""");
        assertJson(new Operation.Abort(), """
                {"op":"abort"}""");
        assertJson(Operation.comment("hi"), """
                {"op":"comment","comment":"hi"}""");
        assertJson(new Operation.Assert("nvo3"), """
                {"op":"assert","lock":"nvo3"}""");
    }

    @Test
    void transactParamsStartWithTheDatabaseName() {
        assertThat(OperationCodec.transactParams("Open_vSwitch", List.of(new Operation.Abort())))
                .isEqualTo(Golden.parse("[\"Open_vSwitch\",{\"op\":\"abort\"}]"));
    }

    @Test
    void resultsAreTypedByTheOperationThatProducedThem() {
        List<Operation> ops = List.of(Operation.insert("Bridge", Row.empty()), Operation.select("Bridge"),
                Operation.delete("Bridge"), Operation.comment("x"));
        UUID u = UUID.fromString("6f8fed9d-5a3e-4b4e-a0cc-dbb6f2a1f5c3");
        TransactResult r = OperationCodec.decodeResults(ops, Golden.parse("""
                [{"uuid":["uuid","6f8fed9d-5a3e-4b4e-a0cc-dbb6f2a1f5c3"]},{"rows":[{"name":"a"}]},{"count":2},{}]"""));
        assertThat(r.results()).containsExactly(new OperationResult.Inserted(u),
                new OperationResult.Selected(List.of(new Row(Map.of("name", Atom.string("a"))))),
                new OperationResult.Counted(2), new OperationResult.Done());
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.insertedUuid(0)).isEqualTo(u);
    }

    @Test
    void aResultArrayOfTheWrongLengthIsMalformed() {
        assertThatThrownBy(() -> OperationCodec.decodeResults(List.of(new Operation.Abort()), Golden.parse("[{},{},{}]")))
                .isInstanceOf(OvsdbException.Malformed.class).hasMessageContaining("3 elements for 1 operations");
        assertThatThrownBy(() -> OperationCodec.decodeResults(List.of(Operation.delete("T")), Golden.parse("[{}]")))
                .isInstanceOf(OvsdbException.Malformed.class).hasMessageContaining("count");
        assertThatThrownBy(() -> OperationCodec.decodeResults(List.of(Operation.insert("T", Row.empty())),
                Golden.parse("[{\"uuid\":\"x\"}]"))).isInstanceOf(OvsdbException.Malformed.class);
    }
}
