package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Vpn4RibTableTest {
    private static final RouteDistinguisher[] RDS = {RouteDistinguisher.type0(65001, 1), RouteDistinguisher.type0(65001, 2),
        RouteDistinguisher.type1(0xC6120001L, 7), RouteDistinguisher.type2(4_200_000_000L, 9)};

    private static Nlri key(int rd, int host, int len) throws Exception {
        long a = (0xC6120000L + ((long) host << 4)) & ((0xffff_ffffL << (32 - len)) & 0xffff_ffffL);
        return NlriKeys.key(VpnPrefix.of(16, RDS[rd], InetAddress.getByAddress(
                new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}), len));
    }

    /** Random puts, replacements and removals agree with a HashMap, and iteration gives back equal keys. */
    @Test
    void behavesLikeAMapUnderRandomPutsAndRemoves() throws Exception {
        Vpn4RibTable table = new Vpn4RibTable();
        Map<Nlri, Object> model = new HashMap<>();
        Random rnd = new Random(7);
        Nlri cur = key(0, 0, 32);
        for (int step = 0; step < 100_000; step++) {
            if (rnd.nextBoolean()) {
                cur = key(rnd.nextInt(RDS.length), rnd.nextInt(3000), 24 + rnd.nextInt(9));
            }
            Nlri k = cur;
            assertThat(table.get(k)).isEqualTo(model.get(k));
            if (rnd.nextInt(3) == 0) {
                table.remove(k);
                model.remove(k);
            } else {
                table.put(k, step);
                model.put(k, step);
            }
        }
        assertThat(table.size()).isEqualTo(model.size());
        Map<Nlri, Object> seen = new HashMap<>();
        table.forEach(seen::put);
        assertThat(seen).isEqualTo(model);
        model.forEach((k, v) -> assertThat(table.get(k)).isEqualTo(v));
        Map<Nlri, Object> slots = new HashMap<>();
        table.forEachSlot((slot, ref) -> slots.put(ref.key(), slot));
        assertThat(slots).isEqualTo(model);
    }

    /** A key of another shape (a path id, or labels kept) still works, kept apart from the packed ones. */
    @Test
    void keysOfAnotherShapeAreKeptAsTheyAre() throws Exception {
        Vpn4RibTable table = new Vpn4RibTable();
        VpnPrefix labelled = VpnPrefix.of(100, RDS[0], InetAddress.getByName("198.18.0.0"), 24);
        VpnPrefix withId = new VpnPrefix(5, List.of(Labels.mpls(100, true)), RDS[0], InetAddress.getByName("198.18.0.0"), 24);
        Nlri packed = NlriKeys.key(labelled);
        table.put(labelled, "a");
        table.put(withId, "b");
        table.put(packed, "c");
        assertThat(table.size()).isEqualTo(3);
        assertThat(table.get(labelled)).isEqualTo("a");
        assertThat(table.get(withId)).isEqualTo("b");
        assertThat(table.get(packed)).isEqualTo("c");
        table.remove(labelled);
        assertThat(table.get(labelled)).isNull();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void locRibOfVpnIpv4UsesThePackedTable() throws Exception {
        LocRib rib = new LocRib(io.nvo3.bgp.wire.AfiSafi.VPN_IPV4);
        Nlri k = key(2, 1, 32);
        rib.put(k, new Path(null, PeerRef.LOCAL, RouteAttributes.of(List.of(), null), false));
        List<Nlri> keys = new java.util.ArrayList<>();
        rib.forEachBest((n, p) -> keys.add(n));
        assertThat(keys).containsExactly(k);
        assertThat(((VpnPrefix) keys.getFirst()).rd()).isEqualTo(RDS[2]);
    }

    /** forEachBestNlri gives each best path's own NLRI (labels included), or the key when the path has none. */
    @Test
    void forEachBestNlriGivesWhatEachBestPathCarries() throws Exception {
        LocRib rib = new LocRib(io.nvo3.bgp.wire.AfiSafi.VPN_IPV4);
        VpnPrefix labelled = VpnPrefix.of(300, RDS[1], InetAddress.getByName("198.18.1.0"), 24);
        Nlri plain = key(3, 2, 32);
        RouteAttributes a = RouteAttributes.of(List.of(), null);
        rib.put(NlriKeys.key(labelled), new Path(labelled, PeerRef.LOCAL, a, false));
        rib.put(plain, new Path(null, PeerRef.LOCAL, a, false));
        Map<Nlri, Path> seen = new HashMap<>();
        rib.forEachBestNlri(seen::put);
        assertThat(seen.keySet()).containsExactlyInAnyOrder(labelled, plain);
        assertThat(rib.countPaths(PeerRef.LOCAL.id())).isEqualTo(2);
    }
}
