package io.nvo3.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.AfiSafi;
import io.nvo3.bgp.wire.MacAddress;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The RIB's compact storage (paths shared per attribute set, one label per destination, primitive
 * keys filled straight from the wire by {@link LocRib#putIpv4}, {@link LocRib#putVpn4}, {@link LocRib#putEvpnMac}) against a
 * plain model — per destination, the neighbors' full paths in arrival order, best by
 * {@link BestPath#select} — as the oracle: random puts, re-announcements with other labels or
 * attributes, withdrawals, stale marking and sweeping by several neighbors give the same paths, best
 * paths, best-path changes and counts.
 */
class LocRibPackedPropertiesTest {
    private static final PeerRef[] PEERS = {
            new PeerRef(1, ip("198.18.0.1"), 65001, 0x0a000001L, true, false),
            new PeerRef(2, ip("198.18.0.2"), 65002, 0x0a000002L, true, false),
            new PeerRef(3, ip("198.18.0.3"), 65000, 0x0a000003L, false, false)};
    private static final List<RouteAttributes> ATTRS = List.of(attrs(65001), attrs(65011, 65012), attrs(65021));
    private static final List<RouteDistinguisher> RDS = List.of(RouteDistinguisher.type0(65001, 1), RouteDistinguisher.type0(65001, 2));

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RouteAttributes attrs(long... path) {
        List<Long> asns = new ArrayList<>();
        for (long a : path) {
            asns.add(a);
        }
        return RouteAttributes.of(List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                new PathAttribute.AsPath(List.of(new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, asns)))), ip("198.18.0.1"));
    }

    /** One step: neighbor {@code peer} announces destination {@code dest} with {@code label}/{@code attrs}, withdraws it, or marks/sweeps stale. */
    record Op(int kind, int peer, int dest, int label, int attrs, boolean packed) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, PEERS.length - 1),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, ATTRS.size() - 1),
                Arbitraries.of(true, false)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    /** Destination {@code i} of the family: a few prefixes (and for VPN, two RDs) so that paths meet. */
    private static Nlri nlri(AfiSafi f, int i, int label) {
        InetAddress a = ip("198.18." + (i % 4) + ".0");
        int len = i % 4 == 3 ? 23 : 24;
        if (len == 23) {
            a = ip("198.18.2.0");
        }
        return switch (f.safi()) {
            case AfiSafi.SAFI_MPLS_VPN -> VpnPrefix.of(16 + label, RDS.get(i / 4), a, len);
            case 70 -> new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, RDS.get(i / 4), Esi.ZERO, 0,
                    new MacAddress(0x0200_0000_0000L + i % 4), i % 2 == 0 ? Optional.empty() : Optional.of(a), 100 + label, OptionalInt.empty());
            default -> IpPrefix.of(a, len);
        };
    }

    /** The plain model: per key, neighbor id → full path, in arrival order. */
    private static final class Model {
        final Map<Nlri, LinkedHashMap<Integer, Path>> dests = new LinkedHashMap<>();

        Path best(Nlri key) {
            var m = dests.get(key);
            if (m == null || m.isEmpty()) {
                return null;
            }
            Path[] paths = m.values().toArray(Path[]::new);
            return paths[BestPath.select(paths)];
        }

        List<Path> paths(Nlri key) {
            var m = dests.get(key);
            return m == null ? List.of() : List.copyOf(m.values());
        }

        BestChange change(AfiSafi f, Nlri key, Path old, Path nu) {
            boolean same = old == nu || (old != null && nu != null && old.peer().equals(nu.peer()) && old.attributes() == nu.attributes()
                    && Objects.equals(old.nlri(), nu.nlri()));
            return same ? null : new BestChange(f, key, old, nu);
        }
    }

    private void run(AfiSafi f, List<Op> ops) {
        LocRib rib = new LocRib(f);
        Model model = new Model();
        for (Op op : ops) {
            PeerRef peer = PEERS[op.peer()];
            Nlri n = nlri(f, op.dest(), op.label());
            Nlri key = NlriKeys.key(n);
            RouteAttributes a = ATTRS.get(op.attrs());
            Path full = new Path(n.equals(key) ? null : n, peer, a, false);
            Path old = model.best(key);
            if (op.kind() <= 5) {
                // announce
                BestChange got;
                if (op.packed() && f.equals(AfiSafi.IPV4_UNICAST)) {
                    IpPrefix p = (IpPrefix) n;
                    got = rib.putIpv4((int) RouteAttributes.ipv4(p.prefix()), p.length(), new Path(null, peer, a, false), true);
                } else if (op.packed() && f.equals(AfiSafi.VPN_IPV4)) {
                    VpnPrefix v = (VpnPrefix) n;
                    got = rib.putVpn4(Vpn4RibTable.rd(v.rd()), (int) RouteAttributes.ipv4(v.prefix()), v.length(), v.labels().getFirst(),
                            new Path(null, peer, a, false), true);
                } else if (op.packed() && f.equals(AfiSafi.L2VPN_EVPN)) {
                    EvpnRoute.MacIpAdvertisement m = (EvpnRoute.MacIpAdvertisement) n;
                    got = rib.putEvpnMac(Vpn4RibTable.rd(m.rd()), m.ethernetTag(), m.mac().bits(), m.ip().isPresent(),
                            m.ip().map(x -> (int) RouteAttributes.ipv4(x)).orElse(0), m.label1(), new Path(null, peer, a, false), true);
                } else {
                    got = rib.put(key, full);
                }
                var m = model.dests.computeIfAbsent(key, k -> new LinkedHashMap<>());
                Path before = m.get(peer.id());
                boolean added = before == null;
                m.put(peer.id(), full);
                assertThat(rib.lastPutAdded()).isEqualTo(added);
                BestChange want = Objects.equals(before, full) ? null : model.change(f, key, old, model.best(key));
                assertThat(got).isEqualTo(want);
            } else if (op.kind() <= 7) {
                BestChange got = rib.remove(key, peer.id());
                var m = model.dests.get(key);
                boolean found = m != null && m.remove(peer.id()) != null;
                assertThat(rib.lastRemoveFound()).isEqualTo(found);
                assertThat(got).isEqualTo(found ? model.change(f, key, old, model.best(key)) : null);
            } else if (op.kind() == 8) {
                int marked = rib.markStale(peer.id());
                int want = 0;
                for (var m : model.dests.values()) {
                    Path p = m.get(peer.id());
                    if (p != null && !p.stale()) {
                        m.put(peer.id(), p.asStale());
                        want++;
                    }
                }
                assertThat(marked).isEqualTo(want);
            } else {
                List<BestChange> got = rib.removeAll(peer.id(), Path::stale);
                List<BestChange> want = new ArrayList<>();
                for (var e : model.dests.entrySet()) {
                    Path p = e.getValue().get(peer.id());
                    if (p != null && p.stale()) {
                        Path was = model.best(e.getKey());
                        e.getValue().remove(peer.id());
                        BestChange c = model.change(f, e.getKey(), was, model.best(e.getKey()));
                        if (c != null) {
                            want.add(c);
                        }
                    }
                }
                assertThat(got).containsExactlyInAnyOrderElementsOf(want);
            }
            model.dests.values().removeIf(Map::isEmpty);
            assertSameTable(rib, model);
        }
    }

    private static void assertSameTable(LocRib rib, Model model) {
        assertThat(rib.size()).isEqualTo(model.dests.size());
        for (Nlri key : model.dests.keySet()) {
            assertThat(rib.paths(key)).isEqualTo(model.paths(key));
            assertThat(rib.best(key)).isEqualTo(model.best(key));
        }
        for (PeerRef p : PEERS) {
            assertThat(rib.countPaths(p.id())).isEqualTo((int) model.dests.values().stream().filter(m -> m.containsKey(p.id())).count());
        }
        // What a dump sends: each destination's best path's NLRI, neighbor, attributes and staleness.
        List<String> dumped = new ArrayList<>();
        rib.forEachBestNlri((n, best) -> dumped.add(n + " " + best.peer().id() + " " + best.attributes() + " " + best.stale()));
        List<String> want = new ArrayList<>();
        model.dests.forEach((k, m) -> {
            Path b = model.best(k);
            want.add(b.nlriFor(k) + " " + b.peer().id() + " " + b.attributes() + " " + b.stale());
        });
        assertThat(dumped).containsExactlyInAnyOrderElementsOf(want);
    }

    @Property(tries = 400)
    void ipv4PackedAndCompactStorageBehaveLikeFullPaths(@ForAll("ops") List<Op> ops) {
        run(AfiSafi.IPV4_UNICAST, ops);
    }

    @Property(tries = 400)
    void vpn4PackedAndCompactStorageBehaveLikeFullPaths(@ForAll("ops") List<Op> ops) {
        run(AfiSafi.VPN_IPV4, ops);
    }

    @Property(tries = 400)
    void evpnPackedAndCompactStorageBehaveLikeFullPaths(@ForAll("ops") List<Op> ops) {
        run(AfiSafi.L2VPN_EVPN, ops);
    }
}
