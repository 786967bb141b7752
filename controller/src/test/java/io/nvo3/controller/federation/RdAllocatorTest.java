package io.nvo3.controller.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.store.KvStore;
import io.nvo3.store.KvStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdAllocatorTest {
    @Test
    void givesEachNetworkItsOwnNumberAndTheSameOneAgain() {
        try (KvStore store = KvStores.inMemory()) {
            RdAllocator rds = RdAllocator.of(store);
            assertThat(rds.allocate("a")).isEqualTo(1);
            assertThat(rds.allocate("b")).isEqualTo(2);
            assertThat(rds.allocate("a")).isEqualTo(1);
            assertThat(rds.assignments()).containsEntry("a", 1).containsEntry("b", 2).hasSize(2);
            assertThat(rds.defaultRd("b", VnRoutingsTest.v4("198.18.0.3")))
                    .isEqualTo(RouteDistinguisher.parse("198.18.0.3:2"));
        }
    }

    @Test
    void reusesTheLowestReleasedNumber() {
        try (KvStore store = KvStores.inMemory()) {
            RdAllocator rds = RdAllocator.of(store);
            for (String n : List.of("a", "b", "c")) {
                rds.allocate(n);
            }
            assertThat(rds.release("b")).isTrue();
            assertThat(rds.release("b")).isFalse();
            assertThat(rds.assigned("b")).isEmpty();
            assertThat(rds.allocate("d")).isEqualTo(2);
            assertThat(rds.allocate("e")).isEqualTo(4);
        }
    }

    @Test
    void keepsNumbersAcrossRestarts(@TempDir Path dir) {
        try (KvStore store = KvStores.embedded(dir)) {
            RdAllocator rds = RdAllocator.of(store);
            rds.allocate("x");
            rds.allocate("y");
        }
        try (KvStore store = KvStores.embedded(dir)) {
            RdAllocator rds = RdAllocator.of(store);
            assertThat(rds.assigned("y")).contains(2);
            assertThat(rds.allocate("z")).isEqualTo(3);
        }
    }

    @Test
    void twoControllersAllocatingAtOnceNeverShareANumber() throws Exception {
        try (KvStore store = KvStores.inMemory()) {
            RdAllocator one = RdAllocator.of(store);
            RdAllocator two = RdAllocator.of(store);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    RdAllocator a = i % 2 == 0 ? one : two;
                    String net = "net-" + (i % 20); // each network asked for twice, by both
                    fs.add(pool.submit(() -> a.allocate(net)));
                }
                for (Future<Integer> f : fs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Set<Integer> numbers = new HashSet<>(one.assignments().values());
            assertThat(one.assignments()).hasSize(20);
            assertThat(numbers).hasSize(20);
            assertThat(store.range("/nvo3/vn-rd-numbers/")).hasSize(20);
        }
    }
}
