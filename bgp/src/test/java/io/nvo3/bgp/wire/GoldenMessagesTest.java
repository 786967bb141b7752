package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.attributes.PathAttribute.ExtendedCommunities;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpReachNlri;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpUnreachNlri;
import io.nvo3.bgp.wire.attributes.PathAttribute.PmsiTunnel;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.errors.ErrorCode;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.BgpMessage;
import io.nvo3.bgp.wire.message.NotificationMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoldenMessagesTest {
    private static BgpMessage decode(byte[] b) throws Exception {
        return BgpCodec.decodeStrict(b, Golden.CTX);
    }

    private static UpdateMessage update(List<byte[]> file, int line) throws Exception {
        return (UpdateMessage) decode(file.get(line - 1));
    }

    @Test
    void gobgpMessagesReEncodeByteForByte() throws Exception {
        for (byte[] m : Golden.load("gobgp-3.10.hex")) {
            assertThat(BgpCodec.encode(decode(m), Golden.CTX)).as(Bytes.of(m).hex()).isEqualTo(m);
        }
    }

    @Test
    void frrMessagesSurviveReEncoding() throws Exception {
        for (byte[] m : Golden.load("frr-8.4.hex")) {
            BgpMessage once = decode(m);
            assertThat(decode(BgpCodec.encode(once, Golden.CTX))).isEqualTo(once);
        }
    }

    @Test
    void gobgpOpenAnnouncesFourOctetAsAndEvpn() throws Exception {
        OpenMessage open = (OpenMessage) decode(Golden.load("gobgp-3.10.hex").get(0));
        assertThat(open.effectiveAs()).isEqualTo(65001);
        assertThat(open.bgpIdentifier().getHostAddress()).isEqualTo("198.19.0.1");
        assertThat(open.capabilities()).contains(new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN),
                new Capability.Multiprotocol(AfiSafi.RT_CONSTRAINT), new Capability.RouteRefresh(), new Capability.FourOctetAs(65001));
        assertThat(open.capability(Capability.Fqdn.class)).isPresent();
    }

    @Test
    void gobgpMacRouteCarriesVniInWholeLabelField() throws Exception {
        UpdateMessage u = update(Golden.load("gobgp-3.10.hex"), 3);
        MpReachNlri reach = u.attribute(MpReachNlri.class).orElseThrow();
        assertThat(reach.family()).isEqualTo(AfiSafi.L2VPN_EVPN);
        assertThat(reach.nextHops()).containsExactly(InetAddress.getByName("127.0.0.1"));
        var mac = (EvpnRoute.MacIpAdvertisement) reach.nlri().getFirst();
        assertThat(mac.rd()).hasToString("65001:100");
        assertThat(mac.mac()).isEqualTo(MacAddress.parse("aa:bb:cc:00:00:01"));
        assertThat(mac.ip()).contains(InetAddress.getByName("203.0.113.10"));
        assertThat(mac.label1()).isEqualTo(Labels.vni(10100));
        assertThat(u.attribute(ExtendedCommunities.class).orElseThrow().communities())
                .containsExactly(ExtendedCommunity.RouteTarget.parse("65001:100"), ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN));
    }

    @Test
    void gobgpImetRouteHasIngressReplicationTunnel() throws Exception {
        UpdateMessage u = update(Golden.load("gobgp-3.10.hex"), 4);
        var imet = (EvpnRoute.InclusiveMulticast) u.attribute(MpReachNlri.class).orElseThrow().nlri().getFirst();
        assertThat(imet.originator()).isEqualTo(InetAddress.getByName("198.18.0.1"));
        PmsiTunnel pmsi = u.attribute(PmsiTunnel.class).orElseThrow();
        assertThat(pmsi.tunnelType()).isEqualTo(PmsiTunnel.INGRESS_REPLICATION);
        assertThat(pmsi.label()).isEqualTo(10100);
        assertThat(pmsi.endpoint()).contains(InetAddress.getByName("198.18.0.1"));
    }

    @Test
    void gobgpIpPrefixRouteCarriesRouterMac() throws Exception {
        UpdateMessage u = update(Golden.load("gobgp-3.10.hex"), 5);
        var t5 = (EvpnRoute.IpPrefixRoute) u.attribute(MpReachNlri.class).orElseThrow().nlri().getFirst();
        assertThat(t5.prefix()).isEqualTo(InetAddress.getByName("198.51.100.0"));
        assertThat(t5.length()).isEqualTo(24);
        assertThat(t5.label()).isEqualTo(20200);
        assertThat(u.attribute(ExtendedCommunities.class).orElseThrow().communities())
                .contains(new ExtendedCommunity.RouterMac(MacAddress.parse("aa:bb:cc:00:00:02")));
    }

    @Test
    void gobgpVpnRouteHasMplsLabelAndRd() throws Exception {
        List<byte[]> g = Golden.load("gobgp-3.10.hex");
        MpReachNlri reach = update(g, 6).attribute(MpReachNlri.class).orElseThrow();
        VpnPrefix p = (VpnPrefix) reach.nlri().getFirst();
        assertThat(p.rd()).isEqualTo(RouteDistinguisher.parse("65001:1"));
        assertThat(p.labels()).containsExactly(Labels.mpls(100, true));
        assertThat(p.prefix()).isEqualTo(InetAddress.getByName("203.0.113.0"));
        assertThat(reach.nextHops()).containsExactly(InetAddress.getByName("127.0.0.1"));
        MpUnreachNlri gone = update(g, 8).attribute(MpUnreachNlri.class).orElseThrow();
        assertThat(gone.withdrawn()).containsExactly(p);
        NotificationMessage n = (NotificationMessage) decode(g.get(8));
        assertThat(n.errorCode()).contains(ErrorCode.CEASE);
        assertThat(n.subcode()).isEqualTo(3);
    }

    @Test
    void frrIpv4UpdateAndStaticEvpnPrefix() throws Exception {
        List<byte[]> f = Golden.load("frr-8.4.hex");
        UpdateMessage v4 = update(f, 3);
        assertThat(v4.nlri()).containsExactly(IpPrefix.of(InetAddress.getByName("198.51.100.0"), 24),
                IpPrefix.of(InetAddress.getByName("203.0.113.128"), 25));
        assertThat(v4.attribute(PathAttribute.NextHop.class).orElseThrow().address().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(v4.attribute(PathAttribute.AsPath.class).orElseThrow().sequenceAsns()).containsExactly(65003L);
        OpenMessage open = (OpenMessage) decode(f.get(0));
        assertThat(open.capability(Capability.GracefulRestart.class)).isPresent();
        assertThat(open.capability(Capability.ExtendedMessage.class)).isPresent();
        MpReachNlri evpn = update(f, 5).attribute(MpReachNlri.class).orElseThrow();
        var t5 = (EvpnRoute.IpPrefixRoute) evpn.nlri().getFirst();
        assertThat(Labels.mplsValue(t5.label())).isEqualTo(30300);
        assertThat(evpn.nextHop().length()).isEqualTo(16);
        assertThat(update(f, 4).attribute(MpReachNlri.class).orElseThrow().nlri().getFirst())
                .isInstanceOfSatisfying(VpnPrefix.class, p -> assertThat(Labels.mplsValue(p.labels().getFirst())).isEqualTo(300));
        assertThat(Optional.of(t5.rd().toString())).contains("65003:20");
    }
}
