package io.nvo3.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of transactions (and reopens of the embedded store) give the same results,
 * state and watch history as {@link ReferenceModel}.
 */
class StoreMatchesReferenceModelTest {
    sealed interface Step {}

    record Apply(Txn txn) implements Step {}

    record Reopen() implements Step {}

    private static final List<String> KEYS = List.of("a", "a/1", "a/2", "b", "b/1");
    private static final List<String> PREFIXES = List.of("a", "a/", "b/", "");

    @Property(tries = 150)
    void embeddedStoreBehavesLikeTheModel(@ForAll("steps") List<Step> steps) throws IOException {
        Path dir = Files.createTempDirectory("nvo3-store-prop");
        KvStores.Options options = KvStores.Options.DEFAULT.withFsync(false);
        KvStore store = KvStores.embedded(dir, options);
        try {
            ReferenceModel model = new ReferenceModel();
            for (Step step : steps) {
                switch (step) {
                    case Reopen r -> {
                        store.close();
                        store = KvStores.embedded(dir, options);
                    }
                    case Apply a -> {
                        TxnResult expected = model.apply(a.txn());
                        if (expected == null) {
                            KvStore s = store;
                            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s.txn(a.txn()).join()))
                                    .isInstanceOf(CompletionException.class)
                                    .cause().isInstanceOf(StoreException.class);
                        } else {
                            assertThat(store.txn(a.txn()).join()).isEqualTo(expected);
                        }
                    }
                }
                assertThat(store.revision()).isEqualTo(model.revision);
            }
            assertThat(store.range("")).containsExactlyElementsOf(model.keys.values());
            for (String k : KEYS) {
                assertThat(store.get(k)).isEqualTo(java.util.Optional.ofNullable(model.keys.get(k)));
            }
            List<WatchEvent> seen = new CopyOnWriteArrayList<>();
            try (var w = (WatchResult.Watching) store.watch("", 1, seen::add)) {
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(20)).until(() -> seen.size() == model.history.size());
                assertThat(seen).containsExactlyElementsOf(model.history);
            }
        } finally {
            store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> apply = txn().map(Apply::new);
        Arbitrary<Step> reopen = Arbitraries.just(new Reopen());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, apply), net.jqwik.api.Tuple.of(1, reopen)).list().ofMaxSize(25);
    }

    private Arbitrary<Txn> txn() {
        Arbitrary<List<Compare>> compares = compare().list().ofMaxSize(2);
        Arbitrary<List<Op>> ops = op().list().ofMaxSize(3);
        return Combinators.combine(compares, ops, ops).as((c, s, f) -> new Txn(c, s, f));
    }

    private Arbitrary<Compare> compare() {
        return Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(Compare.Target.class),
                Arbitraries.longs().between(0, 4)).as(Compare::new);
    }

    private Arbitrary<Op> op() {
        Arbitrary<Op> put = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                .as(Op.Put::new);
        Arbitrary<Op> delete = Arbitraries.of(KEYS).map(Op.Delete::new);
        Arbitrary<Op> deletePrefix = Arbitraries.of(PREFIXES).map(Op.DeletePrefix::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, put), net.jqwik.api.Tuple.of(2, delete),
                net.jqwik.api.Tuple.of(1, deletePrefix));
    }

}
