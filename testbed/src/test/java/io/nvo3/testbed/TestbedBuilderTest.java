package io.nvo3.testbed;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Address rules are enforced before anything is created on the machine. */
class TestbedBuilderTest {
    @Test
    void rejectsManagementAddressOutsideTheReservedHosts() {
        assertThatThrownBy(() -> Testbed.builder().managementAddress("198.19.0.7"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("198.19.K.251-254");
        assertThatThrownBy(() -> Testbed.builder().extraManagementAddress("192.0.2.254"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsExtraAddressInAnotherSubnetThanThePrimary() {
        assertThatThrownBy(() -> Testbed.builder().managementAddress("198.19.1.254")
                .extraManagementAddress("198.19.0.253").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("198.19.1.0/24");
    }

    @Test
    void loopbackPortsRefuseNonLoopbackAddresses() {
        assertThatThrownBy(() -> LoopbackPorts.freePort("198.18.0.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
