package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NlriKeysHashTest {
    private static InetAddress v4(int a) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
    }

    /** The benchmark's VPNv4 shape: the same /32s of 198.18.0.0/15 recurring under sequential RDs. */
    @Test
    void vpnKeysOfTheSamePrefixesUnderSequentialRdsGetDistinctWellSpreadHashes() throws Exception {
        int rds = 8;
        int prefixes = 1 << 15;
        int n = rds * prefixes;
        Set<Integer> recordHashes = new HashSet<>();
        Set<Integer> hashes = new HashSet<>();
        int buckets = 1 << 18;
        int[] perBucket = new int[buckets];
        int base = (198 << 24) | (18 << 16);
        for (int r = 1; r <= rds; r++) {
            RouteDistinguisher rd = RouteDistinguisher.type0(65001, r);
            for (int p = 0; p < prefixes; p++) {
                Nlri key = NlriKeys.key(VpnPrefix.of(16 + p, rd, v4(base + p), 32));
                recordHashes.add(key.hashCode());
                int h = NlriKeys.hash(key);
                hashes.add(h);
                perBucket[h & (buckets - 1)]++;
            }
        }
        // The record's own hash code is what clustered (fewer distinct values than a fifth of the keys).
        assertThat(recordHashes.size()).isLessThan(n / 5);
        // Random 32-bit hashes of 262144 keys collide a handful of times; allow a few dozen.
        assertThat(hashes.size()).isGreaterThan(n - 64);
        // Low bits pick the bucket: at load 1 a uniform hash puts at most ~10 keys in any bucket.
        int max = 0;
        for (int c : perBucket) {
            max = Math.max(max, c);
        }
        assertThat(max).isLessThanOrEqualTo(12);
    }

    @Test
    void equalKeysHashAlikeWhateverLabelTheyCameWith() throws Exception {
        RouteDistinguisher rd = RouteDistinguisher.parse("65001:7");
        Nlri a = NlriKeys.key(VpnPrefix.of(100, rd, v4(0xC6120000), 24));
        Nlri b = NlriKeys.key(VpnPrefix.of(200, RouteDistinguisher.parse("65001:7"), v4(0xC6120000), 24));
        assertThat(a).isEqualTo(b);
        assertThat(NlriKeys.hash(a)).isEqualTo(NlriKeys.hash(b));
        var mac1 = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, MacAddress.parse("02:00:00:00:00:01"),
                Optional.empty(), Labels.vni(100), OptionalInt.empty());
        var mac2 = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RouteDistinguisher.parse("65001:7"), Esi.ZERO, 0,
                MacAddress.parse("02:00:00:00:00:01"), Optional.empty(), 0, OptionalInt.empty());
        assertThat(NlriKeys.key(mac1)).isEqualTo(NlriKeys.key(mac2));
        assertThat(NlriKeys.hash(NlriKeys.key(mac1))).isEqualTo(NlriKeys.hash(NlriKeys.key(mac2)));
    }

    @Test
    void vpnv6KeysUnderSequentialRdsGetDistinctHashes() throws Exception {
        Set<Integer> hashes = new HashSet<>();
        int n = 0;
        for (int r = 1; r <= 8; r++) {
            RouteDistinguisher rd = RouteDistinguisher.type0(65001, r);
            for (int p = 0; p < 1 << 14; p++) {
                // ::198.18.x.y (IPv4-compatible form of the underlay plan's addresses; only hashed here).
                byte[] a = new byte[16];
                a[12] = (byte) 198;
                a[13] = 18;
                a[14] = (byte) (p >>> 8);
                a[15] = (byte) p;
                hashes.add(NlriKeys.hash(NlriKeys.key(VpnPrefix.of(16, rd, InetAddress.getByAddress(a), 128))));
                n++;
            }
        }
        assertThat(hashes.size()).isGreaterThan(n - 16);
    }

    @Test
    void evpnMacKeysUnderOneRdGetDistinctHashes() {
        RouteDistinguisher rd = RouteDistinguisher.parse("65001:100");
        Set<Integer> hashes = new HashSet<>();
        int n = 1 << 17;
        for (int i = 0; i < n; i++) {
            var m = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, new MacAddress(0x0200_0000_0000L + i),
                    Optional.empty(), Labels.vni(100), OptionalInt.empty());
            hashes.add(NlriKeys.hash(NlriKeys.key(m)));
        }
        assertThat(hashes.size()).isGreaterThan(n - 16);
    }
}
