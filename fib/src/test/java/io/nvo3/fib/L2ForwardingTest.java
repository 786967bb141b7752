package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE1;
import static io.nvo3.fib.Topo.NVE2;
import static io.nvo3.fib.Topo.NVE3;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.nvo3.fib.fake.Egress;
import io.nvo3.fib.fake.Fabric;
import io.nvo3.fib.fake.Fabric.Delivery;
import io.nvo3.fib.fake.FakePipeline;
import io.nvo3.fib.fake.Packet;
import io.nvo3.fib.flow.NveState;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.TsState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class L2ForwardingTest {
    private static final Delivery VM1 = new Delivery.AtPort("nve1", 1);
    private static final Delivery VM2 = new Delivery.AtPort("nve1", 2);
    private static final Delivery VM3 = new Delivery.AtPort("nve2", 1);
    private static final Delivery B1 = new Delivery.AtPort("nve1", 3);
    private static final Delivery B2 = new Delivery.AtPort("nve2", 2);

    @Test
    void arpRequestFromVm1ReachesVm2AndTheTunnelToNve2WithVni100() {
        Map<String, NveState> states = Fib.compute(new Topo.Builder().build());
        FakePipeline nve1 = FakePipeline.load(states.get("nve1"), Topo.TUNNEL);

        assertThat(nve1.process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.2"), 1))
                .containsExactlyInAnyOrder(new Egress.Local(2), new Egress.Tunnel(100, NVE2.vtep()));
    }

    @Test
    void arpRequestFromVm1IsDeliveredToEveryPortOfItsVnAndNoOther() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        assertThat(fabric.send("nve1", 1, Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.3")))
                .containsExactlyInAnyOrder(VM2, VM3);
    }

    @Test
    void unicastToAVmOnAnotherNveTravelsTheTunnelWithItsVniToItsVtep() {
        Fabric fabric = new Fabric(new Topo.Builder().build());
        Packet ping = Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3");

        assertThat(fabric.nve("nve1").process(ping, 1)).containsExactly(new Egress.Tunnel(100, NVE2.vtep()));
        assertThat(fabric.send("nve1", 1, ping)).containsExactly(VM3);
    }

    @Test
    void unicastToAVmOnTheSameNveStaysLocal() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        assertThat(fabric.send("nve1", 1, Packet.ipv4(mac(1), mac(2), "203.0.113.1", "203.0.113.2")))
                .containsExactly(VM2);
    }

    @Test
    void tenantAsTrafficNeverReachesTenantBDespiteOverlappingAddresses() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        // b1 holds 203.0.113.5 in net-b; vm1 (net-a) asks for it and even sends straight to b1's MAC.
        assertThat(fabric.send("nve1", 1, Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.5")))
                .doesNotContain(B1, B2).containsExactlyInAnyOrder(VM2, VM3);
        assertThat(fabric.send("nve1", 1, Packet.ipv4(mac(1), mac(11), "203.0.113.1", "203.0.113.5")))
                .doesNotContain(B1, B2);
        assertThat(fabric.send("nve1", 3, Packet.arpRequest(mac(11), "203.0.113.5", "203.0.113.1")))
                .containsExactly(B2);
    }

    @Test
    void broadcastFromTheTunnelIsNotSentBackToTheTunnel() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        assertThat(fabric.nve("nve1").fromTunnel(Packet.arpRequest(mac(3), "203.0.113.3", "203.0.113.1"), 100))
                .containsExactlyInAnyOrder(new Egress.Local(1), new Egress.Local(2));
    }

    @Test
    void unicastFromTheTunnelToARemoteMacIsNotSentBackToTheTunnel() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        // nve1 knows vm3 (mac 3) lives behind nve2; a frame for it arriving from the overlay must not go back.
        assertThat(fabric.nve("nve1").fromTunnel(Packet.ipv4(mac(9), mac(3), "203.0.113.9", "203.0.113.3"), 100))
                .isEmpty();
    }

    @Test
    void tunnelTrafficWithAnUnknownVniIsDropped() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        assertThat(fabric.nve("nve1").fromTunnel(Packet.arpRequest(mac(3), "203.0.113.3", "203.0.113.1"), 4242))
                .isEmpty();
    }

    @Test
    void anNveWithoutAPortInTheVnHoldsNoFlowOfIt() {
        Map<String, NveState> states = Fib.compute(new Topo.Builder().build());
        Fabric fabric = new Fabric(new Topo.Builder().build());

        assertThat(states.get("nve3").flows().values()).allSatisfy(f ->
                assertThat(states.get("nve3").trace(f.cookie()).orElseThrow().vni()).isZero());
        assertThat(states.get("nve3").groups()).isEmpty();
        assertThat(fabric.nve("nve3").fromTunnel(Packet.arpRequest(mac(3), "203.0.113.3", "203.0.113.1"), 100))
                .isEmpty();
        // and nobody floods to it
        assertThat(fabric.nve("nve1").process(Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.9"), 1))
                .doesNotContain(new Egress.Tunnel(100, NVE3.vtep()));
    }

    @Test
    void aSuspendedVmNeitherSendsNorReceives() {
        Fabric fabric = new Fabric(new Topo.Builder().state("vm2", TsState.SUSPENDED).build());

        assertThat(fabric.send("nve1", 2, Packet.arpRequest(mac(2), "203.0.113.2", "203.0.113.1"))).isEmpty();
        assertThat(fabric.send("nve1", 2, Packet.ipv4(mac(2), mac(1), "203.0.113.2", "203.0.113.1"))).isEmpty();
        assertThat(fabric.send("nve1", 1, Packet.ipv4(mac(1), mac(2), "203.0.113.1", "203.0.113.2"))).isEmpty();
        assertThat(fabric.send("nve1", 1, Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.2")))
                .containsExactly(VM3);
        assertThat(fabric.send("nve2", 1, Packet.ipv4(mac(3), mac(2), "203.0.113.3", "203.0.113.2")))
                .doesNotContain(VM2);
    }

    @Test
    void remoteNvesDropTheL2EntryOfASuspendedVm() {
        Map<String, NveState> states = Fib.compute(new Topo.Builder().state("vm1", TsState.SUSPENDED).build());
        FakePipeline nve2 = FakePipeline.load(states.get("nve2"), Topo.TUNNEL);

        // no unicast entry for vm1 any more: the frame is flooded as unknown unicast (and dropped on nve1)
        nve2.process(Packet.ipv4(mac(3), mac(1), "203.0.113.3", "203.0.113.1"), 1);
        assertThat(nve2.trace()).anyMatch(step -> step.startsWith("table 40: table=40,priority=0"));
    }

    @Test
    void aShutDownVmStillForwardsAndNotDeployedOrShutOffVmsGetNothing() {
        Fabric shutdown = new Fabric(new Topo.Builder().state("vm2", TsState.SHUTDOWN).build());
        assertThat(shutdown.send("nve1", 1, Packet.ipv4(mac(1), mac(2), "203.0.113.1", "203.0.113.2")))
                .containsExactly(VM2);

        for (TsState s : new TsState[] {TsState.NOT_DEPLOYED, TsState.SHUT_OFF}) {
            Topo.Builder b = new Topo.Builder().state("vm3", s);
            Map<String, NveState> states = Fib.compute(b.build());
            assertThat(states.get("nve2").flows().values()).as(s.name())
                    .noneMatch(f -> f.match().toString().contains("in_port=1,"));
            assertThat(states.get("nve1").groups().get(Tables.floodFromLocalGroup(100)).toString()).as(s.name())
                    .doesNotContain("198.18.0.2");
            assertThat(new Fabric(b.build()).send("nve1", 1, Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3")))
                    .as(s.name()).containsExactly(VM2);
        }
    }

    @Test
    void bgpLearnedMacIsReachedThroughItsVtepWithItsAdvertisedVni() {
        Topo.Builder b = new Topo.Builder();
        b.macs.add(Topo.bgpMac(NET_A, 77, "198.18.9.9", 5100));
        Fabric fabric = new Fabric(b.build());

        assertThat(fabric.send("nve1", 1, Packet.ipv4(mac(1), mac(77), "203.0.113.1", "203.0.113.77")))
                .containsExactly(new Delivery.External(IpAddresses.parseV4("198.18.9.9"), 5100));
    }

    @Test
    void bgpFloodMembersGetOneCopyOfBroadcastButNotOfOverlayTraffic() {
        Topo.Builder b = new Topo.Builder();
        b.floods.add(Topo.bgpFlood(NET_A, "198.18.9.9", 5100));
        b.floods.add(Topo.bgpFlood(NET_A, "198.18.0.2", 100));
        Fabric fabric = new Fabric(b.build());

        assertThat(fabric.send("nve1", 1, Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.9")))
                .containsExactlyInAnyOrder(VM2, VM3, new Delivery.External(IpAddresses.parseV4("198.18.9.9"), 5100));
        assertThat(fabric.fromOverlay("nve1", 100, Packet.arpRequest(mac(50), "203.0.113.50", "203.0.113.9")))
                .containsExactlyInAnyOrder(VM1, VM2);
    }

    @Test
    void bgpRoutesNamingOurOwnVtepAreIgnored() {
        Topo.Builder b = new Topo.Builder();
        b.macs.add(Topo.bgpMac(NET_A, 3, "198.18.0.1", 999));
        b.macs.add(Topo.bgpMac(NET_A, 78, "198.18.0.2", 999));
        Fabric fabric = new Fabric(b.build());

        assertThat(fabric.nve("nve1").process(Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3"), 1))
                .containsExactly(new Egress.Tunnel(100, NVE2.vtep()));
        assertThat(fabric.nve("nve1").process(Packet.ipv4(mac(1), mac(78), "203.0.113.1", "203.0.113.3"), 1))
                .doesNotContain(new Egress.Tunnel(999, NVE2.vtep()));
    }

    @Test
    void multicastFramesFloodEvenToAMacThatLooksKnown() {
        Fabric fabric = new Fabric(new Topo.Builder().build());
        MacAddress allNodes = MacAddress.parse("33:33:00:00:00:01");

        assertThat(fabric.send("nve1", 1, Packet.ipv4(mac(1), allNodes, "203.0.113.1", "203.0.113.255")))
                .containsExactlyInAnyOrder(VM2, VM3);
    }
}
