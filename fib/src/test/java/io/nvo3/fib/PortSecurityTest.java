package io.nvo3.fib;

import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.fake.Egress;
import io.nvo3.fib.fake.FakePipeline;
import io.nvo3.fib.fake.Packet;
import io.nvo3.fib.input.AllowedAddressPair;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.IpPrefix;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.TenantSystem;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** vm1 (port 1 of nve1, MAC ...:01, 203.0.113.1 and 2001:db8::1, port security on) talking; vm2 listens on port 2. */
class PortSecurityTest {
    private static final Egress VM2 = new Egress.Local(2);

    private static FakePipeline nve1(Topo.Builder b) {
        return FakePipeline.load(Fib.compute(b.build()).get("nve1"), Topo.TUNNEL);
    }

    private static FakePipeline nve1() {
        return nve1(new Topo.Builder());
    }

    @Test
    void vm1SpoofingAnotherIpv4SourceIsDropped() {
        FakePipeline nve1 = nve1();

        assertThat(nve1.process(Packet.ipv4(mac(1), mac(2), "203.0.113.1", "203.0.113.2"), 1)).containsExactly(VM2);
        assertThat(nve1.process(Packet.ipv4(mac(1), mac(2), "203.0.113.99", "203.0.113.2"), 1)).isEmpty();
    }

    @Test
    void vm1SpoofingAnotherMacIsDropped() {
        assertThat(nve1().process(Packet.ipv4(mac(42), mac(2), "203.0.113.1", "203.0.113.2"), 1)).isEmpty();
    }

    @Test
    void arpWithAForeignSenderAddressIsDropped() {
        FakePipeline nve1 = nve1();

        assertThat(nve1.process(Packet.arpRequest(mac(1), "203.0.113.99", "203.0.113.2"), 1)).isEmpty();
        assertThat(nve1.process(Packet.arpRequest(mac(1), mac(42), "203.0.113.1", "203.0.113.2"), 1)).isEmpty();
    }

    @Test
    void arpProbeAndDhcpDiscoverFromTheUnspecifiedAddressAreAllowed() {
        FakePipeline nve1 = nve1();

        assertThat(nve1.process(Packet.arpRequest(mac(1), "0.0.0.0", "203.0.113.1"), 1)).contains(VM2);
        assertThat(nve1.process(Packet.dhcpDiscover(mac(1)), 1)).contains(VM2);
        assertThat(nve1.process(Packet.dhcpDiscover(mac(42)), 1)).isEmpty();
    }

    @Test
    void ipv6FromOwnAndLinkLocalAddressesIsAllowedAndFromOthersDropped() {
        FakePipeline nve1 = nve1();
        var linkLocal = IpAddresses.linkLocal(mac(1));

        assertThat(linkLocal.getHostAddress()).isEqualTo("fe80:0:0:0:0:ff:fe00:1");
        assertThat(nve1.process(Packet.ipv6(mac(1), mac(2), IpAddresses.parse("2001:db8::1"), "2001:db8::2"), 1))
                .containsExactly(VM2);
        assertThat(nve1.process(Packet.ipv6(mac(1), mac(2), linkLocal, "fe80::2"), 1)).containsExactly(VM2);
        assertThat(nve1.process(Packet.ipv6(mac(1), mac(2), IpAddresses.parse("2001:db8::99"), "2001:db8::2"), 1))
                .isEmpty();
    }

    @Test
    void neighborAdvertisementsMayOnlyAnnounceOwnAddresses() {
        FakePipeline nve1 = nve1();
        var own = IpAddresses.parse("2001:db8::1");

        assertThat(nve1.process(Packet.neighborAdvertisement(mac(1), own, "2001:db8::1"), 1)).contains(VM2);
        assertThat(nve1.process(Packet.neighborAdvertisement(mac(1), own, "2001:db8::2"), 1)).isEmpty();
    }

    @Test
    void duplicateAddressDetectionIsAllowedOnlyForOwnAddressesAndRouterAdvertisementsNever() {
        FakePipeline nve1 = nve1();

        assertThat(nve1.process(Packet.dadSolicitation(mac(1), "2001:db8::1"), 1)).contains(VM2);
        assertThat(nve1.process(Packet.dadSolicitation(mac(1), "2001:db8::2"), 1)).isEmpty();
        assertThat(nve1.process(Packet.routerAdvertisement(mac(1), IpAddresses.linkLocal(mac(1))), 1)).isEmpty();
    }

    @Test
    void allowedAddressPairsOpenTheirCidrAndTheirMac() {
        Topo.Builder b = new Topo.Builder();
        b.replace(Topo.withPairs(b.get("vm1"),
                new AllowedAddressPair(IpPrefix.parse("198.51.100.0/28"), Optional.empty()),
                new AllowedAddressPair(IpPrefix.parse("203.0.113.200"), Optional.of(MacAddress.parse("02:00:5e:00:01:01")))));
        FakePipeline nve1 = nve1(b);
        MacAddress vrrp = MacAddress.parse("02:00:5e:00:01:01");

        assertThat(nve1.process(Packet.ipv4(mac(1), mac(2), "198.51.100.7", "203.0.113.2"), 1)).containsExactly(VM2);
        assertThat(nve1.process(Packet.ipv4(mac(1), mac(2), "198.51.100.17", "203.0.113.2"), 1)).isEmpty();
        assertThat(nve1.process(Packet.ipv4(vrrp, mac(2), "203.0.113.200", "203.0.113.2"), 1)).containsExactly(VM2);
        assertThat(nve1.process(Packet.ipv4(vrrp, mac(2), "203.0.113.1", "203.0.113.2"), 1)).isEmpty();
        // the pair's MAC now lives behind vm1's port
        assertThat(nve1.process(Packet.ipv4(mac(2), vrrp, "203.0.113.2", "203.0.113.200"), 2))
                .containsExactly(new Egress.Local(1));
    }

    @Test
    void withoutPortSecurityAnySourceIsForwarded() {
        Topo.Builder b = new Topo.Builder();
        TenantSystem open = Topo.withoutPortSecurity(b.get("vm1"));
        b.replace(open);

        assertThat(nve1(b).process(Packet.ipv4(mac(42), mac(2), "203.0.113.99", "203.0.113.2"), 1)).containsExactly(VM2);
    }
}
