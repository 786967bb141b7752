package io.nvo3.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** etcd semantics, one behaviour per test, on the in-memory store (same code as the file one). */
class StoreSemanticsTest {
    private final KvStore store = KvStores.inMemory();

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private TxnResult run(Txn txn) {
        return store.txn(txn).join();
    }

    @Test
    void emptyStoreIsAtRevisionZero() {
        assertThat(store.revision()).isZero();
        assertThat(store.get("a")).isEmpty();
        assertThat(store.range("")).isEmpty();
        assertThat(store.compactedRevision()).isEqualTo(1);
    }

    @Test
    void putCreatesKeyAtNewRevisionWithVersionOne() {
        TxnResult r = store.put("a", b("1")).join();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.revision()).isEqualTo(1);
        KeyValue kv = new KeyValue("a", b("1"), 1, 1, 1);
        assertThat(r.changes()).containsExactly(new WatchEvent(WatchEvent.Type.PUT, kv, null));
        assertThat(store.get("a")).contains(kv);
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void putOfExistingKeyKeepsCreateRevisionAndIncrementsVersion() {
        store.put("a", b("1")).join();
        store.put("b", b("x")).join();
        TxnResult r = store.put("a", b("2")).join();
        KeyValue before = new KeyValue("a", b("1"), 1, 1, 1);
        KeyValue after = new KeyValue("a", b("2"), 1, 3, 2);
        assertThat(r.changes()).containsExactly(new WatchEvent(WatchEvent.Type.PUT, after, before));
        assertThat(store.get("a")).contains(after);
    }

    @Test
    void putOfSameValueStillAdvancesRevisionAsEtcdDoes() {
        store.put("a", b("1")).join();
        assertThat(store.put("a", b("1")).join().revision()).isEqualTo(2);
        assertThat(store.get("a").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void deleteRemovesKeyAndLaterPutRestartsVersionWithNewCreateRevision() {
        store.put("a", b("1")).join();
        store.put("a", b("2")).join();
        TxnResult del = store.delete("a").join();
        assertThat(del.revision()).isEqualTo(3);
        assertThat(del.changes()).containsExactly(new WatchEvent(WatchEvent.Type.DELETE,
                new KeyValue("a", new byte[0], 0, 3, 0), new KeyValue("a", b("2"), 1, 2, 2)));
        assertThat(store.get("a")).isEmpty();
        store.put("a", b("3")).join();
        assertThat(store.get("a")).contains(new KeyValue("a", b("3"), 4, 4, 1));
    }

    @Test
    void deleteOfMissingKeyChangesNothingAndKeepsRevision() {
        store.put("a", b("1")).join();
        TxnResult r = store.delete("zz").join();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.changes()).isEmpty();
        assertThat(r.revision()).isEqualTo(1);
        assertThat(store.revision()).isEqualTo(1);
    }

    @Test
    void deletePrefixRemovesOnlyKeysUnderPrefixInOneRevision() {
        store.txn(Txn.of(new Op.Put("net/1", b("a")), new Op.Put("net/2", b("b")), new Op.Put("net2", b("c")),
                new Op.Put("port/1", b("d")))).join();
        TxnResult r = run(Txn.of(new Op.DeletePrefix("net/")));
        assertThat(r.revision()).isEqualTo(2);
        assertThat(r.changes()).extracting(e -> e.kv().key()).containsExactly("net/1", "net/2");
        assertThat(r.changes()).allSatisfy(e -> assertThat(e.revision()).isEqualTo(2));
        assertThat(store.range("")).extracting(KeyValue::key).containsExactly("net2", "port/1");
    }

    @Test
    void rangeReturnsKeysInOrderUnderPrefix() {
        for (String k : List.of("b/2", "a", "b/1", "b", "c")) {
            store.put(k, b(k)).join();
        }
        assertThat(store.range("b")).extracting(KeyValue::key).containsExactly("b", "b/1", "b/2");
        assertThat(store.range("b/")).extracting(KeyValue::key).containsExactly("b/1", "b/2");
        assertThat(store.range("")).hasSize(5);
    }

    @Test
    void multiOpTxnTakesOneRevisionForAllItsChanges() {
        TxnResult r = run(Txn.of(new Op.Put("a", b("1")), new Op.Put("b", b("2")), new Op.Delete("missing")));
        assertThat(r.revision()).isEqualTo(1);
        assertThat(r.changes()).hasSize(2);
        assertThat(store.get("b").orElseThrow().modRevision()).isEqualTo(1);
    }

    static List<Arguments> compares() {
        // state: "a" created at rev 1, modified at rev 3 (version 2); "b" at rev 2; "gone" absent.
        return List.of(
                Arguments.of(new Compare("a", Compare.Target.MOD_REVISION, 3), true),
                Arguments.of(new Compare("a", Compare.Target.MOD_REVISION, 1), false),
                Arguments.of(new Compare("a", Compare.Target.VERSION, 2), true),
                Arguments.of(new Compare("a", Compare.Target.VERSION, 1), false),
                Arguments.of(new Compare("a", Compare.Target.CREATE_REVISION, 1), true),
                Arguments.of(new Compare("a", Compare.Target.CREATE_REVISION, 3), false),
                Arguments.of(Compare.absent("gone"), true),
                Arguments.of(Compare.absent("a"), false),
                Arguments.of(Compare.modRevision("gone", 0), true),
                Arguments.of(new Compare("gone", Compare.Target.CREATE_REVISION, 0), true),
                Arguments.of(Compare.modRevision("b", 2), true));
    }

    @ParameterizedTest(name = "{0} holds: {1}")
    @MethodSource("compares")
    void compareSelectsSuccessOrFailureBranch(Compare compare, boolean holds) {
        store.put("a", b("1")).join();
        store.put("b", b("1")).join();
        store.put("a", b("2")).join();
        TxnResult r = run(new Txn(List.of(compare), List.of(new Op.Put("ok", b("y"))),
                List.of(new Op.Put("failed", b("n")))));
        assertThat(r.succeeded()).isEqualTo(holds);
        assertThat(store.get("ok").isPresent()).isEqualTo(holds);
        assertThat(store.get("failed").isPresent()).isEqualTo(!holds);
        assertThat(r.revision()).isEqualTo(4);
    }

    @Test
    void failedCompareWithEmptyFailureBranchChangesNothing() {
        store.put("a", b("1")).join();
        TxnResult r = run(Txn.guarded(List.of(Compare.absent("a")), List.of(new Op.Put("a", b("2")))));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.changes()).isEmpty();
        assertThat(r.revision()).isEqualTo(1);
        assertThat(store.get("a").orElseThrow().value()).isEqualTo(b("1"));
    }

