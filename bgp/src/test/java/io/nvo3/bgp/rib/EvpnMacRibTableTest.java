package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.Bytes;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EvpnMacRibTableTest {
    private static final RouteDistinguisher[] RDS = {RouteDistinguisher.type0(65001, 100), RouteDistinguisher.type1(0xC6120001L, 7),
        RouteDistinguisher.type2(4_200_000_000L, 9)};

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A MAC/IP key (as {@link NlriKeys#key} makes it) with no IP, an IPv4 or an IPv6 address; ESI and labels as on the wire otherwise. */
    private static Nlri key(Random rnd) {
        int ipKind = rnd.nextInt(3);
        Optional<InetAddress> ip = switch (ipKind) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(ip("198.18." + rnd.nextInt(4) + "." + rnd.nextInt(256)));
            default -> Optional.of(ip("2001:db8::" + Integer.toHexString(rnd.nextInt(64))));
        };
        long tag = rnd.nextInt(4) == 0 ? 0xffff_ffffL : rnd.nextInt(3);
        EvpnRoute.MacIpAdvertisement m = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS[rnd.nextInt(RDS.length)], Esi.ZERO, tag,
                new MacAddress(0x0200_0000_0000L + rnd.nextInt(500)), ip, 100 + rnd.nextInt(3), OptionalInt.empty());
        return rnd.nextInt(10) == 0 ? m : NlriKeys.key(m);
    }

    /** Random puts, replacements and removals (packed keys, IPv6 ones and whole NLRI kept apart) agree with a HashMap. */
    @Test
    void behavesLikeAMapUnderRandomPutsAndRemoves() {
        EvpnMacRibTable table = new EvpnMacRibTable();
        Map<Nlri, Object> model = new HashMap<>();
        Random rnd = new Random(11);
        Nlri cur = key(rnd);
        for (int step = 0; step < 100_000; step++) {
            if (rnd.nextBoolean()) {
                cur = key(rnd);
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
        Map<Nlri, Object> slots = new HashMap<>();
        table.forEachSlot((slot, ref) -> slots.put(ref.key(), slot));
        assertThat(slots).isEqualTo(model);
    }

    @Test
    void onlyMacIpKeysWithoutIpOrWithIpv4ArePacked() {
        var base = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS[0], Esi.ZERO, 0, new MacAddress(0x0200_0000_0001L), Optional.empty(), 0,
                OptionalInt.empty());
        assertThat(EvpnMacRibTable.accepts(base)).isTrue();
        assertThat(EvpnMacRibTable.accepts(new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS[0], Esi.ZERO, 0, base.mac(),
                Optional.of(ip("198.18.0.1")), 0, OptionalInt.empty()))).isTrue();
        assertThat(EvpnMacRibTable.accepts(new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS[0], Esi.ZERO, 0, base.mac(),
                Optional.of(ip("2001:db8::1")), 0, OptionalInt.empty()))).isFalse();
        assertThat(EvpnMacRibTable.accepts(new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS[0],
                new Esi(Bytes.of(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})), 0, base.mac(), Optional.empty(), 0, OptionalInt.empty()))).isFalse();
        assertThat(EvpnMacRibTable.accepts(new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS[0], Esi.ZERO, 0, base.mac(),
                Optional.empty(), 100, OptionalInt.empty()))).isFalse();
    }

    @Test
    void locRibOfEvpnGivesBackEqualKeysWithSharedRds() {
        LocRib rib = new LocRib(AfiSafi.L2VPN_EVPN);
        var n = new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RouteDistinguisher.type0(65001, 100), Esi.ZERO, 7,
                new MacAddress(0x0200_0000_0001L), Optional.of(ip("198.18.0.9")), 100, OptionalInt.empty());
        Nlri k = NlriKeys.key(n);
        rib.put(k, new Path(n, PeerRef.LOCAL, RouteAttributes.of(List.of(), null), false));
        List<Nlri> keys = new java.util.ArrayList<>();
        rib.forEachBest((key, p) -> keys.add(key));
        assertThat(keys).containsExactly(k);
        assertThat(rib.best(k).nlri()).isEqualTo(n);
        List<Nlri> sent = new java.util.ArrayList<>();
        rib.forEachBestNlri((nlri, p) -> sent.add(nlri));
        assertThat(sent).containsExactly(n);
    }
}
