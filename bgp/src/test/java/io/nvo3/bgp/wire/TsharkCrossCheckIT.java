package io.nvo3.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.bgp.wire.attributes.AsPathSegment;
import io.nvo3.bgp.wire.attributes.PathAttribute;
import io.nvo3.bgp.wire.attributes.PathAttribute.MpReachNlri;
import io.nvo3.bgp.wire.capabilities.Capability;
import io.nvo3.bgp.wire.extcommunities.ExtendedCommunity;
import io.nvo3.bgp.wire.extcommunities.TunnelType;
import io.nvo3.bgp.wire.message.BgpCodec;
import io.nvo3.bgp.wire.message.BgpMessage;
import io.nvo3.bgp.wire.message.KeepaliveMessage;
import io.nvo3.bgp.wire.message.NotificationMessage;
import io.nvo3.bgp.wire.message.OpenMessage;
import io.nvo3.bgp.wire.message.RouteRefreshMessage;
import io.nvo3.bgp.wire.message.UpdateMessage;
import io.nvo3.bgp.wire.errors.CeaseSubcode;
import io.nvo3.bgp.wire.nlri.Esi;
import io.nvo3.bgp.wire.nlri.EvpnRoute;
import io.nvo3.bgp.wire.nlri.IpPrefix;
import io.nvo3.bgp.wire.nlri.Labels;
import io.nvo3.bgp.wire.nlri.Nlri;
import io.nvo3.bgp.wire.nlri.RouteDistinguisher;
import io.nvo3.bgp.wire.nlri.RtMembership;
import io.nvo3.bgp.wire.nlri.VpnPrefix;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Independent check of the encoder: every message kind we produce is wrapped into TCP packets with
 * text2pcap and dissected by tshark (Wireshark 4.0), which must find each BGP message and no
 * malformed packet.
 */
class TsharkCrossCheckIT {
    private static final CodecContext CTX = CodecContext.MODERN_IBGP;
    private Path dir;

    @BeforeEach
    void createDir() throws IOException {
        dir = Files.createTempDirectory("nvo3-tshark");
    }

    @AfterEach
    void removeDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static InetAddress ip(String s) throws IOException {
        return InetAddress.getByName(s);
    }

