package io.nvo3.fib.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Derived layered maps behave as plain maps given the same puts and removes, across folds, and never change. */
class LayeredMapPropertyTest {

    record Step(Map<Integer, String> puts, Set<Integer> removes) {
    }

    @Property(tries = 100)
    void aDerivedMapEqualsAPlainMapAfterTheSameChanges(@ForAll("steps") List<Step> steps) {
        Map<Integer, String> start = new HashMap<>();
        for (int i = 0; i < 1000; i += 3) {
            start.put(i, "s" + i);
        }
        Map<Integer, String> model = new HashMap<>(start);
        LayeredMap<Integer, String> map = LayeredMap.over(Map.copyOf(start));
        Map<Integer, String> first = new HashMap<>(map);
        LayeredMap<Integer, String> firstMap = map;
        for (Step s : steps) {
            s.removes().forEach(model::remove);
            model.putAll(s.puts());
            map = map.with(s.puts(), s.removes());
            assertThat(map).isEqualTo(model);
            assertThat(map.size()).isEqualTo(model.size());
            assertThat(new HashMap<>(map)).isEqualTo(model);
            Map<Integer, String> seen = new HashMap<>();
            map.forEach(seen::put);
            assertThat(seen).isEqualTo(model);
            for (int k = 0; k < 1200; k += 7) {
                assertThat(map.containsKey(k)).isEqualTo(model.containsKey(k));
                assertThat(map.get(k)).isEqualTo(model.get(k));
            }
        }
        assertThat(firstMap).isEqualTo(first);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> keys = Arbitraries.integers().between(0, 1200);
        Arbitrary<Step> step = net.jqwik.api.Combinators.combine(
                        Arbitraries.maps(keys, Arbitraries.strings().alpha().ofLength(2)).ofMaxSize(80),
                        keys.set().ofMaxSize(80))
                .as((puts, removes) -> new Step(puts, new HashSet<>(removes)));
        return step.list().ofMaxSize(30);
    }
}
