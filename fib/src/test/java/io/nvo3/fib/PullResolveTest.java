package io.nvo3.fib;

import static io.nvo3.fib.Topo.NET_A;
import static io.nvo3.fib.Topo.NVE2;
import static io.nvo3.fib.Topo.mac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nvo3.fib.flow.Action;
import io.nvo3.fib.flow.FlowEntry;
import io.nvo3.fib.input.FibInput;
import io.nvo3.fib.input.FibInputException;
import io.nvo3.fib.input.FibMode;
import io.nvo3.fib.input.IpAddresses;
import io.nvo3.fib.input.MacAddress;
import io.nvo3.fib.input.RemoteMac;
import io.nvo3.fib.input.TsState;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link Pull#resolve} on nve1 of the test domain, net-a in pull mode, a BGP MAC/IP route for ...:4d (.77). */
class PullResolveTest {
    private static final PullPolicy DROP_UNKNOWN = new PullPolicy(30, PullPolicy.Unknown.DROP);
    private static final Inet4Address BGP_VTEP = IpAddresses.parseV4("198.18.9.9");
    private static final List<Action> FLOOD = List.of(new Action.Group(Tables.floodFromLocalGroup(100)));
    private static final List<Action> IN_PORT = List.of(new Action.OutputInPort());

    private static FibInput input() {
        Topo.Builder b = new Topo.Builder().mode(NET_A, FibMode.PULL).state("vm2", TsState.SUSPENDED);
        b.tss.add(Topo.vm("vm4", NET_A, 4, Topo.NVE1, 4, "203.0.113.4"));
        b.macs.add(new RemoteMac("net-a", mac(77), Optional.of(IpAddresses.parse("203.0.113.77")), BGP_VTEP, 5100));
        b.macs.add(new RemoteMac("net-a", mac(78), Optional.of(IpAddresses.parse("203.0.113.3")), BGP_VTEP, 5100));
        return b.build();
    }

    private static PullQuery arp(MacAddress sha, String spa, String tpa) {
        return new PullQuery.ArpRequest(sha, IpAddresses.parseV4(spa), IpAddresses.parseV4(tpa));
    }

    private static PullResult reply(int ownerMac, String ownerIp, int askerMac, String askerIp) {
        return new PullResult.ArpReply(mac(ownerMac), IpAddresses.parseV4(ownerIp), mac(askerMac),
                IpAddresses.parseV4(askerIp), IN_PORT);
    }

