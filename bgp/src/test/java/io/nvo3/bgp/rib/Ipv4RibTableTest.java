package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The block layout of {@link Ipv4RibTable} against a {@link HashMap}: random puts, removes and
 * lookups over prefixes of every length that share blocks (neighbouring networks of one length) and
 * blocks of other lengths with the same bits; prefix-order and random-order loads through directory
 * growth, complete removal (blocks freed and reused) and iteration.
 */
class Ipv4RibTableTest {
    static IpPrefix prefix(int i) throws Exception {
        int len = 24 + (i % 9);
        long a = (0xC6120000L + ((long) (i * 7919) << 4)) & 0xffff_ffffL;
        a &= len == 0 ? 0 : (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
        return prefix((int) a, len);
    }

    static IpPrefix prefix(int address, int len) {
        return Ipv4RibTable.prefix(address, len);
    }

    /** The {@code n}th network of length {@code len} (wrapping within the length's space). */
    static IpPrefix network(int len, long n) {
        if (len == 0) {
            return prefix(0, 0);
        }
        long net = n & ((1L << len) - 1);
        return prefix((int) (net << (32 - len)), len);
    }

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() throws Exception {
        Ipv4RibTable t = new Ipv4RibTable();
        Map<Nlri, Object> model = new HashMap<>();
        Random r = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            IpPrefix p = prefix(r.nextInt(5000));
            // get then put/remove of one key, as LocRib does: the table reuses its last lookup.
            assertThat(t.get(p)).isEqualTo(model.get(p));
            if (r.nextInt(3) == 0) {
                t.remove(p);
                model.remove(p);
            } else {
                Object v = step;
                t.put(p, v);
                model.put(p, v);
            }
            if (step % 20_000 == 0) {
                assertThat(t.size()).isEqualTo(model.size());
            }
        }
        assertSame(t, model);
    }

    /** One step: put (kind 0–2), remove (3–4) or look up (5) network {@code n} of length {@code len}. */
    record Op(int kind, int len, int n) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        // Few networks per length, so that they share blocks, fill them, empty them and meet other lengths.
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(0, 1, 2, 3, 4, 7, 8, 16, 23, 24, 31, 32),
                Arbitraries.integers().between(0, 40)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 300)
    void matchesAMapForAnySequenceOfPutsRemovesAndLookups(@ForAll("ops") List<Op> ops) {
        Ipv4RibTable t = new Ipv4RibTable();
        Map<Nlri, Object> model = new HashMap<>();
        int step = 0;
        for (Op op : ops) {
            IpPrefix p = network(op.len(), op.n());
            int address = (int) RouteAttributes.ipv4(p.prefix());
            switch (op.kind()) {
                case 0, 1 -> {
                    Object v = step;
                    t.put(address, op.len(), v);
                    model.put(p, v);
                }
                case 2 -> {
                    Object v = step;
                    assertThat(t.putIfAbsent(address, op.len(), v)).isEqualTo(!model.containsKey(p));
                    model.putIfAbsent(p, v);
                }
                case 3, 4 -> {
                    t.remove(p);
                    model.remove(p);
                }
                default -> assertThat(t.get(address, op.len())).isEqualTo(model.get(p));
            }
            step++;
            assertThat(t.size()).isEqualTo(model.size());
        }
        assertSame(t, model);
    }

    @Test
    void aPrefixOrderedTableGrowsEmptiesAndRefillsInAnyOrder() {
        Ipv4RibTable t = new Ipv4RibTable();
        Map<Nlri, Object> model = new LinkedHashMap<>();
        Object a = new Object();
        Object b = new Object();
        // A feed in prefix order: /24s then /32s (each length its own run of blocks), through many directory doublings.
        List<IpPrefix> order = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            order.add(network(24, 0x646400L + i));
        }
        for (int i = 0; i < 150_000; i++) {
            order.add(network(32, 0x64400000L + i));
        }
        for (IpPrefix p : order) {
            assertThat(t.putIfAbsent((int) RouteAttributes.ipv4(p.prefix()), p.length(), a)).isTrue();
            model.put(p, a);
        }
        assertSame(t, model);
        List<Nlri> visited = new ArrayList<>();
        t.forEach((k, v) -> visited.add(k));
        assertThat(visited).as("blocks are visited in the order they were made: prefix order here").isEqualTo(order);

        // Withdraw everything in random order: every block is freed.
        List<IpPrefix> shuffled = new ArrayList<>(order);
        Collections.shuffle(shuffled, new Random(7));
        for (int i = 0; i < shuffled.size(); i++) {
            t.remove(shuffled.get(i));
            model.remove(shuffled.get(i));
            if (i % 25_000 == 0) {
                assertSame(t, model);
            }
        }
        assertThat(t.size()).isZero();
        t.forEach((k, v) -> {
            throw new AssertionError("left over: " + k);
        });

        // And again in random order (freed blocks reused), then half replaced.
        for (IpPrefix p : shuffled) {
            t.put(p, b);
            model.put(p, b);
        }
        for (int i = 0; i < order.size(); i += 2) {
            t.put(order.get(i), a);
            model.put(order.get(i), a);
        }
        assertSame(t, model);
    }

    @Test
    void theDefaultRouteAndShortPrefixesShareNothingWithLongerOnes() {
        Ipv4RibTable t = new Ipv4RibTable();
        Map<Nlri, Object> model = new HashMap<>();
        for (int len = 0; len <= 32; len++) {
            for (long n = 0; n < 10; n++) {
                IpPrefix p = network(len, n);
                String v = p + " #" + n;
                t.put(p, v);
                model.put(p, v);
            }
        }
        assertSame(t, model);
        for (int len = 0; len <= 32; len += 2) {
            IpPrefix p = network(len, 0);
            t.remove(p);
            model.remove(p);
        }
        assertSame(t, model);
    }

    private static void assertSame(Ipv4RibTable t, Map<Nlri, Object> model) {
        assertThat(t.size()).isEqualTo(model.size());
        Map<Nlri, Object> seen = new HashMap<>();
        t.forEach((k, v) -> assertThat(seen.put(k, v)).as("visited once: %s", k).isNull());
        assertThat(seen).isEqualTo(model);
        Map<Nlri, Object> slots = new HashMap<>();
        t.forEachSlot((slot, k) -> slots.put(k.key(), slot));
        assertThat(slots).isEqualTo(model);
        for (var e : model.entrySet()) {
            assertThat(t.get(e.getKey())).isSameAs(e.getValue());
        }
    }
}