    static List<BgpMessage> everyKind() throws IOException {
        Inet4Address id = (Inet4Address) ip("198.19.0.1");
        RouteDistinguisher rd = RouteDistinguisher.parse("65001:100");
        List<PathAttribute> base = List.of(new PathAttribute.Origin(PathAttribute.Origin.OriginType.IGP),
                new PathAttribute.AsPath(List.of(AsPathSegment.sequence(65001, 4200000000L))));
        PathAttribute ext = new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65001:100"),
                ExtendedCommunity.RouteTarget.parse("198.19.0.1:5"), ExtendedCommunity.Encapsulation.of(TunnelType.VXLAN),
                new ExtendedCommunity.MacMobility(true, 7), new ExtendedCommunity.RouterMac(MacAddress.parse("aa:bb:cc:00:00:02")),
                new ExtendedCommunity.EsiLabel(true, Labels.vni(10100)), new ExtendedCommunity.DefaultGateway()));
        List<Nlri> evpn = List.of(
                new EvpnRoute.EthernetAd(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0xffffffffL, Labels.vni(10100)),
                new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:00:00:01"),
                        Optional.of(ip("203.0.113.10")), Labels.vni(10100), OptionalInt.of(Labels.vni(20200))),
                new EvpnRoute.MacIpAdvertisement(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, MacAddress.parse("aa:bb:cc:00:00:03"),
                        Optional.empty(), Labels.vni(10100), OptionalInt.empty()),
                new EvpnRoute.InclusiveMulticast(Nlri.NO_PATH_ID, rd, 0, ip("198.18.0.1")),
                new EvpnRoute.EthernetSegment(Nlri.NO_PATH_ID, rd, new Esi(Bytes.ofHex("00112233445566778899")), ip("198.18.0.1")),
                new EvpnRoute.IpPrefixRoute(Nlri.NO_PATH_ID, rd, Esi.ZERO, 0, ip("198.51.100.0"), 24, ip("0.0.0.0"), Labels.vni(20200)));
        List<PathAttribute> evpnAttrs = new ArrayList<>();
        evpnAttrs.add(MpReachNlri.of(AfiSafi.L2VPN_EVPN, ip("198.18.0.1"), evpn));
        evpnAttrs.addAll(base);
        evpnAttrs.add(ext);
        evpnAttrs.add(PathAttribute.PmsiTunnel.ingressReplication(Labels.vni(10100), ip("198.18.0.1")));
        List<PathAttribute> vpnAttrs = new ArrayList<>();
        vpnAttrs.add(MpReachNlri.of(AfiSafi.VPN_IPV4, ip("198.18.0.1"),
                List.of(VpnPrefix.of(100, RouteDistinguisher.parse("198.19.0.1:5"), ip("203.0.113.0"), 24))));
        vpnAttrs.addAll(base);
        vpnAttrs.add(new PathAttribute.LocalPref(100));
        vpnAttrs.add(new PathAttribute.ExtendedCommunities(List.of(ExtendedCommunity.RouteTarget.parse("65001:1"))));
        List<PathAttribute> v4Attrs = new ArrayList<>(base);
        v4Attrs.add(new PathAttribute.NextHop(id));
        v4Attrs.add(new PathAttribute.MultiExitDisc(10));
        v4Attrs.add(new PathAttribute.LocalPref(200));
        v4Attrs.add(new PathAttribute.AtomicAggregate());
        v4Attrs.add(new PathAttribute.Aggregator(65001, id));
        v4Attrs.add(new PathAttribute.Communities(List.of(0xfde90007L)));
        v4Attrs.add(new PathAttribute.LargeCommunities(List.of(new PathAttribute.LargeCommunity(65001, 1, 2))));
        v4Attrs.add(new PathAttribute.OriginatorId(id));
        v4Attrs.add(new PathAttribute.ClusterList(List.of(id)));
        List<PathAttribute> rtcAttrs = new ArrayList<>();
        rtcAttrs.add(MpReachNlri.of(AfiSafi.RT_CONSTRAINT, ip("198.18.0.1"),
                List.of(RtMembership.defaultRoute(), RtMembership.of(65001, ExtendedCommunity.RouteTarget.parse("65001:100")))));
        rtcAttrs.addAll(base);
        return List.of(
                OpenMessage.of(65001, 90, id, List.of(new Capability.Multiprotocol(AfiSafi.L2VPN_EVPN), new Capability.Multiprotocol(AfiSafi.VPN_IPV4),
                        new Capability.RouteRefresh(), new Capability.EnhancedRouteRefresh(), new Capability.FourOctetAs(65001),
                        new Capability.GracefulRestart(true, false, 120, List.of(new Capability.GracefulRestartFamily(AfiSafi.L2VPN_EVPN, true))),
                        new Capability.AddPath(List.of(new Capability.AddPathFamily(AfiSafi.IPV4_UNICAST, true, true))),
                        new Capability.ExtendedMessage(), new Capability.Fqdn("nvo3", "example"))),
                KeepaliveMessage.INSTANCE,
                new UpdateMessage(List.of(), evpnAttrs, List.of()),
                new UpdateMessage(List.of(), vpnAttrs, List.of()),
                new UpdateMessage(List.of(IpPrefix.of(ip("203.0.113.128"), 25)), v4Attrs, List.of(IpPrefix.of(ip("198.51.100.0"), 24))),
                new UpdateMessage(List.of(), rtcAttrs, List.of()),
                new UpdateMessage(List.of(), List.of(new PathAttribute.MpUnreachNlri(AfiSafi.L2VPN_EVPN, evpn)), List.of()),
                RouteRefreshMessage.request(AfiSafi.L2VPN_EVPN),
                new RouteRefreshMessage(AfiSafi.L2VPN_EVPN, RouteRefreshMessage.BORR, Bytes.EMPTY),
                NotificationMessage.of(CeaseSubcode.ADMINISTRATIVE_SHUTDOWN, Bytes.EMPTY));
    }

    private String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    @Test
    void tsharkDissectsEveryEncodedMessageWithoutMalformation() throws Exception {
        List<BgpMessage> msgs = everyKind();
        StringBuilder dump = new StringBuilder();
        for (BgpMessage m : msgs) {
            byte[] b = BgpCodec.encode(m, CTX);
            // one TCP segment per message: text2pcap starts a new packet at offset 0
            for (int off = 0; off < b.length; off += 16) {
                dump.append(String.format("%06x", off));
                for (int i = off; i < Math.min(b.length, off + 16); i++) {
                    dump.append(String.format(" %02x", b[i]));
                }
                dump.append('\n');
            }
        }
        Path txt = dir.resolve("dump.txt");
        Path pcap = dir.resolve("out.pcap");
        Files.writeString(txt, dump);
        // addresses of the project's underlay plan; the pcap is a file, nothing is sent
        run("text2pcap", "-q", "-4", "198.18.0.1,198.18.0.2", "-T", "40179,179", txt.toString(), pcap.toString());
        String types = run("tshark", "-r", pcap.toString(), "-T", "fields", "-e", "bgp.type");
        assertThat(types.lines().filter(l -> !l.isBlank()).toList())
                .containsExactly(msgs.stream().map(m -> Integer.toString(m.type())).toArray(String[]::new));
        String malformed = run("tshark", "-r", pcap.toString(), "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertThat(malformed).as("packets tshark finds malformed").isBlank();
        String evpnTypes = run("tshark", "-r", pcap.toString(), "-Y", "bgp.type == 2", "-T", "fields", "-e", "bgp.evpn.nlri.rt");
        assertThat(evpnTypes).contains("1,2,2,3,4,5");
    }
}