    static Stream<Arguments> arpCases() {
        return Stream.of(
                Arguments.of("a BGP MAC/IP route is answered", arp(mac(1), "203.0.113.1", "203.0.113.77"),
                        PullPolicy.DEFAULT, reply(77, "203.0.113.77", 1, "203.0.113.1")),
                Arguments.of("a local VM is answered", arp(mac(1), "203.0.113.1", "203.0.113.4"),
                        PullPolicy.DEFAULT, reply(4, "203.0.113.4", 1, "203.0.113.1")),
                Arguments.of("an unknown address floods by default", arp(mac(1), "203.0.113.1", "203.0.113.9"),
                        PullPolicy.DEFAULT, new PullResult.Flood(FLOOD)),
                Arguments.of("an unknown address drops when told", arp(mac(1), "203.0.113.1", "203.0.113.9"),
                        DROP_UNKNOWN, new PullResult.Drop("no owner of 203.0.113.9 in VN net-a")),
                Arguments.of("an address two MACs claim floods", arp(mac(1), "203.0.113.1", "203.0.113.3"),
                        DROP_UNKNOWN, new PullResult.Flood(FLOOD)),
                Arguments.of("a suspended VM's address is not answered", arp(mac(1), "203.0.113.1", "203.0.113.2"),
                        DROP_UNKNOWN, new PullResult.Drop("no owner of 203.0.113.2 in VN net-a")),
                Arguments.of("an RFC 5227 probe floods", arp(mac(1), "0.0.0.0", "203.0.113.4"),
                        DROP_UNKNOWN, new PullResult.Flood(FLOOD)),
                Arguments.of("an announcement floods", arp(mac(4), "203.0.113.4", "203.0.113.4"),
                        DROP_UNKNOWN, new PullResult.Flood(FLOOD)),
                Arguments.of("the owner asking for its own address floods", arp(mac(4), "203.0.113.5", "203.0.113.4"),
                        DROP_UNKNOWN, new PullResult.Flood(FLOOD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arpCases")
    void answersArpRequestsFromTheFib(String name, PullQuery query, PullPolicy policy, PullResult expected) {
        assertThat(Pull.resolve(input(), "nve1", "net-a", query, policy)).isEqualTo(expected);
    }

    static Stream<Arguments> unicastCases() {
        List<Action> toNve2 = List.of(new Action.SetTunnelId(100), new Action.SetTunnelIpv4Dst(NVE2.vtep()),
                new Action.Output(Topo.TUNNEL));
        List<Action> toBgp = List.of(new Action.SetTunnelId(5100), new Action.SetTunnelIpv4Dst(BGP_VTEP),
                new Action.Output(Topo.TUNNEL));
        return Stream.of(
                Arguments.of("a VM on another NVE", mac(3), PullPolicy.DEFAULT, 1, toNve2),
                Arguments.of("a BGP MAC with its advertised VNI", mac(77), PullPolicy.DEFAULT, 1, toBgp),
                Arguments.of("a local VM (a race: it is pushed)", mac(4), PullPolicy.DEFAULT, 0,
                        List.of(new Action.Output(4))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unicastCases")
    void forwardsAUnicastMissAndInstallsOnlyWhatIsPulled(String name, MacAddress dst, PullPolicy policy,
                                                        int installed, List<Action> packetOut) {
        PullResult.Forward fwd = (PullResult.Forward) Pull.resolve(input(), "nve1", "net-a",
                new PullQuery.UnicastMiss(dst), policy);

        assertThat(fwd.packetOut()).isEqualTo(packetOut);
        assertThat(fwd.install()).hasSize(installed);
        for (FlowEntry f : fwd.install()) {
            assertThat(f.table()).isEqualTo(Tables.L2);
            assertThat(f.match().toString()).contains("eth_dst=" + dst);
            assertThat(Pull.stillValid(input(), "nve1").test(f)).isTrue();
        }
    }

    @Test
    void theIdleTimeoutComesFromThePolicy() {
        PullResult.Forward fwd = (PullResult.Forward) Pull.resolve(input(), "nve1", "net-a",
                new PullQuery.UnicastMiss(mac(3)), DROP_UNKNOWN);

        assertThat(fwd.install().getFirst().idleTimeout()).isEqualTo(30);
    }

    @Test
    void unknownAndSuspendedDestinations() {
        assertThat(Pull.resolve(input(), "nve1", "net-a", new PullQuery.UnicastMiss(mac(99))))
                .isEqualTo(new PullResult.Flood(FLOOD));
        assertThat(Pull.resolve(input(), "nve1", "net-a", new PullQuery.UnicastMiss(mac(99)), DROP_UNKNOWN))
                .isInstanceOf(PullResult.Drop.class);
        assertThat(Pull.resolve(input(), "nve1", "net-a", new PullQuery.UnicastMiss(mac(2))))
                .isEqualTo(new PullResult.Drop(mac(2) + " belongs to suspended port vm2"));
        assertThat(Pull.resolve(input(), "nve3", "net-a", new PullQuery.UnicastMiss(mac(3))))
                .isEqualTo(new PullResult.Drop("VN net-a has no forwarding port on nve3"));
    }

    @Test
    void unknownNveOrVnIsAnInputErrorNamingTheField() {
        assertThatThrownBy(() -> Pull.resolve(input(), "nve9", "net-a", new PullQuery.UnicastMiss(mac(3))))
                .isInstanceOfSatisfying(FibInputException.class, e -> assertThat(e.field()).isEqualTo("systemId"));
        assertThatThrownBy(() -> Pull.resolve(input(), "nve1", "net-z", new PullQuery.UnicastMiss(mac(3))))
                .isInstanceOfSatisfying(FibInputException.class, e -> assertThat(e.field()).isEqualTo("vnId"));
        assertThatThrownBy(() -> new PullPolicy(0, PullPolicy.Unknown.FLOOD))
                .isInstanceOfSatisfying(FibInputException.class,
                        e -> assertThat(e.field()).isEqualTo("pullPolicy.idleTimeoutSeconds"));
    }
}
