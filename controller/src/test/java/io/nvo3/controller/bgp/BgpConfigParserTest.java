package io.nvo3.controller.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BgpConfigParserTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ip(String s) {
        return BgpConfigParser.ipLiteral(s).orElseThrow();
    }

    /** The section of the brief, with one neighbor ({@code N}) replaced per case. */
    static String section(String neighbor) {
        return "{'asn': 65001, 'router-id': '198.19.0.254', 'listen': '127.0.0.1:1179', 'neighbors': [" +
                "{'address': '127.0.0.3', 'remote-as': 65002}, " + neighbor + "]}";
    }

    @Test
    void parsesTheDocumentedExampleWithItsDefaults() {
        BgpSettings s = BgpConfigParser.parse(json("""
                {'asn': 65001, 'router-id': '198.19.0.254', 'listen': '127.0.0.1:1179',
                 'neighbors': [{'address': '127.0.0.2', 'port': 1790, 'remote-as': 65001,
                                'families': ['l2vpn-evpn', 'ipv4-vpn', 'ipv6-vpn', 'ipv4-unicast', 'rtc'],
                                'passive': false, 'hold-time': 90, 'graceful-restart': true},
                               {'address': '2001:db8::2', 'remote_as': 4200000000, 'description': 'spine 2',
                                'route-reflector-client': true, 'next-hop-self': true, 'max-prefixes': 1000,
                                'local-address': '2001:db8::1', 'self-next-hop': '198.18.0.1', 'connect-retry': 5}]}
                """));
        assertThat(s.asn()).isEqualTo(65001);
        assertThat(s.routerId()).isEqualTo(ip("198.19.0.254"));
        assertThat(s.listen()).contains(new InetSocketAddress(ip("127.0.0.1"), 1179));
        assertThat(s.restartTime()).isEqualTo(Duration.ofSeconds(120));
        NeighborSpec a = s.neighbors().get(0);
        assertThat(a.address()).isEqualTo(ip("127.0.0.2"));
        assertThat(a.port()).isEqualTo(1790);
        assertThat(a.remoteAs()).isEqualTo(65001);
        assertThat(a.families()).containsExactly(BgpFamily.values());
        assertThat(a.passive()).isFalse();
        assertThat(a.gracefulRestart()).isTrue();
        NeighborSpec b = s.neighbors().get(1);
        assertThat(b.port()).isEqualTo(179);
        assertThat(b.remoteAs()).isEqualTo(4200000000L);
        assertThat(b.families()).containsExactly(BgpFamily.L2VPN_EVPN);
        assertThat(b.holdTime()).isEqualTo(90);
        assertThat(b.gracefulRestart()).isTrue();
        assertThat(b.routeReflectorClient()).isTrue();
        assertThat(b.nextHopSelf()).isTrue();
        assertThat(b.maxPrefixes()).isEqualTo(1000);
        assertThat(b.description()).contains("spine 2");
        assertThat(b.localAddress()).contains(ip("2001:db8::1"));
        assertThat(b.selfNextHop()).contains(ip("198.18.0.1"));
        assertThat(b.connectRetry()).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.toSpeakerConfig().families()).hasSize(1);
    }

    @Test
    void listensOnEveryAddressPort179ByDefaultAndNowhereWithNone() {
        assertThat(BgpConfigParser.parse(json("{'asn': 1, 'router-id': '198.19.0.1'}")).listen())
                .contains(new InetSocketAddress(ip("0.0.0.0"), 179));
        assertThat(BgpConfigParser.parse(json("{'asn': 1, 'router-id': '198.19.0.1', 'listen': 'none'}")).listen()).isEmpty();
        assertThat(BgpConfigParser.parse(json("{'asn': 1, 'router-id': '198.19.0.1', 'listen': '[::1]:1179'}")).listen())
                .contains(new InetSocketAddress(ip("::1"), 1179));
        assertThat(BgpConfigParser.parse(json("{'asn': 1, 'router-id': '198.19.0.1', 'listen': '127.0.0.1'}")).listen())
                .contains(new InetSocketAddress(ip("127.0.0.1"), 179));
        assertThat(BgpConfigParser.parse(json("{'asn': 1, 'router-id': '198.19.0.1', 'neighbors': []}")).neighbors()).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{'router-id': '198.19.0.254'}", "bgp.asn: required"),
                Arguments.of("{'asn': 0, 'router-id': '198.19.0.254'}", "bgp.asn: must be 1..4294967295, got 0"),
                Arguments.of("{'asn': 4294967296, 'router-id': '198.19.0.254'}", "bgp.asn: must be 1..4294967295, got 4294967296"),
                Arguments.of("{'asn': 'sixty', 'router-id': '198.19.0.254'}", "bgp.asn: must be an integer 1..4294967295, got 'sixty'"),
                Arguments.of("{'asn': 1.5, 'router-id': '198.19.0.254'}", "bgp.asn: must be an integer 1..4294967295, got 1.5"),
                Arguments.of("{'asn': 65001}", "bgp.router-id: required"),
                Arguments.of("{'asn': 65001, 'router-id': '0.0.0.0'}", "bgp.router-id: must be an IPv4 address other than 0.0.0.0, got '0.0.0.0'"),
                Arguments.of("{'asn': 65001, 'router-id': '2001:db8::1'}", "bgp.router-id: must be an IPv4 address other than 0.0.0.0, got '2001:db8::1'"),
                Arguments.of("{'asn': 65001, 'router-id': 'router.example'}", "bgp.router-id: not an IP address: 'router.example'"),
                Arguments.of("{'asn': 65001, 'router-id': '198.19.0.1', 'listen': '127.0.0.1:99999'}", "bgp.listen: port must be 0..65535, got '99999'"),
                Arguments.of("{'asn': 65001, 'router-id': '198.19.0.1', 'listen': 'localhost:179'}", "bgp.listen: not an IP address: 'localhost'"),
                Arguments.of("{'asn': 65001, 'router-id': '198.19.0.1', 'as': 1}", "bgp.as: unknown key (known: asn, router-id, listen, restart-time, neighbors)"),
                Arguments.of("{'asn': 65001, 'router-id': '198.19.0.1', 'neighbors': {'address': '127.0.0.2'}}", "bgp.neighbors: expected a list of neighbors"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'families': ['evpn']}"),
                        "bgp.neighbors[1].families: unknown family 'evpn' (known: l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc)"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'families': []}"),
                        "bgp.neighbors[1].families: at least one family (known: l2vpn-evpn, ipv4-vpn, ipv6-vpn, ipv4-unicast, rtc)"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 0}"), "bgp.neighbors[1].remote-as: must be 1..4294967295, got 0"),
                Arguments.of(section("{'address': '127.0.0.2'}"), "bgp.neighbors[1].remote-as: required"),
                Arguments.of(section("{'remote-as': 65001}"), "bgp.neighbors[1].address: required"),
                Arguments.of(section("{'address': '127.0.0.256', 'remote-as': 65001}"), "bgp.neighbors[1].address: not an IP address: '127.0.0.256'"),
                Arguments.of(section("{'address': 'peer.example', 'remote-as': 65001}"), "bgp.neighbors[1].address: not an IP address: 'peer.example'"),
                Arguments.of(section("{'address': '0.0.0.0', 'remote-as': 65001}"), "bgp.neighbors[1].address: must be a unicast address, got '0.0.0.0'"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'port': 0}"), "bgp.neighbors[1].port: must be 1..65535, got 0"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'port': 70000}"), "bgp.neighbors[1].port: must be 1..65535, got 70000"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'hold-time': 2}"), "bgp.neighbors[1].hold-time: must be 0 or 3..65535 seconds, got 2"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'hold-time': 65536}"), "bgp.neighbors[1].hold-time: must be 0..65535, got 65536"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'passive': 'yes'}"), "bgp.neighbors[1].passive: must be true or false, got 'yes'"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'holdtime': 90}"),
                        "bgp.neighbors[1].holdtime: unknown key (known: address, port, remote-as, families, passive, hold-time, graceful-restart, "
                                + "local-address, route-reflector-client, next-hop-self, self-next-hop, max-prefixes, connect-retry, description)"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'remote_as': 65001}"),
                        "bgp.neighbors[1].remote_as: given twice (as bgp.neighbors[1].remote-as too)"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'local-address': '::1'}"),
                        "bgp.neighbors[1].local-address: must be of the same address family as address '127.0.0.2'"),
                Arguments.of(section("{'address': '127.0.0.2', 'remote-as': 65001, 'max-prefixes': -1}"),
                        "bgp.neighbors[1].max-prefixes: must be 0..2147483647, got -1"),
                Arguments.of(section("{'address': '127.0.0.3', 'remote-as': 65001}"),
                        "bgp.neighbors[1].address: duplicate neighbor 127.0.0.3 (also bgp.neighbors[0])"),
                Arguments.of(section("'127.0.0.2'"), "bgp.neighbors[1]: expected a mapping of keys, got string"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void rejectsWithAMessageNamingTheKeyPath(String section, String message) {
        assertThatThrownBy(() -> BgpConfigParser.parse(json(section)))
                .isInstanceOf(IllegalArgumentException.class).isInstanceOf(BgpConfigException.class)
                .hasMessage(message);
    }

    @Test
    void apiBodiesNameTheBareField() {
        assertThatThrownBy(() -> BgpConfigParser.parseNeighbor(json("{'address': '127.0.0.2', 'remote_as': 'x'}"), ""))
                .isInstanceOfSatisfying(BgpConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("remote_as");
                    assertThat(e.reason()).isEqualTo("must be an integer 1..4294967295, got 'x'");
                });
        NeighborSpec n = BgpConfigParser.parseNeighbor(json("{'address': '127.0.0.2', 'remote-as': 65002, 'families': 'rtc'}"), "");
        assertThat(n.families()).isEqualTo(List.of(BgpFamily.RTC));
        assertThat(n.localAddress()).isEqualTo(Optional.empty());
    }

    @Test
    void ipLiteralsNeverResolveNames() {
        assertThat(BgpConfigParser.ipLiteral("localhost")).isEmpty();
        assertThat(BgpConfigParser.ipLiteral("1.2.3")).isEmpty();
        assertThat(BgpConfigParser.ipLiteral("198.18.0.1")).isPresent();
        assertThat(BgpConfigParser.ipLiteral("::ffff:198.18.0.1")).isPresent();
    }
}
