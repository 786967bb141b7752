package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.PackedIpv4Prefixes;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link LocRib#putIpv4All} (a whole NLRI field at once, new destinations filled in place) against
 * {@link LocRib#putIpv4} route by route: any sequence of UPDATEs from several neighbors, with prefixes
 * repeated within and across UPDATEs and in any order, leaves the same paths and best paths and
 * counts the same added paths.
 */
class LocRibPutIpv4AllTest {
    private static final PeerRef[] PEERS = {
            new PeerRef(1, ip("198.18.0.1"), 65001, 0x0a000001L, true, false),
            new PeerRef(2, ip("198.18.0.2"), 65002, 0x0a000002L, true, false)};
    private static final RouteAttributes[] ATTRS = {RouteAttributes.of(List.of(), ip("198.18.0.1")),
            RouteAttributes.of(List.of(), ip("198.18.0.2"))};

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One UPDATE: neighbor, attribute set, and its prefixes as (length, network number) pairs. */
    record Update(int peer, int attrs, List<Integer> prefixes) {}

    @Provide
    Arbitrary<List<Update>> updates() {
        // A prefix is len * 64 + n: lengths 0, 8, 24, 31, 32 and 64 networks each, so that blocks fill up and prefixes repeat.
        Arbitrary<Integer> prefix = Combinators.combine(Arbitraries.of(0, 8, 24, 31, 32), Arbitraries.integers().between(0, 63))
                .as((len, n) -> len * 64 + n);
        Arbitrary<Update> u = Combinators.combine(Arbitraries.integers().between(0, PEERS.length - 1),
                Arbitraries.integers().between(0, ATTRS.length - 1), prefix.list().ofMinSize(1).ofMaxSize(40)).as(Update::new);
        return u.list().ofMinSize(1).ofMaxSize(25);
    }

    private static IpPrefix prefixOf(int code) {
        return Ipv4RibTableTest.network(code / 64, 0x0A0B0C0DL + code % 64);
    }

    private static PackedIpv4Prefixes encode(List<Integer> prefixes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x55); // a leading octet that is not NLRI: the field starts at an offset, as in a message
        for (int code : prefixes) {
            IpPrefix p = prefixOf(code);
            byte[] a = p.prefix().getAddress();
            out.write(p.length());
            out.write(a, 0, (p.length() + 7) / 8);
        }
        out.write(0x55);
        byte[] b = out.toByteArray();
        return new PackedIpv4Prefixes(b, 1, b.length - 1, prefixes.size());
    }

    @Property(tries = 300)
    void fillsTheTableAsRouteByRoutePutsDo(@ForAll("updates") List<Update> updates) {
        LocRib batch = new LocRib(AfiSafi.IPV4_UNICAST);
        LocRib single = new LocRib(AfiSafi.IPV4_UNICAST);
        Set<IpPrefix> all = new HashSet<>();
        for (Update u : updates) {
            Path path = new Path(null, PEERS[u.peer()], ATTRS[u.attrs()], false);
            int added = batch.putIpv4All(encode(u.prefixes()), path);
            int want = 0;
            for (int code : u.prefixes()) {
                IpPrefix p = prefixOf(code);
                all.add(p);
                single.putIpv4((int) RouteAttributes.ipv4(p.prefix()), p.length(), path, false);
                if (single.lastPutAdded()) {
                    want++;
                }
            }
            assertThat(added).isEqualTo(want);
            assertThat(batch.size()).isEqualTo(single.size());
        }
        for (IpPrefix p : all) {
            assertThat(batch.paths(p)).isEqualTo(single.paths(p));
            assertThat(batch.best(p)).isEqualTo(single.best(p));
        }
        for (PeerRef p : PEERS) {
            assertThat(batch.countPaths(p.id())).isEqualTo(single.countPaths(p.id()));
        }
    }
}
