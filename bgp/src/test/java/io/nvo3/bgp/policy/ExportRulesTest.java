package io.nvo3.bgp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.rib.Path;
import io.nvo3.bgp.rib.PeerRef;
import io.nvo3.bgp.rib.RouteAttributes;
import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportRulesTest {
    static final io.nvo3.bgp.wire.nlri.Nlri N = io.nvo3.bgp.wire.nlri.IpPrefix.of(ip("198.51.100.0"), 24);
    static final LocalIdentity US = new LocalIdentity(65000, 0xC6130001L, 0xC6130001L);
    static final InetAddress SELF = ip("127.1.0.100");

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final PeerRef CLIENT = new PeerRef(1, ip("127.1.0.1"), 65000, 0xC6130011L, false, true);
    static final PeerRef NON_CLIENT = new PeerRef(2, ip("127.1.0.2"), 65000, 0xC6130012L, false, false);
    static final PeerRef EXTERNAL = new PeerRef(3, ip("127.1.0.3"), 65099, 0xC6130013L, true, false);

    static ExportTarget to(PeerRef p) {
        return new ExportTarget(p.id(), p.external(), p.rrClient(), SELF, false);
    }

    static RouteAttributes attrs(PathAttribute... extra) {
        var l = new java.util.ArrayList<PathAttribute>(List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                new PathAttribute.AsPath(List.of())));
        l.addAll(List.of(extra));
        return RouteAttributes.of(l, ip("198.18.0.7"));
    }

    @Test
    void ibgpRouteIsNotSentToAnotherNonClient() {
        Path p = new Path(N, NON_CLIENT, attrs(new PathAttribute.LocalPref(100)), false);
        assertThat(ExportRules.export(p, to(new PeerRef(4, ip("127.1.0.4"), 65000, 4, false, false)), US)).isEmpty();
    }

    @Test
    void nonClientRouteIsReflectedToClientsWithOriginatorIdAndClusterList() {
        Path p = new Path(N, NON_CLIENT, attrs(new PathAttribute.LocalPref(100)), false);
        RouteAttributes out = ExportRules.export(p, to(CLIENT), US).orElseThrow();
        assertThat(out.originatorId()).isEqualTo(0xC6130012L);
        assertThat(out.attribute(PathAttribute.ClusterList.class).orElseThrow().clusterIds())
                .containsExactly((Inet4Address) ip("198.19.0.1"));
        assertThat(out.nextHop()).isEqualTo(ip("198.18.0.7"));
    }

    @Test
    void clientRouteIsReflectedToNonClientsAndPrependsToAnExistingClusterList() {
        Path p = new Path(N, CLIENT, attrs(new PathAttribute.LocalPref(100),
                new PathAttribute.OriginatorId((Inet4Address) ip("198.19.0.99")),
                new PathAttribute.ClusterList(List.of((Inet4Address) ip("198.19.0.50")))), false);
        RouteAttributes out = ExportRules.export(p, to(NON_CLIENT), US).orElseThrow();
        assertThat(out.originatorId()).isEqualTo(RouteAttributes.ipv4(ip("198.19.0.99")));
        assertThat(out.attribute(PathAttribute.ClusterList.class).orElseThrow().clusterIds())
                .containsExactly((Inet4Address) ip("198.19.0.1"), (Inet4Address) ip("198.19.0.50"));
    }

    @Test
    void neverSendsARouteBackToItsSource() {
        Path p = new Path(N, CLIENT, attrs(), false);
        assertThat(ExportRules.export(p, to(CLIENT), US)).isEmpty();
    }

    @Test
    void ebgpExportPrependsOurAsAndDropsIbgpOnlyAttributes() {
        Path p = new Path(N, CLIENT, attrs(new PathAttribute.LocalPref(300), new PathAttribute.MultiExitDisc(5),
                new PathAttribute.OriginatorId((Inet4Address) ip("198.19.0.99"))), false);
        RouteAttributes out = ExportRules.export(p, to(EXTERNAL), US).orElseThrow();
        assertThat(out.attribute(PathAttribute.AsPath.class).orElseThrow().segments()).containsExactly(AsPathSegment.sequence(65000));
        assertThat(out.attribute(PathAttribute.LocalPref.class)).isEmpty();
        assertThat(out.attribute(PathAttribute.OriginatorId.class)).isEmpty();
        assertThat(out.attribute(PathAttribute.MultiExitDisc.class)).isPresent();
        assertThat(out.nextHop()).isEqualTo(SELF);
    }

    @Test
    void medFromAnotherAsIsNotPassedToAThirdAs() {
        Path p = new Path(N, EXTERNAL, RouteAttributes.of(List.of(new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65099))),
                new PathAttribute.MultiExitDisc(7)), ip("198.18.0.7")), false);
        PeerRef other = new PeerRef(5, ip("127.1.0.5"), 65100, 5, true, false);
        RouteAttributes out = ExportRules.export(p, to(other), US).orElseThrow();
        assertThat(out.attribute(PathAttribute.MultiExitDisc.class)).isEmpty();
        assertThat(out.attribute(PathAttribute.AsPath.class).orElseThrow().segments())
                .containsExactly(AsPathSegment.sequence(65000, 65099));
    }

    @Test
    void locallyOriginatedRouteKeepsItsThirdPartyNextHopTowardEbgpAndGetsLocalPrefTowardIbgp() {
        Path p = new Path(N, PeerRef.LOCAL, attrs(), false);
        assertThat(ExportRules.export(p, to(EXTERNAL), US).orElseThrow().nextHop()).isEqualTo(ip("198.18.0.7"));
        RouteAttributes ibgp = ExportRules.export(p, to(NON_CLIENT), US).orElseThrow();
        assertThat(ibgp.localPref()).isEqualTo(100);
        assertThat(ibgp.attribute(PathAttribute.LocalPref.class)).isPresent();
        assertThat(ibgp.originatorId()).isEqualTo(-1);
    }

    @Test
    void importIgnoresOurOwnAsOriginatorIdAndClusterId() {
        RouteAttributes loop = RouteAttributes.of(List.of(new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65099, 65000)))),
                ip("198.18.0.7"));
        assertThat(ImportRules.reject(loop, EXTERNAL, US)).isPresent();
        assertThat(ImportRules.reject(attrs(new PathAttribute.OriginatorId((Inet4Address) ip("198.19.0.1"))), NON_CLIENT, US)).isPresent();
        assertThat(ImportRules.reject(attrs(new PathAttribute.ClusterList(List.of((Inet4Address) ip("198.19.0.1")))), CLIENT, US))
                .isPresent();
        assertThat(ImportRules.reject(attrs(), CLIENT, US)).isEmpty();
        assertThat(ImportRules.normalise(attrs(new PathAttribute.LocalPref(500)), EXTERNAL).attribute(PathAttribute.LocalPref.class))
                .isEmpty();
    }
}