    @Test
    void allComparesMustHold() {
        store.put("a", b("1")).join();
        TxnResult r = run(Txn.guarded(List.of(Compare.modRevision("a", 1), Compare.modRevision("b", 1)),
                List.of(new Op.Put("c", b("2")))));
        assertThat(r.succeeded()).isFalse();
        assertThat(store.get("c")).isEmpty();
    }

    @Test
    void returnedValuesAreCopiesNotAliasesOfCallerArrays() {
        byte[] v = b("abc");
        store.put("a", v).join();
        v[0] = 'X';
        assertThat(store.get("a").orElseThrow().value()).isEqualTo(b("abc"));
    }

    static List<Arguments> rejected() {
        return List.of(
                Arguments.of(Txn.of(new Op.Put("", new byte[1])), "success.put.key is empty"),
                Arguments.of(Txn.of(new Op.Delete("")), "success.delete.key is empty"),
                Arguments.of(Txn.of(new Op.Put("a", new byte[1]), new Op.Put("a", new byte[2])), "duplicate key"),
                Arguments.of(Txn.of(new Op.Put("a", new byte[1]), new Op.Delete("a")), "duplicate key"),
                Arguments.of(Txn.of(new Op.DeletePrefix("a/"), new Op.Put("a/1", new byte[1])), "duplicate key"),
                Arguments.of(new Txn(List.of(), List.of(), List.of(new Op.Put("a", new byte[1]),
                        new Op.Put("a", new byte[1]))), "failure puts a twice"),
                Arguments.of(Txn.guarded(List.of(Compare.absent("")), List.of()), "compare.key is empty"),
                Arguments.of(Txn.of(new Op.Put("k".repeat(TxnChecks.MAX_KEY_BYTES + 1), new byte[0])),
                        "more than " + TxnChecks.MAX_KEY_BYTES),
                Arguments.of(Txn.of(new Op.Put("a", new byte[TxnChecks.MAX_TXN_BYTES])), "txn is"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejected")
    void invalidTxnIsRejectedWithInvalidArgumentAndChangesNothing(Txn txn, String message) {
        assertThatThrownBy(() -> store.txn(txn).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(StoreException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((StoreException) e).code()).isEqualTo(StoreException.Code.INVALID_ARGUMENT);
        assertThat(store.revision()).isZero();
    }

    @Test
    void txnAfterCloseFailsWithClosed() {
        store.close();
        assertThatThrownBy(() -> store.put("a", b("1")).join())
                .cause().isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).code()).isEqualTo(StoreException.Code.CLOSED);
    }
}
