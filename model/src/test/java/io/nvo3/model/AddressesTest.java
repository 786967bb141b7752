package io.nvo3.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
    @ParameterizedTest
    @CsvSource({"203.0.113.7,203.0.113.7", "2001:DB8:0:0:0:0:0:1,2001:db8::1", "2001:db8:0:0:1:0:0:1,2001:db8::1:0:0:1",
            "::,::", "::ffff:198.51.100.1,::ffff:198.51.100.1", "fe80:0:0:0:0:0:0:0,fe80::"})
    void formatsAddressesCanonically(String in, String out) {
        assertThat(IpAddresses.canonical("f", in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "203.0.113", "203.0.113.256", "203.0.113.07", "203.0.113.1.2", "example.com",
            "2001:db8::g", "1:2:3:4:5:6:7:8:9", "203.0.113.-1", " 203.0.113.1"})
    void refusesWhatIsNotAnAddressLiteralNamingTheField(String bad) {
        assertThatThrownBy(() -> IpAddresses.parse("gateway_ip", bad))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("gateway_ip"));
    }

    @Test
    void parsesCidrsAndRefusesHostBits() {
        Cidr c = Cidr.parse("cidr", "198.51.100.0/24");
        assertThat(c.version()).isEqualTo(4);
        assertThat(c.contains(IpAddresses.parse("x", "198.51.100.255"))).isTrue();
        assertThat(c.contains(IpAddresses.parse("x", "198.51.101.0"))).isFalse();
        assertThat(c.contains(IpAddresses.parse("x", "2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("cidr", "2001:DB8::/64").toString()).isEqualTo("2001:db8::/64");
        assertThatThrownBy(() -> Cidr.parse("cidr", "198.51.100.1/24")).hasMessageContaining("isn't a recommended CIDR");
        assertThatThrownBy(() -> Cidr.parse("cidr", "198.51.100.0/33")).hasMessageContaining("not a valid IP subnet");
        assertThatThrownBy(() -> Cidr.parse("cidr", "198.51.100.0")).hasMessageContaining("not a valid IP subnet");
        assertThatThrownBy(() -> Cidr.parse("cidr", "banana/24")).hasMessageContaining("not a valid IP subnet");
    }

    @Test
    void detectsOverlapOnlyWithinOneFamily() {
        assertThat(Cidr.parse("c", "203.0.113.0/24").overlaps(Cidr.parse("c", "203.0.113.128/25"))).isTrue();
        assertThat(Cidr.parse("c", "203.0.113.0/25").overlaps(Cidr.parse("c", "203.0.113.128/25"))).isFalse();
        assertThat(Cidr.parse("c", "::/0").overlaps(Cidr.parse("c", "0.0.0.0/0"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"FA:16:3E:00:00:01,fa:16:3e:00:00:01", "fa-16-3e-aa-bb-cc,fa:16:3e:aa:bb:cc"})
    void parsesMacs(String in, String out) {
        assertThat(MacAddress.parse("mac_address", in).toString()).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fa:16:3e:00:00", "fa:16:3e:00:00:0g", "fa:16-3e:00:00:01", "fa163e000001",
            "fa:16:3e:00:00:001"})
    void refusesMalformedMacs(String bad) {
        assertThatThrownBy(() -> MacAddress.parse("mac_address", bad)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not a valid MAC address");
    }

    @Test
    void knowsLocallyAdministeredAndGroupBits() {
        assertThat(MacAddress.parse("m", "fa:16:3e:00:00:01").isLocallyAdministered()).isTrue();
        assertThat(MacAddress.parse("m", "fa:16:3e:00:00:01").isMulticast()).isFalse();
        assertThat(MacAddress.parse("m", "01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("m", "00:1b:21:00:00:01").isLocallyAdministered()).isFalse();
    }

    @Test
    void defaultPoolsLeaveOutNetworkBroadcastAndGateway() {
        Cidr c = Cidr.parse("cidr", "203.0.113.0/24");
        assertThat(AllocationPool.defaults(c, "203.0.113.1"))
                .containsExactly(new AllocationPool("203.0.113.2", "203.0.113.254"));
        assertThat(AllocationPool.defaults(c, "203.0.113.100")).containsExactly(
                new AllocationPool("203.0.113.1", "203.0.113.99"), new AllocationPool("203.0.113.101", "203.0.113.254"));
        assertThat(AllocationPool.defaults(c, null)).containsExactly(new AllocationPool("203.0.113.1", "203.0.113.254"));
        assertThat(AllocationPool.defaults(Cidr.parse("c", "2001:db8::/64"), "2001:db8::1").get(0).start())
                .isEqualTo("2001:db8::2");
    }

    @Test
    void refusesPoolsOutsideTheCidrOrOverlapping() {
        Cidr c = Cidr.parse("cidr", "203.0.113.0/24");
        assertThatThrownBy(() -> AllocationPool.validate(c, java.util.List.of(new AllocationPool("203.0.113.10", "203.0.114.2"))))
                .hasMessageContaining("spans beyond");
        assertThatThrownBy(() -> AllocationPool.validate(c, java.util.List.of(new AllocationPool("203.0.113.10", "203.0.113.20"),
                new AllocationPool("203.0.113.20", "203.0.113.30")))).hasMessageContaining("overlapping");
        assertThatThrownBy(() -> new AllocationPool("203.0.113.20", "203.0.113.10")).hasMessageContaining("after its end");
        assertThat(new AllocationPool("203.0.113.20", "203.0.113.20").contains(BigInteger.valueOf(0xCB00_7114L))).isTrue();
    }
}
