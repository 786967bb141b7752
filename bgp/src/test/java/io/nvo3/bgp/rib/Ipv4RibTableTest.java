package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ipv4RibTableTest {
    static IpPrefix prefix(int i) throws Exception {
        int len = 24 + (i % 9);
        long a = (0xC6120000L + ((long) (i * 7919) << 4)) & 0xffff_ffffL;
        a &= len == 0 ? 0 : (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
        return IpPrefix.of(InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}), len);
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
        assertThat(t.size()).isEqualTo(model.size());
        Map<Nlri, Object> seen = new HashMap<>();
        t.forEach(seen::put);
        assertThat(seen).isEqualTo(model);
        for (var e : model.entrySet()) {
            assertThat(t.get(e.getKey())).isSameAs(e.getValue());
        }
    }
}
