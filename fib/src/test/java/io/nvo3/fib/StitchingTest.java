package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NET_B;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.fib.fake.Egress;
import io.nvo3.fib.fake.Fabric;
import io.nvo3.fib.fake.Fabric.Delivery;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.VirtualNetwork;
import io.nvo3.fib.fake.Packet;
import org.junit.jupiter.api.Test;

/** net-a (VNI 100 here) is joined by route target to a network of another domain that uses VNI 5100. */
class StitchingTest {
    private static final String PEER = "198.18.9.9";

    private static Topo.Builder stitched() {
        Topo.Builder b = new Topo.Builder();
        b.macs.add(Topo.bgpMac(NET_A, 77, PEER, 5100));
        b.floods.add(Topo.bgpFlood(NET_A, PEER, 5100));
        return b;
    }

    @Test
    void tunnelTrafficWithTheImportedVniIsClassifiedIntoTheVn() {
        Fabric fabric = new Fabric(stitched().build());

        assertThat(fabric.fromOverlay("nve1", 5100, Packet.ipv4(mac(77), mac(1), "203.0.113.77", "203.0.113.1")))
                .containsExactly(new Delivery.AtPort("nve1", 1));
        assertThat(fabric.fromOverlay("nve1", 5100, Packet.arpRequest(mac(77), "203.0.113.77", "203.0.113.1")))
                .containsExactlyInAnyOrder(new Delivery.AtPort("nve1", 1), new Delivery.AtPort("nve1", 2));
    }

    @Test
    void repliesGoBackWithTheRemoteEntrysVni() {
        Fabric fabric = new Fabric(stitched().build());

        assertThat(fabric.send("nve1", 1, Packet.ipv4(mac(1), mac(77), "203.0.113.1", "203.0.113.77")))
                .containsExactly(new Delivery.External(IpAddresses.parseV4(PEER), 5100));
        assertThat(fabric.send("nve1", 1, Packet.arpRequest(mac(1), "203.0.113.1", "203.0.113.77")))
                .contains(new Delivery.External(IpAddresses.parseV4(PEER), 5100));
    }

    @Test
    void withoutTheImportTheForeignVniIsDropped() {
        Fabric fabric = new Fabric(new Topo.Builder().build());

        assertThat(fabric.nve("nve1").fromTunnel(Packet.ipv4(mac(77), mac(1), "203.0.113.77", "203.0.113.1"), 5100))
                .isEmpty();
    }

    @Test
    void theImportedVniNeverLeaksIntoAnotherVn() {
        Fabric fabric = new Fabric(stitched().build());

        // b1 (net-b) is on nve1 port 3: a frame with VNI 5100 for its MAC stays in net-a
        assertThat(fabric.nve("nve1").fromTunnel(Packet.ipv4(mac(77), mac(11), "203.0.113.77", "203.0.113.5"), 5100))
                .doesNotContain(new Egress.Local(3));
    }

    @Test
    void aVniThatTwoVnsWouldClassifyIsRefusedNamingTheField() {
        Topo.Builder sameRemote = stitched();
        sameRemote.macs.add(Topo.bgpMac(NET_B, 78, PEER, 5100));
        assertThatThrownBy(sameRemote::build)
                .isInstanceOfSatisfying(FibInputException.class, e -> assertThat(e.field()).isEqualTo("remoteMac.vni"));

        Topo.Builder otherVnsOwn = stitched();
        otherVnsOwn.floods.add(Topo.bgpFlood(NET_B, PEER, 100));
        assertThatThrownBy(otherVnsOwn::build).isInstanceOfSatisfying(FibInputException.class,
                e -> assertThat(e.field()).isEqualTo("floodMember.vni"));
    }

    @Test
    void theEngineRefusesTheSameConflictsAndChangesNothing() {
        FibInput input = stitched().build();
        FibEngine engine = FibEngine.start(input);

        assertThatThrownBy(() -> engine.apply(new FibChange.RemoteMacAdded(Topo.bgpMac(NET_B, 78, PEER, 5100))))
                .isInstanceOfSatisfying(FibInputException.class, e -> assertThat(e.field()).isEqualTo("remoteMac.vni"));
        assertThatThrownBy(() -> engine.apply(new FibChange.VnUpserted(new VirtualNetwork("net-c", 5100))))
                .isInstanceOfSatisfying(FibInputException.class,
                        e -> assertThat(e.field()).isEqualTo("virtualNetwork.vni"));
        assertThat(engine.states()).isEqualTo(Fib.compute(input));
    }

    @Test
    void aRemoteEntryWithTheVnsOwnVniNeedsNoExtraClassification() {
        Topo.Builder b = new Topo.Builder();
        b.macs.add(Topo.bgpMac(NET_A, 77, PEER, 100));

        assertThat(Fib.compute(b.build()).get("nve1").flows().size())
                .isEqualTo(Fib.compute(new Topo.Builder().build()).get("nve1").flows().size() + 1);
    }
}
