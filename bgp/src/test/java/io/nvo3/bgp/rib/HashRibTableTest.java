package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashRibTableTest {
    private static Nlri key(int rd, int host) throws Exception {
        return NlriKeys.key(VpnPrefix.of(16, RouteDistinguisher.type0(65001, rd),
                InetAddress.getByAddress(new byte[] {(byte) 198, 18, (byte) (host >>> 8), (byte) host}), 32));
    }

    /** Random puts, replacements and removals (backward-shift deletion across growths) agree with a HashMap. */
    @Test
    void behavesLikeAMapUnderRandomPutsAndRemoves() throws Exception {
        HashRibTable table = new HashRibTable();
        Map<Nlri, Object> model = new HashMap<>();
        Random rnd = new Random(42);
        // Half the time the very key object of the previous step (the tables remember their last lookup by identity).
        Nlri cur = key(1, 0);
        for (int step = 0; step < 60_000; step++) {
            if (rnd.nextBoolean()) {
                cur = key(1 + rnd.nextInt(4), rnd.nextInt(4000));
            }
            Nlri k = cur;
            assertThat(table.get(k)).isEqualTo(model.get(k));
            if (rnd.nextInt(3) == 0) {
                table.remove(k);
                model.remove(k);
            } else {
                Object v = step;
                table.put(k, v);
                model.put(k, v);
            }
            if (step % 5000 == 0) {
                assertThat(table.size()).isEqualTo(model.size());
            }
        }
        assertThat(table.size()).isEqualTo(model.size());
        Map<Nlri, Object> seen = new HashMap<>();
        table.forEach(seen::put);
        assertThat(seen).isEqualTo(model);
        for (int rd = 1; rd <= 4; rd++) {
            for (int h = 0; h < 4000; h++) {
                Nlri k = key(rd, h);
                assertThat(table.get(k)).isEqualTo(model.get(k));
            }
        }
    }
}
