package io.nvo3.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IpRangeSetTest {
    record Action(int kind, int a, int b) {}

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.integers().between(0, 3).flatMap(k -> Arbitraries.integers().between(0, 60)
                        .flatMap(a -> Arbitraries.integers().between(0, 8).map(len -> new Action(k, a, a + len))))
                .list().ofMaxSize(80);
    }

    /** The range set behaves like a plain sorted set of addresses. */
    @Property
    void behavesLikeASortedSet(@ForAll("actions") List<Action> actions) {
        IpRangeSet set = new IpRangeSet();
        TreeSet<Integer> model = new TreeSet<>();
        for (Action x : actions) {
            switch (x.kind()) {
                case 0 -> {
                    set.add(BigInteger.valueOf(x.a()), BigInteger.valueOf(x.b()));
                    for (int i = x.a(); i <= x.b(); i++) {
                        model.add(i);
                    }
                }
                case 1 -> assertThat(set.remove(BigInteger.valueOf(x.a()))).isEqualTo(model.remove(x.a()));
                case 2 -> {
                    Optional<BigInteger> got = set.takeLowest();
                    Integer want = model.pollFirst();
                    assertThat(got.map(BigInteger::intValue).orElse(null)).isEqualTo(want);
                }
                default -> assertThat(set.contains(BigInteger.valueOf(x.a()))).isEqualTo(model.contains(x.a()));
            }
            assertThat(set.size()).isEqualTo(BigInteger.valueOf(model.size()));
        }
    }

    @Test
    void keepsAdjacentRangesMergedSoFullPoolsCostNothing() {
        IpRangeSet set = new IpRangeSet();
        set.add(BigInteger.ZERO, BigInteger.valueOf(9));
        set.add(BigInteger.valueOf(10), BigInteger.valueOf(19));
        assertThat(set.rangeCount()).isEqualTo(1);
        set.remove(BigInteger.valueOf(5));
        assertThat(set.rangeCount()).isEqualTo(2);
        set.add(BigInteger.valueOf(5));
        assertThat(set.rangeCount()).isEqualTo(1);
        // an IPv6 /64 pool is one range, not 2^64 entries
        IpRangeSet v6 = new IpRangeSet();
        v6.add(BigInteger.ONE, BigInteger.ONE.shiftLeft(64));
        assertThat(v6.takeLowest()).contains(BigInteger.ONE);
        assertThat(v6.rangeCount()).isEqualTo(1);
    }
}
