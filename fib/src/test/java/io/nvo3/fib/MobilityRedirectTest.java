package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE1;
import static io.nvo3.fib.Topo.NVE2;
import static io.nvo3.fib.Topo.NVE3;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.fib.fake.Egress;
import io.nvo3.fib.fake.FakePipeline;
import io.nvo3.fib.fake.Packet;
import io.nvo3.fib.input.FibChange;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.Redirect;
import org.junit.jupiter.api.Test;

/** vm3 (net-a, MAC ...:03) moves from nve2 port 1 to nve3 port 1; nve2 keeps no other port of net-a. */
class MobilityRedirectTest {
    private static final Redirect VM3_TO_NVE3 = new Redirect("net-a", mac(3), "nve2", NVE3.vtep(), 100);
    private static final Packet TO_VM3 = Packet.ipv4(mac(1), mac(3), "203.0.113.1", "203.0.113.3");

    private static FakePipeline load(FibInput input, String systemId) {
        return FakePipeline.load(Fib.compute(input).get(systemId), Topo.TUNNEL);
    }

    private static Topo.Builder moved() {
        return new Topo.Builder().moveTo("vm3", NVE3, 1);
    }

    @Test
    void aFrameForTheMovedMacReachingTheOldNveFromTheTunnelLeavesAgainForTheNewVtepWithTheVni() {
        Topo.Builder b = moved();
        b.redirects.add(VM3_TO_NVE3);
        FibInput input = b.build();

        assertThat(load(input, "nve2").fromTunnel(TO_VM3, 100)).containsExactly(new Egress.Tunnel(100, NVE3.vtep()));
        // and not anything else that reaches nve2 in net-a: split horizon still holds
        assertThat(load(input, "nve2").fromTunnel(Packet.ipv4(mac(1), mac(2), "203.0.113.1", "203.0.113.2"), 100))
                .isEmpty();
    }

    @Test
    void aPeerThatMissedTheMoveStillReachesTheVmThroughTheOldNve() {
        Topo.Builder b = moved();
        b.redirects.add(VM3_TO_NVE3);
        FakePipeline staleNve1 = load(new Topo.Builder().build(), "nve1");
        FakePipeline nve2 = load(b.build(), "nve2");
        FakePipeline nve3 = load(b.build(), "nve3");

        Egress first = staleNve1.process(TO_VM3, 1).iterator().next();
        assertThat(first).isEqualTo(new Egress.Tunnel(100, NVE2.vtep()));
        Egress second = nve2.fromTunnel(TO_VM3, 100).iterator().next();
        assertThat(second).isEqualTo(new Egress.Tunnel(100, NVE3.vtep()));
        assertThat(nve3.fromTunnel(TO_VM3, ((Egress.Tunnel) second).vni())).containsExactly(new Egress.Local(1));
    }

    @Test
    void afterTheRedirectIsRemovedTheOldNveNoLongerSendsTheFrameOn() {
        FibInput without = moved().build();

        assertThat(load(without, "nve2").fromTunnel(TO_VM3, 100)).isEmpty();
    }

    @Test
    void anOldNveThatKeepsPortsOfTheVnRedirectsAndThenFloodsOnlyLocally() {
        // vm1 moves from nve1 to nve3; vm2 stays on nve1
        Topo.Builder b = new Topo.Builder().moveTo("vm1", NVE3, 1);
        Redirect vm1ToNve3 = new Redirect("net-a", mac(1), "nve1", NVE3.vtep(), 100);
        FibInput without = b.build();
        b.redirects.add(vm1ToNve3);
        FibInput with = b.build();
        Packet toVm1 = Packet.ipv4(mac(3), mac(1), "203.0.113.3", "203.0.113.1");

        assertThat(load(with, "nve1").fromTunnel(toVm1, 100)).containsExactly(new Egress.Tunnel(100, NVE3.vtep()));
        assertThat(load(with, "nve1").process(Packet.ipv4(mac(2), mac(1), "203.0.113.2", "203.0.113.1"), 2))
                .containsExactly(new Egress.Tunnel(100, NVE3.vtep()));
        assertThat(load(without, "nve1").fromTunnel(toVm1, 100)).isEmpty();
        assertThat(load(without, "nve1").fromTunnel(Packet.ipv4(mac(3), mac(9), "203.0.113.3", "203.0.113.9"), 100))
                .containsExactly(new Egress.Local(2));
    }

    @Test
    void aMoveIntoAnotherDomainRedirectsWithThatDomainsVni() {
        Topo.Builder b = new Topo.Builder().mode(NET_A, FibMode.PULL);
        b.tss.removeIf(t -> t.portId().equals("vm3"));
        b.redirects.add(new Redirect("net-a", mac(3), "nve2", IpAddresses.parseV4("198.18.9.9"), 5100));

        assertThat(load(b.build(), "nve2").fromTunnel(TO_VM3, 100))
                .containsExactly(new Egress.Tunnel(5100, IpAddresses.parseV4("198.18.9.9")));
    }

    @Test
    void aRedirectForAMacThatIsLocalAgainIsIgnored() {
        Topo.Builder b = new Topo.Builder();
        b.redirects.add(VM3_TO_NVE3);

        assertThat(Fib.compute(b.build())).isEqualTo(Fib.compute(new Topo.Builder().build()));
    }

    @Test
    void twoRedirectsForOneMacAtOneNveAreAnInputError() {
        Topo.Builder b = moved();
        b.redirects.add(VM3_TO_NVE3);
        FibInput input = b.build();
        Redirect other = new Redirect("net-a", mac(3), "nve2", NVE1.vtep(), 100);
        FibEngine engine = FibEngine.start(input);

        assertThatThrownBy(() -> input.apply(new FibChange.RedirectAdded(other)))
                .isInstanceOfSatisfying(FibInputException.class, e -> assertThat(e.field()).isEqualTo("redirect"));
        assertThatThrownBy(() -> engine.apply(new FibChange.RedirectAdded(other)))
                .isInstanceOfSatisfying(FibInputException.class, e -> assertThat(e.field()).isEqualTo("redirect"));
    }

    @Test
    void addingAndRemovingARedirectTouchesOnlyTheOldNve() {
        FibInput input = moved().build();
        FibEngine engine = FibEngine.start(input);

        FibUpdate added = engine.apply(new FibChange.RedirectAdded(VM3_TO_NVE3));
        assertThat(added.changed()).containsOnlyKeys("nve2");
        FibUpdate removed = engine.apply(new FibChange.RedirectRemoved(VM3_TO_NVE3));
        assertThat(removed.changed()).containsOnlyKeys("nve2");
        assertThat(engine.states()).isEqualTo(Fib.compute(input));
        assertThat(engine.input().redirects()).isEmpty();
    }
}
